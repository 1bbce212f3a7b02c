"""A function's pool of execution environments: warm reuse, a cold start per new environment, a size cap."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

from talent_tools.local.function_pool import FunctionPool
from talent_tools.local.invocation import InvocationResult
from talent_tools.local.template_specs import FunctionSpec

SPEC = FunctionSpec(
    logical_id="DemoFunction",
    name="demo",
    module_path=Path("functions/demo/app.py"),
    handler_attr="handler",
    timeout_s=3,
    memory_mb=128,
    environment={},
)


class FakeEnvironment:
    """An execution environment whose invocations block until the test lets them finish."""

    def __init__(self, number: int, gate: threading.Event) -> None:
        self.number = number
        self.gate = gate
        self.started = False
        self.closed = False
        self.invocations = 0

    @property
    def pid(self) -> int | None:
        return 1000 + self.number if self.started else None

    def alive(self) -> bool:
        return self.started and not self.closed

    def start(self) -> None:
        self.started = True

    def invoke(self, event: dict[str, Any], timeout_s: float | None = None) -> InvocationResult:
        cold = not self.started
        self.started = True
        self.invocations += 1
        assert self.gate.wait(5), "the test never let the invocation finish"
        return InvocationResult(request_id=str(event["n"]), ok=True, result=self.number, cold_start=cold)

    def close(self) -> None:
        self.closed = True


def pool_of(size: int, gate: threading.Event) -> tuple[FunctionPool, list[FakeEnvironment]]:
    made: list[FakeEnvironment] = []

    def factory(spec: FunctionSpec, name: str, log_path: Path | None) -> FakeEnvironment:
        made.append(FakeEnvironment(len(made), gate))
        return made[-1]

    return FunctionPool(SPEC, size, environment_factory=factory), made


def invoke_at_once(pool: FunctionPool, count: int) -> list[threading.Thread]:
    threads = [threading.Thread(target=pool.invoke, args=({"n": n},)) for n in range(count)]
    for thread in threads:
        thread.start()
    return threads


def test_invocations_one_after_another_reuse_one_warm_environment():
    gate = threading.Event()
    gate.set()
    pool, made = pool_of(4, gate)

    results = [pool.invoke({"n": n}) for n in range(5)]

    assert [r.result for r in results] == [0] * 5
    assert [r.cold_start for r in results] == [True, False, False, False, False]
    assert len(made) == 1
    stats = pool.stats()
    assert (stats.invocations, stats.cold_starts, stats.environments, stats.peak_concurrency) == (5, 1, 1, 1)


def test_concurrent_invocations_get_their_own_environments_up_to_the_size_then_wait():
    gate = threading.Event()
    pool, made = pool_of(2, gate)

    threads = invoke_at_once(pool, 3)
    for _ in range(100):  # two are inside their environments, the third waits for one
        if sum(e.invocations for e in made) == 2 and pool.stats().waits == 1:
            break
        threading.Event().wait(0.01)
    assert len(made) == 2 and pool.stats().waits == 1
    gate.set()
    for thread in threads:
        thread.join(5)

    stats = pool.stats()
    assert (stats.invocations, stats.environments, stats.peak_concurrency, stats.cold_starts) == (3, 2, 2, 2)
    assert sorted(e.invocations for e in made) == [1, 2]  # the waiter reused a warm one


def test_start_initialises_one_environment_without_counting_an_invocation_and_close_stops_them_all():
    gate = threading.Event()
    gate.set()
    pool, made = pool_of(3, gate)

    pool.start()
    first = pool.invoke({"n": 1})
    pool.close()

    assert first.cold_start is False  # started beforehand, like a provisioned environment
    assert pool.stats().invocations == 1 and pool.stats().cold_starts == 0
    assert all(e.closed for e in made)
    with pytest.raises(RuntimeError, match="closed"):
        pool.invoke({"n": 2})


def test_a_pool_needs_at_least_one_environment():
    with pytest.raises(ValueError, match="at least one"):
        FunctionPool(SPEC, 0)
