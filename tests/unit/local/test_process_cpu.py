"""CPU time by role across a process tree (talent_tools.local.process_cpu)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from talent_tools.local.process_cpu import (
    BROKER_ROLE,
    OTHER_ROLE,
    ROOT_ROLE,
    STORE_ROLE,
    ProcessCpu,
    role,
    snapshot,
    usage,
)

WORKER = "/repo/.venv/bin/python -m talent_tools.local.worker --module-path /repo/functions/ingest_application/app.py"


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (WORKER + " --handler app.handler", "ingest_application environments"),
        ("python -m talent_tools.local.worker --module-path functions/hr_api/app.py", "hr_api environments"),
        ("/repo/.venv/bin/python -m talent_tools.local.moto_partitions -H 127.0.0.1 -p 5000", STORE_ROLE),
        ("/root/.calfkit/bin/tansu-v0.6.0-510f3e2 broker --listener-url tcp://127.0.0.1:9092", BROKER_ROLE),
        ("/usr/bin/sleep 5", OTHER_ROLE),
        ("", OTHER_ROLE),
    ],
)
def test_each_process_of_the_local_stack_has_its_role(command: str, expected: str) -> None:
    assert role(ProcessCpu(pid=7, parent=1, cpu_s=0.0, command=command), root=1) == expected


def test_the_root_is_this_process_whatever_it_runs() -> None:
    assert role(ProcessCpu(pid=1, parent=0, cpu_s=0.0, command=WORKER), root=1) == ROOT_ROLE


def test_usage_is_what_each_role_spent_between_two_snapshots() -> None:
    # Given a root, two environments of one function, moto, and a pid reused by another program meanwhile
    before = {
        1: ProcessCpu(1, 0, 10.0, "bench"),
        2: ProcessCpu(2, 1, 5.0, WORKER),
        3: ProcessCpu(3, 1, 1.0, "python -m talent_tools.local.moto_partitions"),
        4: ProcessCpu(4, 1, 9.0, "/usr/bin/old-program"),
        5: ProcessCpu(5, 1, 3.0, "/usr/bin/ended"),
    }
    after = {
        1: ProcessCpu(1, 0, 12.5, "bench"),
        2: ProcessCpu(2, 1, 9.0, WORKER),
        3: ProcessCpu(3, 1, 2.5, "python -m talent_tools.local.moto_partitions"),
        4: ProcessCpu(4, 1, 0.5, WORKER),  # a new environment under a reused pid: counted from zero
        6: ProcessCpu(6, 1, 1.0, WORKER),  # started in between (a cold start): counted from zero
    }
    # When the usage is read
    spent = usage(before, after, root=1)
    # Then each role has its own difference, largest first, and the ended process is not counted
    assert spent == {"ingest_application environments": 5.5, ROOT_ROLE: 2.5, STORE_ROLE: 1.5}
    assert list(spent) == ["ingest_application environments", ROOT_ROLE, STORE_ROLE]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads Linux /proc")
def test_a_snapshot_holds_this_process_and_a_child_with_the_cpu_it_spent() -> None:
    # Given a child that spends about 0.3 s of CPU, then waits
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.3: pass\ntime.sleep(30)",
        ],
    )
    try:
        deadline = time.monotonic() + 10
        while True:
            tree = snapshot(os.getpid())
            if (child.pid in tree and tree[child.pid].cpu_s >= 0.25) or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        # Then the snapshot holds this process and the child, with the child's CPU and command line
        assert os.getpid() in tree
        assert tree[child.pid].parent == os.getpid()
        assert tree[child.pid].cpu_s >= 0.25
        assert "time.process_time()" in tree[child.pid].command
    finally:
        child.kill()
        child.wait()


def test_without_proc_a_snapshot_is_empty(tmp_path: Path) -> None:
    assert snapshot(os.getpid(), proc=tmp_path) == {}
