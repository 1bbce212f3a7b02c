"""What a back-fill left on the local stack: one ranking, one completed screening and one published result
per application, and nothing in the failure queue but the records planted there.

Read once the mappings are idle: a full scan of the table, the screenings topic from its start, and every
message of the failure queue (received, not deleted: they stay for whoever looks next).
"""

from __future__ import annotations

import json
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from confluent_kafka import Consumer, KafkaError

from talent.contracts.topics import Topic
from talent_tools.local.moto_and_broker import LocalStack

_EOF_QUIET_S = 15.0


@dataclass
class BackfillCheck:
    expected: set[str]  # application ids published (valid ones)
    rankings: Counter[str] = field(default_factory=Counter)  # application id -> ranking items
    screened_at: dict[str, datetime] = field(default_factory=dict)
    completed: Counter[str] = field(default_factory=Counter)  # application id -> screening.completed entries
    published: Counter[str] = field(default_factory=Counter)  # application id -> distinct results published
    parked_reasons: list[str] = field(default_factory=list)

    @property
    def missing(self) -> set[str]:
        return self.expected - set(self.rankings)

    def duplicated(self) -> dict[str, list[str]]:
        """Applications counted more than once, by what was counted."""
        counters = {"rankings": self.rankings, "completed": self.completed, "published": self.published}
        found = {kind: sorted(a for a, n in counter.items() if n > 1) for kind, counter in counters.items()}
        return {kind: ids for kind, ids in found.items() if ids}

    def exactly_once(self) -> bool:
        """Every application ranked, completed and published exactly once."""
        return (
            all(
                {counter.get(a, 0) for a in self.expected} == {1}
                for counter in (self.rankings, self.completed, self.published)
            )
            and set(self.rankings) <= self.expected
        )


def scan_table(stack: LocalStack) -> list[dict[str, Any]]:
    """Every item of the stack's table (a full, paginated scan)."""
    table: Any = stack.session.resource("dynamodb", endpoint_url=stack.aws_endpoint).Table(
        stack.names.refs["TalentTable"]
    )
    items: list[dict[str, Any]] = []
    kwargs: dict[str, Any] = {}
    while True:
        page = table.scan(**kwargs)
        items += page["Items"]
        if "LastEvaluatedKey" not in page:
            return items
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def published_results(bootstrap: str, timeout_s: float = 120.0) -> list[dict[str, Any]]:
    """Every screening result on the topic, read from the start until each partition's end."""
    consumer = Consumer(
        {
            "bootstrap.servers": bootstrap,
            "group.id": f"backfill-check-{uuid.uuid4().hex}",
            "group.protocol": "classic",
            "auto.offset.reset": "earliest",
            "enable.partition.eof": True,
            "enable.auto.commit": False,
            "session.timeout.ms": 6000,
        }
    )
    consumer.subscribe([str(Topic.SCREENINGS)])
    values: list[dict[str, Any]] = []
    finished: set[int] = set()
    deadline = time.monotonic() + timeout_s
    last = time.monotonic()
    try:
        while time.monotonic() < deadline:
            for message in consumer.consume(num_messages=500, timeout=0.5):
                error = message.error()
                if error is not None:
                    if error.code() == KafkaError._PARTITION_EOF:
                        finished.add(int(message.partition() or 0))
                        continue
                    raise RuntimeError(f"reading {Topic.SCREENINGS}: {error}")
                values.append(json.loads(message.value() or b"null"))
                last = time.monotonic()
            assigned = {p.partition for p in consumer.assignment()}
            if assigned and finished >= assigned and time.monotonic() - last > 1.0:
                return values
            if not assigned and time.monotonic() - last > _EOF_QUIET_S:
                return values  # the topic has no partition assigned to us after a while: nothing published
    finally:
        consumer.close()
    raise TimeoutError(f"{Topic.SCREENINGS} not read to its end in {timeout_s} s ({len(values)} results so far)")


def parked_reasons(stack: LocalStack, at_least: int, wait_s: float = 10.0) -> list[str]:
    """The reasons of the failure queue's messages (not deleted); waits up to `wait_s` for `at_least`."""
    sqs: Any = stack.client("sqs")
    url = stack.names.refs["FailureQueue"]
    seen: dict[str, str] = {}
    deadline = time.monotonic() + wait_s
    while True:
        got = sqs.receive_message(
            QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1, VisibilityTimeout=int(wait_s) + 30
        )
        for message in got.get("Messages", []):
            seen[message["MessageId"]] = str(json.loads(message["Body"]).get("reason"))
        if not got.get("Messages") and (len(seen) >= at_least or time.monotonic() > deadline):
            return list(seen.values())


def check_backfill(stack: LocalStack, expected: set[str], planted: int) -> BackfillCheck:
    check = BackfillCheck(expected)
    for item in scan_table(stack):
        application_id = item.get("application_id")
        if not isinstance(application_id, str):
            continue
        if item.get("kind") == "ranking":
            check.rankings[application_id] += 1
            check.screened_at[application_id] = datetime.fromisoformat(str(item["screened_at"]))
        elif item.get("kind") == "audit" and item.get("action") == "screening.completed":
            check.completed[application_id] += 1
    distinct = {e["id"]: e for e in published_results(stack.bootstrap)}
    check.published.update(str(e["data"]["application_id"]) for e in distinct.values())
    check.parked_reasons = parked_reasons(stack, planted)
    return check
