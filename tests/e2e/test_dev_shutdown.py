"""`talent dev` as a user runs it, in its own process: SIGTERM, and SIGINT sent to a background job (which
starts with SIGINT ignored, as a shell starts `talent dev &`), stop it and every process it started."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from talent_tools.local.process_cpu import snapshot

pytestmark = pytest.mark.timeout(240)
START_TIMEOUT_S = 150
STOP_TIMEOUT_S = 60


def _descendants(pid: int) -> list[int]:
    return [child for child in snapshot(pid) if child != pid]


def _cmdline(pid: int) -> str:
    try:
        return (Path("/proc") / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _running(pid: int) -> bool:
    """True while the process exists and is not a zombie waiting to be reaped."""
    try:
        stat = (Path("/proc") / str(pid) / "stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.fixture
def start_dev(
    repo_root: Path, tmp_path: Path
) -> Iterator[Callable[[Callable[[], None] | None], subprocess.Popen[bytes]]]:
    started: list[int] = []

    def start(preexec: Callable[[], None] | None = None) -> subprocess.Popen[bytes]:
        state_dir = tmp_path / "state"
        log = (tmp_path / "dev.log").open("wb")
        proc = subprocess.Popen(
            [sys.executable, "-m", "talent_tools.cli", "dev", "--no-demo", "--state-dir", str(state_dir)],
            cwd=repo_root,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            preexec_fn=preexec,  # only sets a signal disposition, before exec
            start_new_session=True,  # the test runner's own signals never reach it
        )
        started.append(proc.pid)
        deadline = time.monotonic() + START_TIMEOUT_S
        while not (state_dir / "stack.json").exists():  # written once everything is up
            assert proc.poll() is None, (tmp_path / "dev.log").read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, "talent dev did not come up"
            time.sleep(0.5)
        started.extend(_descendants(proc.pid))
        return proc

    yield start
    for pid in started:  # whatever a failed test left behind, by the PIDs we recorded
        if _running(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize(
    ("signum", "preexec"),
    [(signal.SIGTERM, None), (signal.SIGINT, _ignore_sigint)],
    ids=["sigterm", "sigint-to-a-background-job"],
)
def test_a_stop_signal_stops_talent_dev_and_every_child(
    start_dev: Callable[[Callable[[], None] | None], subprocess.Popen[bytes]],
    signum: signal.Signals,
    preexec: Callable[[], None] | None,
) -> None:
    # Given a running `talent dev` with its broker, moto server and function workers
    dev = start_dev(preexec)
    children = _descendants(dev.pid)
    commands = " | ".join(_cmdline(pid) for pid in children)
    for started in ("tansu", "talent_tools.local.moto_partitions", "talent_tools.local.worker"):
        assert started in commands, commands

    # When it gets the signal
    dev.send_signal(signum)

    # Then it exits, and none of the processes it started is left running
    dev.wait(timeout=STOP_TIMEOUT_S)
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert [(pid, _cmdline(pid)) for pid in children if _running(pid)] == []
