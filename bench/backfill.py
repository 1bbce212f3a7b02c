"""An ATS back-fill through the embedded stack: applications/s end to end, event → stored ranking, exactly once.

    .venv/bin/python bench/backfill.py [--applications 10000] [--jobs 50] [--poison 5] [--environments N]

Builds the back-fill from ../shared/data (`talent_tools.local.backfill`: real US postings as 50 jobs over
two tenants, the livecareer resumes cycled under distinct application and candidate ids), starts
`talent dev` without the demo, publishes the jobs, the applications and `--poison` planted records
(application events that break the contract) the way `talent produce --bulk` does, and waits until the
ingest mapping has committed every record. Then it checks what the stack holds (one ranking, one
`screening.completed` audit entry and one published result per application; the failure queue holds
the planted records and nothing else) and prints: applications/s from the first record sent to the
last ranking stored, p50/p99 of event → stored ranking, cold starts per function, the screening
path's own in-process rate on the same resumes, measured first in this process (the ratio is the
stack's cost on top of the models), and where the stack's CPU went per application, by process (function
environments, moto's server, the broker, this process: producer and mapping runners; Linux /proc) beside
the in-process path's CPU per resume. Exits 1 when a check fails. Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import base64
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "layers")]

from rich.console import Console  # noqa: E402

from talent.data_paths import MODELS_DIR, shared_data_dir  # noqa: E402
from talent_tools.local.backfill import backfill_events, planted_poison  # noqa: E402
from talent_tools.local.backfill_check import check_backfill  # noqa: E402
from talent_tools.local.dev_session import DevSession  # noqa: E402
from talent_tools.local.process_cpu import snapshot, usage  # noqa: E402
from talent_tools.local.publish import publish_many, routed  # noqa: E402
from talent_tools.progress import tracked  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def in_process_rate(docs: list[dict[str, Any]], resumes: int) -> tuple[float, float]:
    """Resumes/s of the screening path alone (parse → skills → features → models) on the back-fill's resumes,
    and its CPU seconds per resume (all of this process's threads)."""
    from talent.ranking.featurizer_from_models import load_featurizer
    from talent.ranking.ranker import OnnxRanker
    from talent.ranking.screening_model import ScreeningModel

    model = ScreeningModel(load_featurizer(), OnnxRanker.load(MODELS_DIR / "ranker"))
    jobs = {d["data"]["job_id"]: d["data"] for d in docs if d["type"] == "job.posted.v1"}
    applications = [d["data"] for d in docs if d["type"] == "application.submitted.v1"][:resumes]
    views = {job_id: model.job(f"{j['title']}\n{j['description']}") for job_id, j in jobs.items()}
    texts = [base64.b64decode(a["resume"]["location"]["content_base64"]).decode() for a in applications]
    today = datetime.now(UTC).date()
    model.score(views[applications[0]["job_id"]], model.featurizer.parse_resume(texts[0], today))  # warm
    started, cpu = time.perf_counter(), time.process_time()
    for application, text in zip(applications, texts, strict=True):
        model.score(views[application["job_id"]], model.featurizer.parse_resume(text, today))
    return len(texts) / (time.perf_counter() - started), (time.process_time() - cpu) / len(texts)


def cpu_line(spent: dict[str, float], applications: int, wall_s: float, in_process_cpu_s: float) -> str:
    """Where the stack's CPU went from the first record sent to the last committed, per application."""
    if not spent:
        return "CPU by process: not measured (no /proc on this system)"
    total = sum(spent.values())
    busy = total / (wall_s * (os.cpu_count() or 1))
    parts = ", ".join(f"{name} {1000 * s / applications:.0f}" for name, s in spent.items() if s >= 0.05)
    return (
        f"CPU per application, first record sent to last committed ({wall_s:.0f} s, cores {100 * busy:.0f} % busy): "
        f"{1000 * total / applications:.0f} ms in all ({parts} ms); the screening path in-process: "
        f"{1000 * in_process_cpu_s:.0f} ms per resume"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=50)
    parser.add_argument("--poison", type=int, default=5)
    parser.add_argument("--environments", type=int, default=None, help="per function (default: CPU count)")
    parser.add_argument("--in-process", type=int, default=60, help="resumes timed in-process for the ratio")
    args = parser.parse_args()
    console = Console(stderr=True)

    docs = list(backfill_events(shared_data_dir(), args.applications, args.jobs))
    records = routed(docs)
    planted = planted_poison(args.poison)
    expected = {d["data"]["application_id"] for d in docs if d["type"] == "application.submitted.v1"}
    console.print(f"timing the screening path in-process on {args.in_process} of the same resumes")
    in_process, in_process_cpu_s = in_process_rate(docs, args.in_process)

    sent_at: dict[str, float] = {}

    def sent(key: str | None) -> None:
        if key is not None:
            sent_at[key.partition(":")[2]] = time.time()

    with (
        tempfile.TemporaryDirectory() as state,
        DevSession(ROOT, state_dir=Path(state), console=console, environments=args.environments) as session,
    ):
        cpu_before, started = snapshot(os.getpid()), time.time()
        publish_many(session.stack.bootstrap, tracked(records + planted, "publishing", every=1000), 120.0, on_sent=sent)
        published_s = time.time() - started
        ingest = session.runners["ingest_application"]
        ingest.wait_until_committed(len(expected) + len(planted), timeout_s=max(600.0, len(expected) * 2.0))
        cpu_after, drained_s = snapshot(os.getpid()), time.time() - started
        session.runners["sync_jobs"].wait_until_idle(quiet_s=2.0, timeout_s=600)
        check = check_backfill(session.stack, expected, planted=len(planted))
        stats = {name: pool.stats() for name, pool in session.functions.items()}
        metrics = ingest.metrics()

    latencies = [check.screened_at[a].timestamp() - sent_at[a] for a in expected if a in check.screened_at]
    last = max(check.screened_at.values()).timestamp() if check.screened_at else started
    rate = len(check.screened_at) / max(last - started, 1e-9)
    lines = [
        f"# back-fill of {len(expected)} applications ({args.jobs} jobs, 2 tenants, {len(planted)} planted poison "
        f"records), embedded stack, {os.cpu_count()} CPUs, {session.environments} environments per function, "
        f"{datetime.now(UTC):%Y-%m-%d}",
        "| applications | published in s | ranked | applications/s end to end | in-process resumes/s | ratio | "
        "p50 s | p99 s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {len(expected)} | {published_s:.1f} | {len(check.screened_at)} | {rate:.2f} | {in_process:.2f} | "
        f"{rate / in_process:.2f} | {percentile(latencies, 0.5):.1f} | {percentile(latencies, 0.99):.1f} |",
        "",
        f"exactly once (a ranking, a screening.completed entry and a published result per application): "
        f"{'yes' if check.exactly_once() else 'NO'}; missing {len(check.missing)}, "
        f"duplicated {check.duplicated() or 'none'}",
        f"failure queue: {len(check.parked_reasons)} messages for {len(planted)} planted "
        f"({', '.join(sorted(set(check.parked_reasons)))[:200]})",
        f"ingest mapping: {metrics.invocations} invocations, {metrics.retries} retries, "
        f"{metrics.partition_pauses} partition pauses, {metrics.records_to_failure_sink} records to the failure queue",
        "cold starts: "
        + ", ".join(
            f"{name} {s.cold_starts} of {s.invocations} (peak {s.peak_concurrency})" for name, s in stats.items()
        ),
        f"event → ranking mean {statistics.fmean(latencies):.1f} s (every event is offered at once: the back-fill's "
        "latency is its queue)",
        cpu_line(usage(cpu_before, cpu_after, os.getpid()), len(expected), drained_s, in_process_cpu_s),
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    ok = check.exactly_once() and len(check.parked_reasons) == len(planted)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
