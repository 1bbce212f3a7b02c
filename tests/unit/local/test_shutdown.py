"""talent dev's signal handling: SIGTERM and SIGINT become one StopRequested, and the cleanup itself is not
interrupted by a second signal."""

from __future__ import annotations

import os
import signal

import pytest

from talent.local.shutdown import StopRequested, stop_on_signals, stop_signals_ignored


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
