"""The parent's end of the worker protocol: one JSON object per line over the worker's stdin and stdout.

The messages themselves are described in talent_tools.local.worker (the other end). Each read waits at most
until a deadline, so the parent can enforce the function's Timeout and the init timeout, and a closed pipe
means the worker is gone, whatever killed it.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import time
from typing import Any


class WorkerGone(Exception):
    """The worker closed its protocol channel: it exited or was killed."""


class DeadlineExceeded(Exception):
    """No whole message came from the worker before the deadline."""


def exit_description(returncode: int | None) -> str:
    """How Lambda words a runtime's exit: "signal: 9", "exit status 1"."""
    if returncode is None:
        return "unknown"
    if returncode < 0:
        return f"signal: {-returncode}"
    return f"exit status {returncode}"


class WorkerChannel:
    """Messages to and from one worker process; the bytes read past a message wait for the next read."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        self._proc = proc
        self._buf = bytearray()

    def send(self, message: dict[str, Any]) -> None:
        stdin = self._proc.stdin
        if stdin is None:
            raise WorkerGone
        try:
            stdin.write(json.dumps(message, separators=(",", ":")).encode() + b"\n")
            stdin.flush()
        except (BrokenPipeError, ValueError) as exc:  # ValueError: stdin closed by kill() elsewhere
            raise WorkerGone from exc

    def read(self, deadline: float) -> dict[str, Any]:
        """The next message; DeadlineExceeded once time.monotonic() passes `deadline` without one."""
        stdout = self._proc.stdout
        if stdout is None:
            raise WorkerGone
        fd = stdout.fileno()
        while True:
            newline = self._buf.find(b"\n")
            if newline >= 0:
                line = bytes(self._buf[:newline])
                del self._buf[: newline + 1]
                message: dict[str, Any] = json.loads(line)
                return message
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise DeadlineExceeded
            readable, _, _ = select.select([fd], [], [], remaining)
            if not readable:
                continue
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                raise WorkerGone
            self._buf.extend(chunk)
