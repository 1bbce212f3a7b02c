"""Event-to-stored-ranking latency on the embedded stack, at fixed offered loads.

    .venv/bin/python bench/screening_latency.py [--rates 1 2 5] [--seconds 20] [--environments 1 2]

Starts `talent dev` without the demo (broker, moto, a pool of workers per function behind the mappings),
posts one job, then produces application.submitted.v1 events (the bundled sample resumes, fresh ids) at
each offered rate. With several `--environments` counts, one fresh stack per count runs the same rates,
side by side in one run (1 environment is one invocation at a time per function, as before the pools).
Latency = the ranking's `screened_at` minus the moment the event was handed to the producer (one
producer per rate, acks=all); p50/p95/p99 per rate, plus achieved throughput. The applications' mapping
batches with Lambda's 500 ms Kafka default window (template.yaml), so up to half a second of a latency is
the window.
Numbers depend on the machine: they are printed with its CPU count, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "layers"))

from talent.adapters.dynamodb_store import DynamoStore  # noqa: E402
from talent.contracts.topics import Topic  # noqa: E402
from talent_tools.local.demo import applicant_events  # noqa: E402
from talent_tools.local.dev_session import DevSession, default_environments  # noqa: E402
from talent_tools.local.publish import keyed, local_headers, publish  # noqa: E402


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run_rate(session: DevSession, store: DynamoStore, rate: float, seconds: float, tag: str) -> dict[str, float]:
    from confluent_kafka import Producer

    templates = applicant_events(ROOT)
    producer = Producer({"bootstrap.servers": session.stack.bootstrap, "linger.ms": 0, "acks": "all"})
    sent: dict[str, float] = {}
    count = int(rate * seconds)
    started = time.time()
    for i in range(count):
        due = started + i / rate
        time.sleep(max(0.0, due - time.time()))
        doc = json.loads(json.dumps(templates[i % len(templates)]))
        app_id = f"app-{tag}-{i}"
        doc["id"] = f"evt-{app_id}"
        doc["data"].update(application_id=app_id, candidate_id=f"cand-{tag}-{i}", job_id="job-data-eng-1")
        ((key, value),) = keyed([doc], Topic.APPLICATIONS)
        sent[app_id] = time.time()
        headers = local_headers(str(Topic.APPLICATIONS), key, value)  # signed as the event's tenant (acme)
        producer.produce(str(Topic.APPLICATIONS), key=key.encode() if key else None, value=value, headers=dict(headers))
        producer.poll(0)
    if producer.flush(30) != 0:
        raise RuntimeError("events not delivered to the broker in 30 s")
    latencies: dict[str, float] = {}
    deadline = time.time() + 120
    while len(latencies) < count and time.time() < deadline:
        for app_id, at in sent.items():
            if app_id not in latencies:
                ranking = store.get_ranking("acme", app_id)
                if ranking is not None:
                    latencies[app_id] = ranking.screened_at.timestamp() - at
        time.sleep(0.2)
    finished = max((sent[a] + latency for a, latency in latencies.items()), default=time.time())
    values = list(latencies.values())
    return {
        "offered_per_s": rate,
        "events": count,
        "ranked": len(values),
        "achieved_per_s": len(values) / max(finished - started, 1e-9),
        "p50_s": percentile(values, 0.50) if values else float("nan"),
        "p95_s": percentile(values, 0.95) if values else float("nan"),
        "p99_s": percentile(values, 0.99) if values else float("nan"),
        "mean_s": statistics.fmean(values) if values else float("nan"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rates", type=float, nargs="+", default=[1.0, 2.0, 5.0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument(
        "--environments", type=int, nargs="+", default=[default_environments()], help="per function, one stack each"
    )
    args = parser.parse_args()
    console = Console(stderr=True)
    rows = []
    for environments in args.environments:
        with (
            tempfile.TemporaryDirectory() as state,
            DevSession(ROOT, state_dir=Path(state), console=console, environments=environments) as session,
        ):
            store = DynamoStore(
                session.stack.names.refs["TalentTable"],
                resource=session.stack.session.resource("dynamodb", endpoint_url=session.stack.aws_endpoint),
            )
            job = json.loads((ROOT / "events" / "ats" / "job.posted.json").read_text())
            publish(session.stack.bootstrap, Topic.JOBS, keyed([job], Topic.JOBS))
            session.runners["sync_jobs"].wait_until_committed(1, timeout_s=60)
            # Warm the ingest worker (its first record pays the model load) before measuring.
            run_rate(session, store, 1.0, 2.0, f"warm{environments}")
            for rate in args.rates:
                row = run_rate(session, store, rate, args.seconds, f"e{environments}r{rate:g}")
                row["environments"] = environments
                row["cold_starts"] = session.functions["ingest_application"].stats().cold_starts
                rows.append(row)
    lines = [
        f"# event → stored ranking, embedded stack, {os.cpu_count()} CPUs, {datetime.now(UTC):%Y-%m-%d}",
        "| environments | offered/s | events | ranked | achieved/s | p50 s | p95 s | p99 s | cold starts so far |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r['environments']:g} | {r['offered_per_s']:g} | {r['events']:.0f} | {r['ranked']:.0f} | "
        f"{r['achieved_per_s']:.2f} | {r['p50_s']:.3f} | {r['p95_s']:.3f} | {r['p99_s']:.3f} | {r['cold_starts']:.0f} |"
        for r in rows
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
