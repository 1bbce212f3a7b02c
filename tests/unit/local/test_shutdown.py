"""talent dev's signal handling: SIGTERM and SIGINT become one StopRequested, and the cleanup itself is not
interrupted by a second signal."""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path

import pytest

from talent_tools.local.dev_session import DevSession
from talent_tools.local.shutdown import StopRequested, stop_on_signals, stop_signals_ignored


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_raises_stop_requested_and_the_handlers_are_restored(signum: signal.Signals) -> None:
    before = signal.getsignal(signum)

    with pytest.raises(StopRequested) as stopped, stop_on_signals():
        os.kill(os.getpid(), signum)
        signal.sigtimedwait([], 0)  # give the interpreter a bytecode boundary to run the handler at

    assert stopped.value.signum == signum
    assert signal.getsignal(signum) == before


def test_a_sigint_ignored_at_start_is_handled_while_the_stack_runs() -> None:
    # As in a shell's background job, which starts with SIGINT ignored
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        with pytest.raises(StopRequested), stop_on_signals():
            os.kill(os.getpid(), signal.SIGINT)
            signal.sigtimedwait([], 0)
    finally:
        signal.signal(signal.SIGINT, previous)


def test_signals_during_the_cleanup_are_ignored() -> None:
    with stop_on_signals(), stop_signals_ignored():
        os.kill(os.getpid(), signal.SIGTERM)  # would end the test run if it were not ignored
        signal.sigtimedwait([], 0)
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


class _Stack:
    """Stands in for LocalStack: records whether it was stopped."""

    bootstrap = aws_endpoint = "127.0.0.1:1"
    names = None

    def __init__(self) -> None:
        self.stopped = False

    def start(self) -> None:
        pass

    def stop(self) -> None:
        self.stopped = True


def _session_whose_ready_message_is_interrupted(tmp_path: Path) -> tuple[DevSession, _Stack]:
    class _Console:
        def print(self, *args: object) -> None:
            raise StopRequested(signal.SIGTERM)  # the signal lands as the "stack up" line is printed

        def status(self, *args: object) -> contextlib.nullcontext[_Console]:
            return contextlib.nullcontext(self)  # no spinner: only the ready line matters here

        def update(self, *args: object) -> None:
            pass

    session = DevSession(tmp_path, state_dir=tmp_path / "state", console=_Console())  # type: ignore[arg-type]
    stack = _Stack()
    session.stack = stack  # type: ignore[assignment]
    for step in ("_start_functions", "_start_api", "_start_sign_in", "_start_metrics"):
        setattr(session, step, lambda: None)
    return session, stack


def test_a_stop_signal_after_stack_json_is_written_still_stops_the_stack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # CI once saw moto and Tansu outlive `talent dev`: the signal came while start() printed its ready line,
    # after the try that stops a half-started session and before `with` had an __exit__ to call.
    monkeypatch.setattr("talent_tools.local.dev_session.write_state", lambda *args: None)
    monkeypatch.setattr("talent_tools.local.dev_session.StackState.of", lambda *args: None)
    session, stack = _session_whose_ready_message_is_interrupted(tmp_path)

    with pytest.raises(StopRequested):
        session.start()

    assert stack.stopped


def test_the_stack_stops_even_when_a_worker_fails_to_close(tmp_path: Path) -> None:
    session, stack = _session_whose_ready_message_is_interrupted(tmp_path)

    class _Worker:
        def close(self) -> None:
            raise OSError("the worker's pipe is already closed")

    session.functions = {"ScoreCandidate": _Worker()}  # type: ignore[dict-item]
    with pytest.raises(OSError, match="pipe"):
        session.stop()

    assert stack.stopped
