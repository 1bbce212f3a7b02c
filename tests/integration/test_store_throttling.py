"""Fault: the store throttles. DynamoDB answers ThrottlingException to the ranking writes of a batch (injected
in front of moto server through botocore's own event hook, past boto's retries); the function reports the
records as failures, the mapping's retry redelivers them, and in the end every application has exactly one
ranking, one audit entry per step and nothing lost."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import boto3
import pytest

from talent.contracts.topics import Topic
from talent.runtime import wiring
from talent_tools.local.kafka_event import json_record
from tests.factories import inline_resume, sample
from tests.integration.test_functions import invoke, kafka

pytestmark = pytest.mark.integration
APPLICATIONS = 6
THROTTLED_WRITES = 4  # the first four ranking writes are refused


class ThrottleRankingWrites:
    """A before-call hook: answers the first `budget` ranking PutItems with a throttling error."""

    def __init__(self, table: str, budget: int) -> None:
        self.table, self.budget, self.refused = table, budget, 0

    def __call__(self, params: dict[str, Any], **_: Any) -> tuple[Any, dict[str, Any]] | None:
        body = params.get("body") or {}
        if isinstance(body, bytes | str):
            body = json.loads(body or "{}")
        item = body.get("Item", {})
        if body.get("TableName") != self.table or item.get("SK", {}).get("S") != "RANKING":
            return None
        if self.refused >= self.budget:
            return None
        self.refused += 1
        error = {
            "Error": {"Code": "ThrottlingException", "Message": "Rate of requests exceeds the allowed throughput."}
        }
        return SimpleNamespace(status_code=400, headers={}), error


def test_throttled_ranking_writes_are_retried_to_exactly_one_ranking_each(functions, function_env, unique):
    tenant = f"th-{unique}"
    table = function_env.refs["TalentTable"]
    session = boto3._get_default_session()
    throttle = ThrottleRankingWrites(table, THROTTLED_WRITES)
    # a before-call handler may answer in place of the service; the stubs type handlers as returning None
    session.events.register("before-call.dynamodb.PutItem", throttle)  # type: ignore[arg-type]
    wiring.store.cache_clear()  # the store's client is created after the hook, so it carries it
    try:
        assert invoke(functions, "sync_jobs", kafka([json_record(Topic.JOBS, sample("job.posted", tenant=tenant))]))
        records = [
            json_record(
                Topic.APPLICATIONS,
                sample(
                    "application.submitted.1",
                    tenant=tenant,
                    event_id=f"evt-th-{i}",
                    application_id=f"app-th-{i}",
                    candidate_id=f"cand-th-{i}",
                    resume=inline_resume(f"Data engineer {i}\nSKILLS\nPython, SQL, Kafka".encode()),
                ),
                offset=i,
            )
            for i in range(APPLICATIONS)
        ]
        deliveries, pending = 0, records
        while pending and deliveries < 6:  # what the event source mapping does with batchItemFailures
            deliveries += 1
            failed = invoke(functions, "ingest_application", kafka(pending))["batchItemFailures"]
            offsets = {int(f["itemIdentifier"]["offset"]) for f in failed}
            pending = [r for r in pending if r.offset in offsets]
    finally:
        session.events.unregister("before-call.dynamodb.PutItem", throttle)  # type: ignore[arg-type]
        wiring.store.cache_clear()

    assert throttle.refused == THROTTLED_WRITES and deliveries > 1 and not pending
    items: list[dict[str, Any]] = boto3.resource("dynamodb").Table(table).scan()["Items"]
    mine = [i for i in items if str(i["PK"]).startswith(f"TENANT#{tenant}#APP#")]
    rankings = [i for i in mine if i["SK"] == "RANKING"]
    assert sorted(str(r["application_id"]) for r in rankings) == [f"app-th-{i}" for i in range(APPLICATIONS)]
    completed = [i for i in mine if str(i["SK"]).startswith("AUDIT#") and i.get("action") == "screening.completed"]
    assert len(completed) == APPLICATIONS  # one per application, however often it was delivered
    print(f"throttled writes {throttle.refused}, deliveries {deliveries}, rankings {len(rankings)}")
