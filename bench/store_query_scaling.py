"""A DynamoDB Query's time as the table fills, moto server as released beside the local stack's partitioned one.

moto 5.2 answers every Query from the whole table, sorted; the local stack runs moto with a partition index
(talent_tools.local.moto_partitions), as DynamoDB reads one partition. Both servers are started side by side
with the template's table; the table is filled in steps with the item mix a back-fill writes (per application:
the application, its ranking in a job's GSI3 partition, two audit entries; 50 jobs), and at each size the
Queries the stack makes are timed: `rank_of`'s COUNT of the rankings ahead in GSI3, and a shortlist page
(GSI3, 20 items).

    .venv/bin/python bench/store_query_scaling.py [--sizes 500 2000 5000] [--queries 30]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import boto3
from boto3.dynamodb.conditions import Key

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "layers")]

from talent.adapters import dynamodb_items as items  # noqa: E402
from talent_tools.local.processes import start_moto  # noqa: E402
from talent_tools.local.provision import provision  # noqa: E402
from talent_tools.local.template import Template  # noqa: E402

JOBS = 50
TENANT = "tenant-bench"


def _table(endpoint: str) -> Any:
    """The template's TalentTable on `endpoint`, created as the local stack creates it."""
    session = boto3.Session(aws_access_key_id="bench", aws_secret_access_key="bench", region_name="us-east-1")  # noqa: S106 - moto takes any
    names = provision(Template(ROOT / "template.yaml"), prefix="bench", endpoint=endpoint, session=session)
    return session.resource("dynamodb", endpoint_url=endpoint).Table(names.refs["TalentTable"])


def _fill(table: Any, start: int, stop: int, rng: random.Random) -> None:
    with table.batch_writer() as batch:
        for n in range(start, stop):
            application, job = f"app-{n:06d}", f"job-{n % JOBS:02d}"
            score = rng.random()
            batch.put_item(Item={"PK": f"T#{TENANT}#APP#{application}", "SK": "APP", "GSI2PK": f"J#{job}"})
            batch.put_item(
                Item={
                    "PK": f"T#{TENANT}#APP#{application}",
                    "SK": "RANKING",
                    "GSI3PK": items.shortlist_index_pk(TENANT, job),
                    "GSI3SK": items.score_sort_key(score, application),
                }
            )
            for entry in range(2):
                batch.put_item(Item={"PK": f"T#{TENANT}#APP#{application}", "SK": f"AUDIT#{entry}"})


def _time_queries(table: Any, queries: int, rng: random.Random) -> tuple[float, float]:
    """Median ms of a rank_of COUNT and of a 20-item shortlist page, each over random jobs."""
    counts, pages = [], []
    for _ in range(queries):
        partition = items.shortlist_index_pk(TENANT, f"job-{rng.randrange(JOBS):02d}")
        started = time.perf_counter()
        table.query(
            IndexName="GSI3",
            KeyConditionExpression=Key("GSI3PK").eq(partition)
            & Key("GSI3SK").lt(items.score_sort_key(rng.random(), "app")),
            Select="COUNT",
        )
        counts.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        table.query(IndexName="GSI3", KeyConditionExpression=Key("GSI3PK").eq(partition), Limit=20)
        pages.append((time.perf_counter() - started) * 1000)
    return statistics.median(counts), statistics.median(pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000], help="applications in the table")
    parser.add_argument("--queries", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as logs:
        servers = {
            "moto as released": start_moto(Path(logs), partitioned=False),
            "partitioned (local stack)": start_moto(Path(logs), partitioned=True),
        }
        try:
            tables = {name: _table(f"http://{server.address}") for name, server in servers.items()}
            lines = [
                f"# DynamoDB Query on moto server, median ms of {args.queries}, {JOBS} jobs, 4 items per application",
                "| applications | items | server | rank_of COUNT ms | shortlist page ms |",
                "|---:|---:|---|---:|---:|",
            ]
            sys.stdout.write("\n".join(lines) + "\n")
            filled = 0
            for size in sorted(args.sizes):
                for table in tables.values():
                    _fill(table, filled, size, random.Random(size))  # noqa: S311 - a reproducible sample
                filled = size
                for name, table in tables.items():
                    count_ms, page_ms = _time_queries(table, args.queries, random.Random(7))  # noqa: S311 - as above
                    sys.stdout.write(f"| {size} | {4 * size} | {name} | {count_ms:.1f} | {page_ms:.1f} |\n")
                    sys.stdout.flush()
        finally:
            for server in servers.values():
                server.stop()


if __name__ == "__main__":
    main()
