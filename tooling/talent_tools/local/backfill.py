"""The events of an ATS back-fill, built from real public data: jobs first, then their applications.

`backfill_events` posts `jobs` jobs (real US postings from ../shared/data/jobs, split over the tenants)
and `applications` applications whose resumes are the livecareer resumes (../shared/data/resumes) cycled
under distinct application and candidate ids, each for one of its tenant's jobs. Deterministic for a seed.
`talent produce --bulk FILE` publishes a file of them (`write_backfill`); `bench/backfill.py` and the
back-fill test run them through the embedded stack.
"""

from __future__ import annotations

import base64
import csv
import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from talent_tools.ranking.benchmark import load_resumes

TENANTS = ("acme", "globex")
POSTED = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
SOURCE = "urn:ats:backfill"


@dataclass(frozen=True)
class Posting:
    title: str
    description: str
    location: str


def load_postings(data_dir: Path) -> list[Posting]:
    csv.field_size_limit(1 << 27)
    with (data_dir / "jobs" / "us_job_postings_1000.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        Posting(r["job_title"].strip()[:200], r["job_description"].strip()[:20_000], r["location"].strip()[:200])
        for r in rows
        if r["job_title"].strip() and len(r["job_description"].strip()) > 200
    ]


def _envelope(kind: str, event_id: str, subject: str, tenant: str, time: datetime, data: dict[str, Any]) -> dict:
    return {
        "specversion": "1.0",
        "id": event_id,
        "source": SOURCE,
        "type": kind,
        "time": time.isoformat().replace("+00:00", "Z"),
        "subject": subject,
        "tenant": tenant,
        "datacontenttype": "application/json",
        "data": data,
    }


def job_id_of(tenant: str, number: int) -> str:
    return f"bf-{tenant}-job-{number:03d}"


def application_id_of(number: int) -> str:
    return f"bf-app-{number:06d}"


def backfill_events(
    data_dir: Path,
    applications: int,
    jobs: int = 50,
    tenants: Sequence[str] = TENANTS,
    seed: int = 7,
) -> Iterator[dict[str, Any]]:
    """`jobs` job.posted.v1 events, then `applications` application.submitted.v1 events."""
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    postings = rng.sample(load_postings(data_dir), jobs)
    resumes = [r.text for r in load_resumes(data_dir)]
    rng.shuffle(resumes)
    per_tenant: dict[str, list[str]] = {t: [] for t in tenants}
    for number, posting in enumerate(postings):
        tenant = tenants[number % len(tenants)]
        job_id = job_id_of(tenant, number)
        per_tenant[tenant].append(job_id)
        data = {
            "job_id": job_id,
            "version": 1,
            "title": posting.title,
            "description": posting.description,
            "location": posting.location or None,
            "employment_type": "full_time",
        }
        yield _envelope("job.posted.v1", f"evt-{job_id}-v1", job_id, tenant, POSTED, data)
    for number in range(applications):
        tenant = tenants[number % len(tenants)]
        application_id = application_id_of(number)
        resume = resumes[number % len(resumes)].encode()
        submitted = POSTED + timedelta(days=1, seconds=number)
        data = {
            "application_id": application_id,
            "candidate_id": f"bf-cand-{number:06d}",
            "job_id": rng.choice(per_tenant[tenant]),
            "submitted_at": submitted.isoformat().replace("+00:00", "Z"),
            "resume": {
                "content_type": "text/plain",
                "filename": "resume.txt",
                "location": {"kind": "inline", "content_base64": base64.b64encode(resume).decode()},
            },
        }
        yield _envelope("application.submitted.v1", f"evt-{application_id}", application_id, tenant, submitted, data)


def planted_poison(count: int, tenant: str = TENANTS[0]) -> list[tuple[str, str, bytes]]:
    """(topic, key, value) of application events that break the contract (no resume, no submission time),
    signed as `tenant` like the rest: the consumer parks each with its reason, never screens it."""
    records = []
    for number in range(count):
        application_id = f"bf-poison-{number}"
        data = {"application_id": application_id, "candidate_id": application_id, "job_id": job_id_of(tenant, 0)}
        event = _envelope("application.submitted.v1", f"evt-{application_id}", application_id, tenant, POSTED, data)
        records.append(("ats.applications.v1", f"{tenant}:{application_id}", json.dumps(event).encode()))
    return records


def write_backfill(path: Path, events: Iterator[dict[str, Any]]) -> int:
    """One event per line (JSON Lines); returns how many."""
    count = 0
    with path.open("w", encoding="utf-8") as handle:
        for event in events:
            handle.write(json.dumps(event, separators=(",", ":")) + "\n")
            count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    import argparse

    from talent.data_paths import shared_data_dir

    parser = argparse.ArgumentParser(description="Write a back-fill (JSON Lines) for `talent produce --bulk`.")
    parser.add_argument("--applications", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=Path("backfill.jsonl"))
    args = parser.parse_args(argv)
    count = write_backfill(args.out, backfill_events(shared_data_dir(), args.applications, args.jobs, seed=args.seed))
    print(f"wrote {count} events ({args.jobs} jobs, {args.applications} applications) to {args.out}")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
