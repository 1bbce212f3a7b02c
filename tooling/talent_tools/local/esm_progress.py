"""What a mapping's thread shares with its callers: counters, committed offsets, assignment, busy/idle.

The event source mapping runner (`talent_tools.local.esm_runner`) polls and invokes on its own thread;
tests and `talent dev` read its progress and wait on it from theirs. One condition guards all of that
state, and every change notifies it, so a waiter wakes as soon as what it waits for holds, or raises
the error that ended the thread.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from talent_tools.local.batch_outcome import PartitionId


@dataclass
class RunnerMetrics:
    invocations: int = 0
    records_delivered: int = 0  # records passed to the function, redeliveries included
    records_succeeded: int = 0
    retries: int = 0
    function_errors: int = 0
    invalid_responses: int = 0
    partial_failures: int = 0
    bisections: int = 0
    records_to_failure_sink: int = 0
    records_discarded: int = 0  # retries exhausted and no on-failure destination
    records_committed: int = 0  # succeeded or given up on, and committed
    commit_failures: int = 0
    partition_pauses: int = 0  # a partition's buffer ran ahead of its invocations: fetching paused


class RunnerFailed(RuntimeError):
    """The mapping's thread stopped on an error (broker fatal error, failure destination down...)."""


class MappingProgress:
    """The shared state and the waits on it; the runner subclasses it and writes under `_changed`."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._thread: threading.Thread | None = None
        self._changed = threading.Condition()
        self._metrics = RunnerMetrics()
        self._committed: dict[PartitionId, int] = {}
        self._assigned: set[PartitionId] = set()
        self._busy = False
        self._last_activity = time.monotonic()
        self._error: BaseException | None = None

    @property
    def error(self) -> BaseException | None:
        return self._error

    def _raise_if_failed(self) -> None:
        if self._error is not None:
            raise RunnerFailed(f"{self._name}: {self._error!r}") from self._error

    def metrics(self) -> RunnerMetrics:
        with self._changed:
            return dataclasses.replace(self._metrics)

    def committed_offsets(self) -> dict[PartitionId, int]:
        with self._changed:
            return dict(self._committed)

    def _wait_for(self, predicate: Callable[[], bool], timeout_s: float, what: str) -> RunnerMetrics:
        deadline = time.monotonic() + timeout_s
        with self._changed:
            while not predicate():
                self._raise_if_failed()
                if self._thread is not None and not self._thread.is_alive():
                    raise RunnerFailed(f"{self._name}: runner stopped while waiting for {what}")
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"{self._name}: no {what} after {timeout_s} s: {self._metrics}")
                self._changed.wait(min(remaining, 0.2))
            return dataclasses.replace(self._metrics)

    def wait_until_ready(self, timeout_s: float = 30.0) -> None:
        """Until the group gave us partitions and their start offsets are fixed."""
        self._wait_for(lambda: bool(self._assigned), timeout_s, "partition assignment")

    def wait_until_committed(self, records: int, timeout_s: float = 30.0) -> RunnerMetrics:
        """Until at least `records` records were committed (succeeded or handed to the failure sink)."""
        return self._wait_for(lambda: self._metrics.records_committed >= records, timeout_s, f"{records} commits")

    def wait_until_idle(self, quiet_s: float = 1.0, timeout_s: float = 30.0) -> RunnerMetrics:
        """Until no batch is in flight and nothing was received for `quiet_s`."""
        return self._wait_for(
            lambda: not self._busy and time.monotonic() - self._last_activity >= quiet_s, timeout_s, "idle period"
        )

    def _update(self, **deltas: int) -> None:
        with self._changed:
            for name, delta in deltas.items():
                setattr(self._metrics, name, getattr(self._metrics, name) + delta)
            self._changed.notify_all()
