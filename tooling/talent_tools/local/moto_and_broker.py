"""The embedded local stack: moto server with the template's stores, and a Tansu Kafka broker.

No Docker, no AWS: both servers are child processes on 127.0.0.1, stopped by the PID we started.
The event-source-mapping runner and the API adapter are built on top of this, not in it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import boto3

from talent_tools.local.aws_requests import bucket_name, check_prefix
from talent_tools.local.kafka_topics import DEFAULT_PARTITIONS, create_topics, template_topic_config, template_topics
from talent_tools.local.processes import ServerProcess, free_port, start_broker, start_moto
from talent_tools.local.provision import bind, ensure_bucket, provision
from talent_tools.local.template import PhysicalNames, Template
from talent_tools.local.template_specs import KafkaSource
from talent_tools.local.tenant_keys import LOCAL_TENANTS, ensure_local_secrets

# moto accepts any credentials; these keep boto3 from ever looking for real ones.
FAKE_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


class StackNotStarted(RuntimeError):
    """A property of the running stack was read before start() or after stop()."""


class LocalStack:
    """moto server → the template's tables, buckets and queues → Tansu broker → the template's topics.

    `durable=False` keeps Kafka in the broker's memory (memory://tansu/): a broker restart empties it.
    `durable=True` keeps topics, records and committed offsets in the bucket `<prefix>-kafka` on the
    local moto S3 (s3:// storage), so they survive `restart_broker()`. moto keeps its own state in
    memory, so durable means "survives a broker restart while moto is up": stop() loses everything,
    including the Kafka bucket. The tables, buckets and queues are never durable.

    `kafka_source` picks which of the template's event source mappings exist (MSK or SelfManaged);
    either way they read the local broker, which is also what KafkaBootstrapServers resolves to.
    """

    def __init__(
        self,
        root: Path,
        state_dir: Path,
        durable: bool = False,
        kafka_source: KafkaSource = "MSK",
        *,
        prefix: str = "talent-local",
        parameters: Mapping[str, str] | None = None,
        partitions: int = DEFAULT_PARTITIONS,
    ) -> None:
        self.root = root
        self.state_dir = state_dir
        self.durable = durable
        self.kafka_source = kafka_source
        self.prefix = check_prefix(prefix)
        self.parameters = dict(parameters or {})
        self.partitions = partitions
        self._moto: ServerProcess | None = None
        self._broker: ServerProcess | None = None
        self._broker_port: int | None = None
        self._template: Template | None = None

    # ------------------------------------------------------------ lifecycle
    def start(self) -> LocalStack:
        if self._moto is not None:
            raise RuntimeError("the local stack is already started")
        try:
            self._moto = start_moto(self.log_dir)
            self._broker_port = free_port()
            template = Template(
                self.root / "template.yaml",
                {
                    "KafkaBootstrapServers": self._broker_address(),
                    **self.parameters,
                    "KafkaSource": self.kafka_source,
                },
            )
            names = provision(template, prefix=self.prefix, endpoint=self.aws_endpoint, session=self.session)
            self._template = bind(template, names)
            # The secrets every function reads: the tombstone key and the local tenants' signing keys (public,
            # local-only keys; `talent produce` and in-process invocations add other tenants' on first use).
            any_function = next(iter(self._template.functions().values()))
            ensure_local_secrets(self.client("ssm"), any_function.environment, LOCAL_TENANTS)
            if self.kafka_bucket is not None:
                ensure_bucket(self.session.client("s3", endpoint_url=self.aws_endpoint), self.kafka_bucket, self.region)
            self._start_broker()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop the broker, then moto: each by the PID we started. Safe to call twice."""
        if self._broker is not None:
            self._broker.stop()
            self._broker = None
        if self._moto is not None:
            self._moto.stop()
            self._moto = None
        self._template = None
        self._broker_port = None

    def restart_broker(self) -> None:
        """A new broker process on the same port and storage; topics are created again if missing."""
        if self._broker is None:
            raise StackNotStarted("restart_broker() needs a started stack")
        self._broker.stop()
        self._broker = None
        self._start_broker()

    def __enter__(self) -> LocalStack:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _start_broker(self) -> None:
        if self._broker_port is None:
            raise StackNotStarted("the broker port is chosen by start()")
        self._broker = start_broker(
            self.log_dir,
            port=self._broker_port,
            storage_url=self.storage_url,
            s3_endpoint=self.aws_endpoint if self.durable else None,
        )
        create_topics(
            self.bootstrap,
            template_topics(self.template, self.partitions),
            config=template_topic_config(self.template),
        )

    # ----------------------------------------------------------- properties
    @property
    def log_dir(self) -> Path:
        return self.state_dir / "logs"

    @property
    def region(self) -> str:
        return "us-east-1"

    @property
    def kafka_bucket(self) -> str | None:
        return bucket_name(self.prefix, "Kafka") if self.durable else None

    @property
    def storage_url(self) -> str:
        return f"s3://{self.kafka_bucket}/" if self.kafka_bucket else "memory://tansu/"

    @property
    def aws_endpoint(self) -> str:
        if self._moto is None:
            raise StackNotStarted("aws_endpoint needs a started stack")
        return f"http://{self._moto.address}"

    @property
    def bootstrap(self) -> str:
        if self._broker is None:
            raise StackNotStarted("bootstrap needs a started broker")
        return self._broker.address

    @property
    def broker_pid(self) -> int:
        if self._broker is None:
            raise StackNotStarted("broker_pid needs a started broker")
        return self._broker.proc.pid

    @property
    def moto_pid(self) -> int:
        if self._moto is None:
            raise StackNotStarted("moto_pid needs a started stack")
        return self._moto.proc.pid

    @property
    def names(self) -> PhysicalNames:
        return self.template.names

    @property
    def template(self) -> Template:
        """template.yaml bound to the created names: functions() and kafka_mappings() resolve."""
        if self._template is None:
            raise StackNotStarted("template needs a started stack")
        return self._template

    @property
    def session(self) -> boto3.Session:
        """A boto3 session with fake credentials; pass endpoint_url=aws_endpoint to its clients."""
        return boto3.Session(
            aws_access_key_id=FAKE_CREDENTIALS["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=FAKE_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
            region_name=self.region,
        )

    def client(self, service: str) -> Any:
        """A boto3 client of `service` on the local endpoint."""
        return self.session.client(service, endpoint_url=self.aws_endpoint)  # type: ignore[call-overload]

    def function_env(self, name: str) -> dict[str, str]:
        """The environment a function gets: the template's, plus where the local AWS and Kafka are.

        `name` is the function folder (ingest_application) or its logical id (IngestApplicationFunction).
        """
        functions = self.template.functions()
        spec = functions.get(name) or next((f for f in functions.values() if f.logical_id == name), None)
        if spec is None:
            raise KeyError(f"no function {name!r} in the template; known: {sorted(functions)}")
        return {
            **spec.environment,
            **FAKE_CREDENTIALS,
            "AWS_ENDPOINT_URL": self.aws_endpoint,
            "AWS_REGION": self.region,
            "AWS_DEFAULT_REGION": self.region,
            "KAFKA_BOOTSTRAP_SERVERS": self.bootstrap,
        }

    def _broker_address(self) -> str:
        return f"127.0.0.1:{self._broker_port}"
