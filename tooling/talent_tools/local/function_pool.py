"""A function's execution environments: as many worker processes as invocations run at once, up to a size.

Lambda gives each concurrent invocation its own execution environment, reuses an idle one when there is
one (a warm start) and creates one otherwise (a cold start), up to the function's reserved concurrency.
`FunctionPool` does the same with `FunctionWorker`s: an invocation takes an idle environment, preferring
one that is already initialised, starts a new one while fewer than `size` exist, and otherwise waits
for one to free up (where Lambda would throttle, the local stack queues: nothing is lost on a laptop).
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from talent_tools.local.function_env import function_arn
from talent_tools.local.invocation import InvocationResult
from talent_tools.local.invoker import FunctionWorker
from talent_tools.local.template_specs import FunctionSpec


class Environment(Protocol):
    """One execution environment: what FunctionWorker is to the pool."""

    @property
    def pid(self) -> int | None: ...

    def alive(self) -> bool: ...

    def start(self) -> None: ...

    def invoke(self, event: dict[str, Any], timeout_s: float | None = None) -> InvocationResult: ...

    def close(self) -> None: ...


EnvironmentFactory = Callable[[FunctionSpec, str, Path | None], Environment]


def _worker(spec: FunctionSpec, function_name: str, log_path: Path | None) -> Environment:
    return FunctionWorker(spec, function_name=function_name, log_path=log_path)


@dataclass
class PoolStats:
    invocations: int = 0
    cold_starts: int = 0  # invocations that found their environment uninitialised (first, or after a crash)
    environments: int = 0  # created so far
    peak_concurrency: int = 0  # most invocations in flight at once
    waits: int = 0  # invocations that waited because all `size` environments were busy


class FunctionPool:
    """Up to `size` execution environments of one function; an `Invocable` for the runner and the API."""

    def __init__(
        self,
        spec: FunctionSpec,
        size: int,
        *,
        function_name: str | None = None,
        log_path: Path | None = None,
        environment_factory: EnvironmentFactory = _worker,
    ) -> None:
        if size < 1:
            raise ValueError(f"a function pool needs at least one environment, got {size}")
        self.spec = spec
        self.size = size
        self.function_name = function_name or spec.logical_id
        self._log_path = log_path
        self._factory = environment_factory
        self._free = threading.Condition()
        self._idle: list[Environment] = []
        self._all: list[Environment] = []
        self._in_flight = 0
        self._closed = False
        self._stats = PoolStats()

    @property
    def function_arn(self) -> str:
        return function_arn(self.function_name)

    def stats(self) -> PoolStats:
        with self._free:
            return dataclasses.replace(self._stats)

    def pids(self) -> list[int]:
        """The worker processes alive now."""
        with self._free:
            return [w.pid for w in self._all if w.alive() and w.pid is not None]

    def busy_pids(self) -> list[int]:
        """The worker processes in the middle of an invocation now."""
        with self._free:
            idle = {id(w) for w in self._idle}
            return [w.pid for w in self._all if id(w) not in idle and w.alive() and w.pid is not None]

    def start(self) -> FunctionPool:
        """Create and initialise the first environment now, so a broken handler fails at start-up."""
        worker = self._acquire(counted=False)
        try:
            worker.start()
        finally:
            self._release(worker)
        return self

    def close(self) -> None:
        """Stop every environment (by its own PID); an invocation still in flight ends with Runtime.ExitError."""
        with self._free:
            self._closed = True
            workers = list(self._all)
            self._free.notify_all()
        for worker in workers:
            worker.close()

    def __enter__(self) -> FunctionPool:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def invoke(self, event: dict[str, Any], timeout_s: float | None = None) -> InvocationResult:
        worker = self._acquire()
        try:
            result = worker.invoke(event, timeout_s)
        finally:
            self._release(worker)
        if result.cold_start:
            with self._free:
                self._stats.cold_starts += 1
        return result

    def _acquire(self, counted: bool = True) -> Environment:
        with self._free:
            waited = False
            while True:
                if self._closed:
                    raise RuntimeError(f"{self.function_name}: the function pool is closed")
                if self._idle:
                    # Warm first: an initialised environment serves at once, as Lambda reuses one.
                    self._idle.sort(key=lambda w: w.alive())
                    worker = self._idle.pop()
                    break
                if len(self._all) < self.size:
                    worker = self._factory(self.spec, self.function_name, self._log_path)
                    self._all.append(worker)
                    self._stats.environments += 1
                    break
                if counted and not waited:
                    self._stats.waits += 1
                waited = True
                self._free.wait()
            self._in_flight += 1
            if counted:
                self._stats.invocations += 1
                self._stats.peak_concurrency = max(self._stats.peak_concurrency, self._in_flight)
            return worker

    def _release(self, worker: Environment) -> None:
        with self._free:
            self._in_flight -= 1
            self._idle.append(worker)
            self._free.notify()
