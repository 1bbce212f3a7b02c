"""HR API shortlist latency at fixed request rates, from a separate load process, on the local stack.

    .venv/bin/python bench/hr_api_load.py [--rates 25,50,100,200] [--seconds 10] [--applicants 200]

Starts the local stack as `talent dev` does (moto server, a pool of `--environments` worker processes for
the HR API function behind the local API Gateway adapter with JWT verification), stores one job with
`--applicants` screened rankings, then for each rate runs a separate load process: open loop (requests
are scheduled at fixed intervals and latency is measured from the scheduled time, so a slow server is
not hidden by a waiting client), 32 threads with keep-alive connections, GET /jobs/{id}/shortlist?limit=20
with a valid token.
Prints p50/p95/p99, achieved rate and errors per offered rate. Goal (issue 6): p99 ≤ 50 ms at 200 rps.
Then the store's side of one page: each call timed alone, and the read units a page costs now (the job's
GetItem and one Query of GSI3, which carries each application's stage) beside the read the page made
before (the same plus a BatchGetItem of the page's applications), computed from the items' sizes by
DynamoDB's rules (moto does not report consumed capacity as DynamoDB does). Last, the function's own time
per request with the store's apart (bench/hr_function_time.py).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "layers")]

THREADS = 32


def generate(url: str, token: str, rate: float, seconds: float) -> dict[str, Any]:
    """The load process: open-loop requests at `rate` per second for `seconds`."""
    parsed = urllib.parse.urlsplit(url)
    host = parsed.hostname or "127.0.0.1"
    total = int(rate * seconds)
    start = time.perf_counter() + 0.2
    latencies: list[float] = []
    errors: list[int] = []
    lock = threading.Lock()
    next_index = iter(range(total))
    give_up = start + 2 * seconds + 5  # past saturation the backlog only grows: stop sending, count the rest

    def worker() -> None:
        connection = http.client.HTTPConnection(host, parsed.port, timeout=30)
        while time.perf_counter() < give_up:
            with lock:
                index = next(next_index, None)
            if index is None:
                break
            scheduled = start + index / rate
            delay = scheduled - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            try:
                connection.request("GET", parsed.path, headers={"Authorization": f"Bearer {token}"})
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(host, parsed.port, timeout=30)
                status = 599
            finished = time.perf_counter()
            with lock:
                latencies.append(finished - scheduled)
                if status != 200:
                    errors.append(status)

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    return {"latencies": latencies, "errors": errors, "elapsed": elapsed, "unsent": total - len(latencies)}


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def seed(session: Any, tenant: str, applicants: int) -> str:
    from talent.adapters.dynamodb_store import DynamoStore
    from talent.contracts.events import ScreeningStatus
    from talent.domain.models import Application, ApplicationStatus, Job, JobStatus, Ranking, ScoreResult

    now = datetime.now(UTC)
    resource = session.stack.session.resource("dynamodb", endpoint_url=session.stack.aws_endpoint)
    store = DynamoStore(session.stack.names.refs["TalentTable"], resource=resource)
    job_id = "job-load"
    store.put_job_if_newer(
        Job(
            tenant=tenant,
            job_id=job_id,
            version=1,
            status=JobStatus.OPEN,
            title="Data Engineer",
            description="Python, SQL, Kafka.",
            updated_at=now,
        )
    )
    for i in range(applicants):
        application_id = f"app-{i:05d}"
        store.put_application_if_absent(
            Application(
                tenant=tenant,
                application_id=application_id,
                candidate_id=f"cand-{i:05d}",
                job_id=job_id,
                submitted_at=now,
                status=ApplicationStatus.RECEIVED,
            )
        )
        score = 1.0 - i / applicants
        store.put_ranking(
            Ranking(
                tenant=tenant,
                application_id=application_id,
                candidate_id=f"cand-{i:05d}",
                job_id=job_id,
                job_version=1,
                status=ScreeningStatus.SCREENED,
                screened_at=now,
                result=ScoreResult(
                    score=score,
                    baseline=0.5,
                    contributions={"skills_required": score - 0.5},
                    matched_skills=["Python"],
                    missing_skills=["Kafka"],
                    model_version="bench",
                    feature_spec_version="features.v1",
                    input_sha256="0" * 64,
                ),
            )
        )
    return job_id


def item_bytes(value: Any, name: str = "") -> int:
    """An attribute's size as DynamoDB counts it (name + value; numbers ~1 byte per 2 digits + 1)."""
    from decimal import Decimal

    size = len(name.encode())
    if isinstance(value, str):
        return size + len(value.encode())
    if isinstance(value, bool) or value is None:
        return size + 1
    if isinstance(value, int | float | Decimal):
        return size + len(str(value).lstrip("-").replace(".", "")) // 2 + 1
    if isinstance(value, dict):
        return size + 3 + sum(1 + item_bytes(v, k) for k, v in value.items())
    if isinstance(value, list):
        return size + 3 + sum(1 + item_bytes(v) for v in value)
    return size + len(bytes(value))


def read_units(session: Any, tenant: str, job_id: str) -> list[str]:
    """Read units of one page of 20, now and as it was read before the stage was kept on the ranking."""
    import math

    from boto3.dynamodb.conditions import Key

    from talent.adapters import dynamodb_items as items

    table = session.stack.session.resource("dynamodb", endpoint_url=session.stack.aws_endpoint).Table(
        session.stack.names.refs["TalentTable"]
    )
    job = table.get_item(Key=items.job_key(tenant, job_id), ConsistentRead=True)["Item"]
    page = table.query(
        IndexName="GSI3", KeyConditionExpression=Key("GSI3PK").eq(items.shortlist_index_pk(tenant, job_id)), Limit=20
    )["Items"]
    applications = [
        table.get_item(Key=items.application_key(tenant, str(r["application_id"])), ConsistentRead=True)["Item"]
        for r in page
    ]
    get = math.ceil(item_bytes(job) / 4096)  # strongly consistent GetItem: 1 unit per 4 KB
    query = math.ceil(sum(item_bytes(i) for i in page) / 4096) * 0.5  # GSI: eventually consistent, summed
    batch = sum(math.ceil(item_bytes(a) / 4096) for a in applications)  # consistent, per item
    return [
        "",
        f"read units per page of {len(page)} (DynamoDB's rules on these items' sizes):",
        f"- before: GetItem {get} + Query {query:g} + BatchGetItem {batch} = {get + query + batch:g}",
        f"- now: GetItem {get} + Query {query:g} = {get + query:g} ({(get + query) / (get + query + batch):.2f}x)",
    ]


def store_costs(session: Any, tenant: str, job_id: str, repeat: int = 20) -> list[str]:
    """The store calls of one shortlist request, and the one it no longer makes, timed alone against moto."""
    from talent.adapters.dynamodb_store import DynamoStore

    resource = session.stack.session.resource("dynamodb", endpoint_url=session.stack.aws_endpoint)
    store = DynamoStore(session.stack.names.refs["TalentTable"], resource=resource)
    rankings, _ = store.shortlist(tenant, job_id, 20, None)
    calls = {
        "GetItem (job)": lambda: store.get_job(tenant, job_id),
        "Query GSI3 (20 rankings with their stages)": lambda: store.shortlist_rows(tenant, job_id, 20, None),
    }
    before = {
        "BatchGetItem (20 applications; no longer made)": lambda: store.get_applications(
            tenant, [r.application_id for r in rankings]
        )
    }

    def median_ms(call: Any) -> float:
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            call()
            times.append(1000 * (time.perf_counter() - started))
        return statistics.median(times)

    lines = ["", "store calls per request, timed alone (median of 20, ms):"]
    total = 0.0
    for name, call in calls.items():
        ms = median_ms(call)
        total += ms
        lines.append(f"- {name}: {ms:.1f}")
    lines.append(f"- together: {total:.1f} ms, i.e. at most {1000 / total:.0f} requests/s through one worker")
    lines += [f"- {name}: {median_ms(call):.1f}" for name, call in before.items()]
    return lines + read_units(session, tenant, job_id)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rates", default="25,50,100,200")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--applicants", type=int, default=200)
    parser.add_argument("--environments", type=int, default=None, help="HR API environments (default: CPU count)")
    parser.add_argument("--generate", nargs=4, metavar=("URL", "TOKEN", "RATE", "SECONDS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.generate:  # the separate load process
        url, token, rate, seconds = args.generate
        sys.stdout.write(json.dumps(generate(url, token, float(rate), float(seconds))))
        return 0

    import tempfile

    from hr_function_time import function_time
    from rich.console import Console

    from talent_tools.local.auth import LocalAuthority
    from talent_tools.local.dev_session import DevSession

    tenant = "bench"
    with (
        tempfile.TemporaryDirectory() as state,
        DevSession(
            ROOT, state_dir=Path(state), console=Console(stderr=True), environments=args.environments
        ) as session,
    ):
        job_id = seed(session, tenant, args.applicants)
        token = LocalAuthority.from_dir(Path(state) / "jwt").issue_token("hr-bench", tenant, ["recruiter"])
        url = f"{session.api_url}/jobs/{job_id}/shortlist?limit=20"
        warm = [sys.executable, __file__, "--generate", url, token, "5", "2"]
        subprocess.run(warm, capture_output=True)  # noqa: S603 (this script, our interpreter)
        lines = [
            f"# HR API shortlist (20 of {args.applicants}), local stack, {os.cpu_count()} CPUs, "
            f"{session.environments} HR API environments, open-loop load from a separate process, "
            f"{args.seconds:.0f} s per rate",
            "| offered rps | achieved rps | p50 ms | p95 ms | p99 ms | errors | not sent (client gave up) |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for rate in (float(r) for r in args.rates.split(",")):
            out = subprocess.run(  # noqa: S603 (this script, our interpreter)
                [sys.executable, __file__, "--generate", url, token, str(rate), str(args.seconds)],
                capture_output=True,
                text=True,
                check=True,
            )
            result = json.loads(out.stdout)
            ms = [1000 * v for v in result["latencies"]]
            lines.append(
                f"| {rate:.0f} | {len(ms) / result['elapsed']:.0f} | {statistics.median(ms):.1f} | "
                f"{percentile(ms, 0.95):.1f} | {percentile(ms, 0.99):.1f} | {len(result['errors'])} | "
                f"{result['unsent']} |"
            )
        lines.append("goal: p99 ≤ 50 ms at 200 rps")
        lines += store_costs(session, tenant, job_id)
        lines += function_time(session, tenant, job_id)
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
