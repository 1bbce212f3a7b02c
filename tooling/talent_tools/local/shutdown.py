"""Stop `talent dev` the same way on Ctrl-C, `kill` (SIGTERM) and SIGINT sent to a background job.

Python turns SIGINT into KeyboardInterrupt only if SIGINT was not ignored at start, and a shell starts a
background job (`talent dev &`) with SIGINT ignored; SIGTERM's default ends the process at once. Either
way the cleanup that stops the broker, moto and the function workers by PID never ran. Handlers installed
before any child starts also give the children default signal dispositions again (exec resets handled
signals, but keeps ignored ones), so the SIGINT that ServerProcess.stop sends them is not ignored either.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class StopRequested(KeyboardInterrupt):
    """A stop signal arrived; raised in the main thread so that every `with` block unwinds."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    def _stop(signum: int, frame: FrameType | None) -> None:
        for each in STOP_SIGNALS:  # a second signal must not interrupt the cleanup the first one started
            signal.signal(each, signal.SIG_IGN)
        raise StopRequested(signum)

    previous = {each: signal.signal(each, _stop) for each in STOP_SIGNALS}
    try:
        yield
    finally:
        for each, handler in previous.items():
            signal.signal(each, handler)


@contextlib.contextmanager
def stop_signals_ignored() -> Iterator[None]:
    """While the stack stops: a signal now would interrupt the very cleanup it asks for. Only the main
    thread can set handlers; elsewhere this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {each: signal.signal(each, signal.SIG_IGN) for each in STOP_SIGNALS}
    try:
        yield
    finally:
        for each, handler in previous.items():
            signal.signal(each, handler)
