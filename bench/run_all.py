"""`make bench`: every benchmark in one run, written to docs/benchmarks.md with PNG plots in docs/bench/.

    .venv/bin/python bench/run_all.py [--quick] [--only NAME ...]

Each figure runs as its own process (serving venv, or the training venv where PyTorch is compared) in
this order, so they never compete for the CPUs; its printed tables go into the document verbatim, under
the figure's goal, with the machine it ran on. `--quick` shrinks every figure (a smoke run, not for the
document of record). Needs `make models` and ../shared/data.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVING = ROOT / ".venv" / "bin" / "python"
TRAINING = ROOT / ".venv-train" / "bin" / "python"
OUT = ROOT / "docs" / "benchmarks.md"
PLOTS = ROOT / "docs" / "bench"


@dataclass(frozen=True)
class Figure:
    name: str
    title: str
    goal: str
    python: Path
    args: list[str]
    quick: list[str]
    plot: tuple[int, list[int], str, str] | None = None  # x column, y columns, x label, y label
    series: int | None = None  # a column whose values split the rows into separate lines (one per value)


FIGURES = [
    Figure(
        "throughput",
        "Screening throughput vs the encoder alone (the physical limit)",
        "pipeline / encoder-only ≥ 0.8 on the same token windows",
        SERVING,
        ["bench/throughput_vs_encoder.py", "--resumes", "40", "--runs", "3"],
        ["bench/throughput_vs_encoder.py", "--resumes", "10", "--runs", "1"],
        (0, [1, 2], "run", "resumes/s"),
    ),
    Figure(
        "onnx_vs_eager",
        "ONNX Runtime vs PyTorch eager, same pipeline and resumes",
        "≥ 1.7x resumes/s",
        TRAINING,
        ["bench/onnx_vs_eager.py", "--resumes", "40", "--runs", "3"],
        ["bench/onnx_vs_eager.py", "--resumes", "8", "--runs", "1"],
        (0, [1, 2], "run", "resumes/s"),
    ),
    Figure(
        "cold_start",
        "Cold start: fresh process to first screening result, peak RSS",
        "≤ 0.8 s and ≤ 350 MiB for the screening path",
        SERVING,
        ["bench/cold_start.py", "--runs", "5"],
        ["bench/cold_start.py", "--runs", "1"],
    ),
    Figure(
        "function_cold_starts",
        "Cold start of every function: fresh process, handler import, first result of its sample event",
        "≤ 0.8 s and ≤ 350 MiB for the screening path (ingest_application)",
        SERVING,
        ["bench/function_cold_starts.py", "--runs", "3"],
        ["bench/function_cold_starts.py", "--runs", "1"],
    ),
    Figure(
        "broker_latency",
        "Through the broker: event to stored ranking at fixed offered loads",
        "p99 ≤ 1.5 s at 10 applications/s on this 2-core machine",
        SERVING,
        ["bench/screening_latency.py", "--rates", "2", "5", "10", "20", "--seconds", "15", "--environments", "1", "2"],
        ["bench/screening_latency.py", "--rates", "2", "--seconds", "4", "--environments", "1", "2"],
        (1, [5, 7], "offered applications/s", "seconds (p50, p99)"),
        series=0,
    ),
    Figure(
        "backfill",
        "An ATS back-fill through the embedded stack (10,000 applications, 50 jobs, 2 tenants)",
        "exactly one ranking, audit entry and result per application, nothing parked but the planted poison; "
        "applications/s and its ratio to the in-process screening rate reported",
        SERVING,
        ["bench/backfill.py", "--applications", "10000"],
        ["bench/backfill.py", "--applications", "40", "--in-process", "5"],
    ),
    Figure(
        "hr_api",
        "HR API: shortlist latency at increasing request rates (separate load process)",
        "p99 ≤ 50 ms at 200 rps locally",
        SERVING,
        ["bench/hr_api_load.py", "--rates", "5,10,25,50,200", "--seconds", "5"],
        ["bench/hr_api_load.py", "--rates", "5,25", "--seconds", "2", "--applicants", "40"],
        (0, [2, 3, 4], "offered requests/s", "ms (p50, p95, p99)"),
    ),
    Figure(
        "store_round_trips",
        "AWS round trips per application on the screening path (moto server, by operation and item)",
        "fewer requests per application than the 24.3 measured on 2026-12-05",
        SERVING,
        ["bench/store_round_trips.py", "--applications", "40"],
        ["bench/store_round_trips.py", "--applications", "10"],
    ),
    Figure(
        "store_query_scaling",
        "DynamoDB Query as the table fills: moto as released vs partitioned (local stack)",
        "a Query's time follows its partition, not the table (as DynamoDB's)",
        SERVING,
        ["bench/store_query_scaling.py", "--sizes", "500", "2000", "5000", "10000"],
        ["bench/store_query_scaling.py", "--sizes", "200", "500", "--queries", "5"],
        (0, [3], "applications in the table", "ms (rank_of COUNT, median)"),
        series=2,
    ),
    Figure(
        "cost",
        "Cost model: Lambda GB-seconds and price per million resumes",
        "≤ $5 per million resumes",
        SERVING,
        ["bench/cost_model.py", "--resumes", "40"],
        ["bench/cost_model.py", "--resumes", "8"],
    ),
    Figure(
        "parsing",
        "Document intake per page beside open-source PDF extractors (same files, same run)",
        "faster than the open-source extractors on the real corpus, with reading order and hidden text",
        SERVING,
        ["bench/document_intake.py"],
        ["bench/document_intake.py"],
    ),
    Figure(
        "skills",
        "Skill extraction (alias matcher) per resume, taxonomy cold load",
        "reported (no goal in the issue)",
        SERVING,
        ["bench/skills_alias.py", "--resumes", "200"],
        ["bench/skills_alias.py", "--resumes", "20"],
    ),
    Figure(
        "fuzz",
        "Hostile input: fuzz campaign over document intake",
        "≥ 10,000 cases, 0 crashes or hangs, every failure a typed error",
        SERVING,
        ["bench/fuzz_campaign.py", "--examples", "1600"],
        ["bench/fuzz_campaign.py", "--examples", "20"],
    ),
    Figure(
        "training_cpu",
        "Training time on CPU (both screening models, full benchmark)",
        "reported (the GPU comparison is in docs/training.md)",
        TRAINING,
        ["bench/training_devices.py", "--devices", "cpu", "--runs", "1"],
        ["bench/training_devices.py", "--devices", "cpu", "--runs", "1"],
    ),
]


@cache
def machine() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        found = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        model = found.group(1).strip() if found else model
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        kib = int(re.search(r"MemTotal:\s*(\d+)", meminfo.read_text()).group(1))  # type: ignore[union-attr]
        memory = f", {kib / 1024 / 1024:.1f} GiB RAM"
    system = f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    return f"{model}, {os.cpu_count()} CPUs{memory}, {system}"


def first_table(text: str) -> list[list[str]]:
    rows: list[list[str]] = []
    for line in text.splitlines():
        if rows and line.startswith("|") and set(line.strip()) <= set("|-: "):
            continue  # the header's separator
        if line.startswith("| "):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif rows:
            break
    return rows


def plot(figure: Figure, output: str) -> Path | None:
    if figure.plot is None:
        return None
    table = first_table(output)
    if len(table) < 2:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    x_col, y_cols, x_label, y_label = figure.plot
    header, rows = table[0], table[1:]
    groups: dict[str, list[list[str]]] = {}
    for row in rows:
        suffix = "" if figure.series is None else f" ({header[figure.series]} {row[figure.series]})"
        groups.setdefault(suffix, []).append(row)
    lines: list[tuple[str, list[float], list[float]]] = []
    try:
        for suffix, members in groups.items():
            xs = [float(r[x_col]) for r in members]
            lines += [(header[c] + suffix, xs, [float(r[c]) for r in members]) for c in y_cols]
    except (ValueError, IndexError):
        return None  # not the table shape this plot expects: the numbers stay in the text
    fig, axis = plt.subplots(figsize=(6, 3.5))
    for label, xs, values in lines:
        axis.plot(xs, values, marker="o", label=label)
    axis.set_xlabel(x_label)
    axis.set_ylabel(y_label)
    axis.set_title(figure.title, fontsize=9)
    axis.legend(fontsize=7)
    axis.grid(alpha=0.3)
    fig.text(0.01, 0.01, f"{machine()[:90]}; {datetime.now(UTC):%Y-%m-%d}", fontsize=5)
    fig.tight_layout()
    PLOTS.mkdir(parents=True, exist_ok=True)
    path = PLOTS / f"{figure.name}.png"
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--only", nargs="*", default=None)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    chosen = [f for f in FIGURES if not args.only or f.name in args.only]
    sections = []
    failed = []
    for figure in chosen:
        command = [str(figure.python), *(figure.quick if args.quick else figure.args)]
        sys.stderr.write(f"[bench] {figure.name}: {' '.join(command[1:])}\n")
        started = time.perf_counter()
        env = {**os.environ, "PYTHONPATH": f"{ROOT / 'layers'}:{ROOT / 'tooling'}:{ROOT / 'training'}:{ROOT}"}
        run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603 (our scripts)
        seconds = time.perf_counter() - started
        output = run.stdout.strip() or "(no output)"
        if run.returncode != 0:
            failed.append(figure.name)
            output += f"\n\nexit {run.returncode}:\n{run.stderr[-2000:]}"
        picture = plot(figure, run.stdout) if run.returncode == 0 else None
        image = f"\n![{figure.name}](bench/{picture.name})\n" if picture else ""
        sections.append(
            f"## {figure.title}\n\nGoal: {figure.goal}. Command: `{' '.join(command[1:])}` ({seconds:.0f} s).\n\n"
            f"```text\n{output}\n```\n{image}"
        )
    header = (
        "# Benchmarks\n\n"
        f"Written by `make bench` (bench/run_all.py{' --quick: a smoke run' if args.quick else ''}) on "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Machine: {machine()}. Each figure ran alone, in order; "
        "the tables are the scripts' own output (runs, medians and spread as each script states). "
        "Ratios are measured side by side in one process where the figure says so.\n\n"
        "See [benchmarks-notes.md](benchmarks-notes.md) for the goals met and missed, and what bounds each miss.\n"
    )
    args.out.write_text(header + "\n" + "\n".join(sections), encoding="utf-8")
    sys.stderr.write(f"[bench] wrote {args.out}; failed: {failed or 'none'}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
