"""Factories for the event source mapping runner tests: topics, producers, mappings, recording functions.

The runner, the worker processes and the broker are real; only the function is a test double
(tests/integration/handlers/recording.py) that writes down what it received.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from confluent_kafka import Producer
from confluent_kafka.admin import AdminClient, NewTopic

from talent_tools.local.esm_runner import EventSourceMappingRunner, FailureSink
from talent_tools.local.function_pool import FunctionPool
from talent_tools.local.invocation import Invocable
from talent_tools.local.rie import RieClient, RieServer
from talent_tools.local.template_specs import FunctionSpec, KafkaMappingSpec

HANDLERS = Path(__file__).parent / "handlers"
CLUSTER_ARN = "arn:aws:kafka:us-east-1:123456789012:cluster/local/00000000-0000-0000-0000-000000000000-1"
SESSION_TIMEOUT_MS = 3000  # Tansu assigns after ~half of it: keeps each test's start near 1.5 s


def create_topic(bootstrap: str, topic: str, partitions: int = 1) -> None:
    admin = AdminClient({"bootstrap.servers": bootstrap})
    for future in admin.create_topics([NewTopic(topic, num_partitions=partitions, replication_factor=1)]).values():
        future.result(timeout=15)


def produce(bootstrap: str, topic: str, values: list[dict[str, Any]], partition: int | None = None) -> None:
    """Produce JSON values in order; with `partition=None` value i goes to partition value['p'] or 0."""
    producer = Producer({"bootstrap.servers": bootstrap, "linger.ms": 5})
    errors: list[str] = []

    def delivered(err: Any, _msg: Any) -> None:
        if err is not None:
            errors.append(str(err))

    for value in values:
        target = partition if partition is not None else int(value.get("p", 0))
        producer.produce(topic, json.dumps(value).encode(), partition=target, on_delivery=delivered)
    assert producer.flush(15) == 0, "messages not delivered in 15 s"
    assert not errors, errors


def mapping(topic: str, group: str, **overrides: Any) -> KafkaMappingSpec:
    base = KafkaMappingSpec(
        logical_id="RecordingMapping",
        function="recording",
        event_source="aws:kafka",
        event_source_arn=CLUSTER_ARN,
        bootstrap_servers=(),
        topics=(topic,),
        consumer_group=group,
        starting_position="TRIM_HORIZON",
        batch_size=10,
        max_batching_window_s=0.3,
        max_retry_attempts=-1,
        bisect_on_error=False,
        report_batch_item_failures=False,
        on_failure_queue=None,
    )
    return dataclasses.replace(base, **overrides)


@dataclass
class Recording:
    """The lines the recording handler appended: one per invocation."""

    path: Path

    def invocations(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text().splitlines() if line]

    def offsets(self, action: str | None = None) -> list[tuple[int, int]]:
        """(partition, offset) of every record delivered, in delivery order; only `action` ones if set."""
        return [
            (r["partition"], r["offset"])
            for inv in self.invocations()
            if action is None or inv["action"] == action
            for r in inv["records"]
        ]


def recording_function(tmp_path: Path, handler: str = "handler", timeout_s: int = 10) -> tuple[FunctionSpec, Recording]:
    state = tmp_path / "state"
    state.mkdir(exist_ok=True)
    recording = Recording(tmp_path / "invocations.jsonl")
    spec = FunctionSpec(
        logical_id="RecordingFunction",
        name="recording",
        module_path=HANDLERS / "recording.py",
        handler_attr=handler,
        timeout_s=timeout_s,
        memory_mb=256,
        environment={
            "RECORDING_FILE": str(recording.path),
            "RECORDING_STATE_DIR": str(state),
            "POWERTOOLS_SERVICE_NAME": "recording",
        },
    )
    return spec, recording


@contextmanager
def running(
    spec: FunctionSpec,
    mapping_spec: KafkaMappingSpec,
    bootstrap: str,
    failure_sink: FailureSink | None = None,
    log_path: Path | None = None,
    *,
    environments: int = 1,
    max_concurrency: int | None = None,
    over_rie: bool = False,
) -> Iterator[tuple[EventSourceMappingRunner, FunctionPool]]:
    """A started runner over a fresh pool of `environments` workers (through RIE's HTTP invoke API with
    `over_rie`); all are stopped (workers by PID) on exit."""
    worker = FunctionPool(spec, environments, log_path=log_path)
    rie = RieServer(worker).start() if over_rie else None
    function: Invocable = RieClient(rie.url, worker.function_arn, spec.timeout_s) if rie else worker
    runner = EventSourceMappingRunner(
        mapping_spec,
        function,
        bootstrap,
        failure_sink,
        session_timeout_ms=SESSION_TIMEOUT_MS,
        retry_backoff_s=0.05,
        max_backoff_s=0.2,
        max_concurrency=max_concurrency,
    )
    try:
        runner.start()
        runner.wait_until_ready(timeout_s=20)
        yield runner, worker
    finally:
        try:
            runner.stop()
        finally:
            if rie is not None:
                rie.stop()
            worker.close()


def consume_all(bootstrap: str, topic: str, timeout_s: float = 15.0) -> list[dict[str, Any]]:
    """Every JSON value on the topic, read from the start with a throwaway group until each partition's EOF."""
    import time
    import uuid

    from confluent_kafka import Consumer

    consumer = Consumer(
        {
            "bootstrap.servers": bootstrap,
            "group.id": f"read-{uuid.uuid4().hex}",
            "auto.offset.reset": "earliest",
            "enable.partition.eof": True,
            "session.timeout.ms": SESSION_TIMEOUT_MS,
        }
    )
    consumer.subscribe([topic])
    values: list[dict[str, Any]] = []
    finished: set[int] = set()
    deadline = time.monotonic() + timeout_s
    try:
        while time.monotonic() < deadline:
            message: Any = consumer.poll(0.5)
            if message is None:
                if consumer.assignment() and finished >= {p.partition for p in consumer.assignment()}:
                    break
                continue
            if message.error():
                if message.error().code() == -191:  # _PARTITION_EOF
                    finished.add(message.partition())
                    if finished >= {p.partition for p in consumer.assignment()}:
                        break
                    continue
                raise AssertionError(str(message.error()))
            values.append(json.loads(message.value()))
    finally:
        consumer.close()
    return values
