"""Everything `talent dev` runs: the local stack, a pool of workers per function, the mappings, the HR API.

Each function gets up to `environments` execution environments (worker processes, created on demand and
kept warm), or its ReservedConcurrentExecutions when the template sets one; the mappings invoke one batch
per partition at a time and the HR API one request per environment, as Lambda does.
"""

from __future__ import annotations

import functools
import json
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, replace
from pathlib import Path
from types import TracebackType
from typing import Any

from rich.console import Console

from talent.model_threads import THREADS_VARIABLE
from talent_tools.local.api_gateway import ApiGatewayAdapter
from talent_tools.local.auth import LocalAuthority
from talent_tools.local.dev_session_state import DEFAULT_STATE_DIR, StackState, clear_state, write_state
from talent_tools.local.esm_runner import EventSourceMappingRunner
from talent_tools.local.failure_queue import SqsFailureQueue
from talent_tools.local.function_pool import FunctionPool
from talent_tools.local.invocation import Invocable
from talent_tools.local.moto_and_broker import LocalStack
from talent_tools.local.prometheus import EmfTotals, PrometheusEndpoint
from talent_tools.local.rie import RieClient, RieServer
from talent_tools.local.shutdown import stop_signals_ignored
from talent_tools.local.sign_in_flow import SignInFlow, load_or_create_users
from talent_tools.local.sign_in_server import LocalSignInServer
from talent_tools.local.template_specs import KafkaSource


class FunctionFailed(RuntimeError):
    pass


def default_environments() -> int:
    """Environments per function when the template reserves none: one per core, so invocations that wait on
    the broker or the store overlap while the CPU-bound ones do not crowd each other out."""
    return max(1, os.cpu_count() or 1)


def core_share(environments: int) -> int:
    """Cores for each of a function's environments when all of them run at once (at least one)."""
    return max(1, (os.cpu_count() or 1) // max(1, environments))


class DevSession:
    def __init__(
        self,
        root: Path,
        *,
        durable: bool = False,
        kafka_source: KafkaSource = "MSK",
        api_port: int = 0,
        metrics_port: int = 0,
        console: Console | None = None,
        state_dir: Path | None = None,
        environments: int | None = None,
        over_rie: bool = False,
    ) -> None:
        self.root = root
        self.over_rie = over_rie
        self.environments = environments or default_environments()
        self.state_dir = state_dir or root / DEFAULT_STATE_DIR
        self.console = console or Console()
        self.stack = LocalStack(root, self.state_dir, durable=durable, kafka_source=kafka_source)
        self.api_port = api_port
        self.functions: dict[str, FunctionPool] = {}
        # With over_rie, every invocation (mappings, HR API) goes through RIE's HTTP invoke API in front of
        # each pool, as it would reach a function container: the path the Docker stack uses.
        self.rie: dict[str, RieServer] = {}
        self.runners: dict[str, EventSourceMappingRunner] = {}
        self.api: ApiGatewayAdapter | None = None
        self.sign_in: LocalSignInServer | None = None
        self.prometheus: PrometheusEndpoint | None = None
        self.metrics_port = metrics_port

    # ------------------------------------------------------------ lifecycle
    def start(self) -> DevSession:
        started = time.monotonic()
        # Everything up to `return` is inside the try: a stop signal that lands after stack.json is written
        # (a script waiting for that file signals at once) raises here, before the `with` block's __exit__
        # exists to stop what started.
        try:
            steps = (
                ("Kafka broker and moto, the template's resources", self.stack.start),
                ("function environments and their event source mappings", self._start_functions),
                ("HR API", self._start_api),
                ("sign-in server", self._start_sign_in),
                ("Prometheus endpoint", self._start_metrics),
            )
            # A spinner naming the step on a terminal (the first start builds nothing, but a cold one takes ~10 s)
            with self.console.status("starting the local stack") as status:
                for what, step in steps:
                    status.update(f"starting: {what}")
                    step()
            write_state(
                StackState.of(self.stack.bootstrap, self.stack.aws_endpoint, self.api_url, self.stack.names),
                self.state_dir,
            )
            self.console.print(
                f"[green]local stack up[/] in {time.monotonic() - started:.1f} s: kafka {self.stack.bootstrap}, "
                f"aws {self.stack.aws_endpoint}, {len(self.functions)} functions, {len(self.runners)} mappings, "
                f"HR API {self.api_url} (page: {self.api_url}/ui), "
                f"Prometheus {self.prometheus.url if self.prometheus else '-'}"
            )
            if self.sign_in is not None:
                self.console.print(f"sign in on the page as hr-1 (users and passwords: {self.users_file})")
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Stop everything started, each part even when an earlier one fails to stop; the first failure is
        raised once the broker and moto are down."""
        steps: list[Callable[[], object]] = [
            functools.partial(runner.stop, raise_on_error=False) for runner in self.runners.values()
        ]
        if self.api is not None:
            steps.append(self.api.stop)
        if self.sign_in is not None:
            steps.append(self.sign_in.stop)
        if self.prometheus is not None:
            steps.append(self.prometheus.stop)
        steps += [server.stop for server in self.rie.values()]
        steps += [pool.close for pool in self.functions.values()]
        steps += [self.stack.stop, functools.partial(clear_state, self.state_dir)]
        failures: list[BaseException] = []
        with stop_signals_ignored():
            for step in steps:
                try:
                    step()
                except Exception as exc:  # noqa: BLE001 - the rest must still stop; raised below
                    failures.append(exc)
        if failures:
            raise failures[0]

    def __enter__(self) -> DevSession:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def _start_functions(self) -> None:
        logs = self.state_dir / "logs"
        for name, spec in self.stack.template.functions().items():
            size = spec.reserved_concurrency or self.environments
            # Each environment computes on its share of the cores, as a Lambda environment has its own vCPUs;
            # a template's own TALENT_MODEL_THREADS wins.
            environment = {THREADS_VARIABLE: str(core_share(size)), **self.stack.function_env(name)}
            # Kept before start(): stop() closes every pool, even one whose init failed.
            self.functions[name] = FunctionPool(
                replace(spec, environment=environment),
                size,
                function_name=name,
                log_path=logs / f"{name}.log",
            )
        # Each pool's first environment initialises at the same time (an interpreter importing the handler);
        # leaving the `with` waits for all of them, so a failure or a stop signal reaches stop() only then.
        with ThreadPoolExecutor(max_workers=len(self.functions) or 1) as starting:
            for started in [starting.submit(pool.start) for pool in self.functions.values()]:
                started.result()
        if self.over_rie:
            for name, pool in self.functions.items():
                self.rie[name] = RieServer(pool).start()
        for mapping in self.stack.template.kafka_mappings():
            sink = None
            if mapping.on_failure_queue:
                queue_url = self.stack.names.refs[mapping.on_failure_queue]
                sink = SqsFailureQueue(queue_url, client=self.stack.client("sqs"))
            runner = EventSourceMappingRunner(mapping, self.invocable(mapping.function), self.stack.bootstrap, sink)
            runner.start()
            self.runners[mapping.function] = runner
        for runner in self.runners.values():
            runner.wait_until_ready()

    def _start_api(self) -> None:
        spec = self.stack.template.api()
        function = self.invocable(spec.function)

        def invoke(event: dict[str, Any]) -> dict[str, Any]:
            result = function.invoke(event)
            if result.ok:
                return dict(result.result)
            if result.error_type == "Sandbox.Timedout":
                raise TimeoutError(result.error_message)
            raise FunctionFailed(f"{result.error_type}: {result.error_message}")

        authority = LocalAuthority.from_dir(self.state_dir / "jwt")
        self.api = ApiGatewayAdapter(invoke, spec.stage, authority, port=self.api_port, public=spec.public).start()

    @property
    def users_file(self) -> Path:
        return self.state_dir / "sign-in-users.json"

    def _start_sign_in(self) -> None:
        """The local hosted UI, and the parameter the HR function reads it from (as the template writes
        Cognito's): the page signs in with the authorization code flow, as it does in AWS."""
        spec = self.stack.template.api()
        parameter = self.stack.function_env(spec.function).get("HR_SIGN_IN_PARAMETER")
        if parameter is None or self.api is None:
            return
        authority = LocalAuthority.from_dir(self.state_dir / "jwt")
        flow = SignInFlow(authority, load_or_create_users(self.users_file), redirect_uris=[f"{self.api.url}/ui"])
        self.sign_in = LocalSignInServer(flow).start()
        self.stack.client("ssm").put_parameter(
            Name=parameter, Value=json.dumps(self.sign_in.settings()), Type="String", Overwrite=True
        )

    def invocable(self, name: str) -> Invocable:
        """How the stack invokes function `name`: its pool, or RIE's invoke API in front of it."""
        pool = self.functions[name]
        if name not in self.rie:
            return pool
        return RieClient(self.rie[name].url, pool.function_arn, float(pool.spec.timeout_s))

    def _start_metrics(self) -> None:
        logs = {name: self.state_dir / "logs" / f"{name}.log" for name in self.functions}

        def mappings() -> dict[str, dict[str, int]]:
            return {name: asdict(runner.metrics()) for name, runner in self.runners.items()}

        self.prometheus = PrometheusEndpoint(EmfTotals(logs), mappings, port=self.metrics_port).start()

    @property
    def api_url(self) -> str | None:
        return self.api.url if self.api else None

    # ------------------------------------------------------------ running
    def wait_forever(self) -> None:
        try:
            while True:
                for name, runner in self.runners.items():
                    if runner.error is not None:
                        raise FunctionFailed(f"the {name} mapping stopped: {runner.error}")
                time.sleep(0.5)
        except KeyboardInterrupt:
            self.console.print("stopping")

    def run_demo(self) -> None:
        from talent_tools.local.demo import run_demo

        run_demo(self)
