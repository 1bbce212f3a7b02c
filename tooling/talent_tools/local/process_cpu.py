"""Where a local run's CPU went: CPU time of a process and its descendants, grouped by role (Linux /proc).

A benchmark takes a snapshot before and after what it measures; `usage` is the CPU each role spent in
between (a process started in between counts from zero, so a cold start is included). The local stack's
processes are told apart by their command line: function environments (`talent_tools.local.worker` with the
function's folder), moto's server, the Tansu broker, and the root process itself (in a benchmark: the
producer, the mapping runners and the checks). Without /proc (not Linux) a snapshot is empty.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")
ROOT_ROLE = "this process"
STORE_ROLE = "store (moto server)"
BROKER_ROLE = "broker (Tansu)"
OTHER_ROLE = "other"

_FUNCTION = re.compile(r"talent_tools\.local\.worker\b.*?--module-path\s+\S*?functions/([A-Za-z0-9_]+)")


@dataclass(frozen=True)
class ProcessCpu:
    pid: int
    parent: int
    cpu_s: float  # user + system
    command: str


def role(process: ProcessCpu, root: int) -> str:
    if process.pid == root:
        return ROOT_ROLE
    function = _FUNCTION.search(process.command)
    if function:
        return f"{function.group(1)} environments"
    if "moto_partitions" in process.command or "moto.server" in process.command:
        return STORE_ROLE
    if "tansu" in process.command:
        return BROKER_ROLE
    return OTHER_ROLE


def _stat(pid: int, proc: Path) -> list[str] | None:
    """The fields of /proc/PID/stat after the process name (field 4 on: parent, ..., utime, stime, ...)."""
    try:
        stat = (proc / str(pid) / "stat").read_text()
    except OSError:  # gone meanwhile, or not ours to read
        return None
    return stat[stat.rfind(")") + 2 :].split()  # the name in parentheses may hold spaces


def _command(pid: int, proc: Path) -> str:
    try:
        return (proc / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def snapshot(root: int, proc: Path = PROC) -> dict[int, ProcessCpu]:
    """`root` and every process below it, by pid (empty without /proc)."""
    if not (proc / str(root)).is_dir():
        return {}
    stats = {int(e.name): fields for e in proc.iterdir() if e.name.isdigit() and (fields := _stat(int(e.name), proc))}
    children: dict[int, list[int]] = defaultdict(list)
    for pid, fields in stats.items():
        children[int(fields[1])].append(pid)
    ticks = os.sysconf("SC_CLK_TCK")
    tree, todo = {}, [root]
    while todo:  # only the tree's command lines are read
        pid = todo.pop()
        if pid in stats:
            fields = stats[pid]
            cpu_s = (int(fields[11]) + int(fields[12])) / ticks
            tree[pid] = ProcessCpu(pid, int(fields[1]), cpu_s, _command(pid, proc))
            todo.extend(children[pid])
    return tree


def usage(before: dict[int, ProcessCpu], after: dict[int, ProcessCpu], root: int) -> dict[str, float]:
    """CPU seconds spent by each role between two snapshots, largest first. A pid whose command changed is a
    new process; processes that ended in between are not counted (their last CPU time is not known)."""
    spent: dict[str, float] = defaultdict(float)
    for pid, now in after.items():
        then = before.get(pid)
        base = then.cpu_s if then is not None and then.command == now.command else 0.0
        spent[role(now, root)] += max(0.0, now.cpu_s - base)
    return dict(sorted(spent.items(), key=lambda kv: -kv[1]))
