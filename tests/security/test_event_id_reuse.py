"""Finding 3: an event id reused for a different payload is parked, never silently answered as a duplicate.

The probe sent two application.submitted.v1 with one id for two applications: the second was logged
"accepted" (the idempotency record's stored outcome of the first), never stored, and nothing was parked.
These run the real ingest_application handler in-process, with its DynamoDB idempotency table in moto server.
"""

from __future__ import annotations

from typing import Any

import boto3

from talent.contracts.topics import Topic
from talent_tools.local.invoker import invoke_in_process
from talent_tools.local.kafka_event import build_kafka_event, json_record
from tests.factories import sample
from tests.security.parked import parked_for

REUSED = "event id reused with a different payload"


def ingest(functions: dict[str, Any], *documents: dict[str, Any]) -> Any:
    records = [json_record(Topic.APPLICATIONS, doc, offset=i) for i, doc in enumerate(documents)]
    event = build_kafka_event(records, event_source="aws:kafka", event_source_arn="arn:aws:kafka:::cluster/t/1")
    return invoke_in_process(functions["ingest_application"], event, function_name="ingest_application")


def application_ids(function_env: Any, tenant: str) -> list[str]:
    """Which of the two applications these tests send are stored."""
    table = boto3.resource("dynamodb").Table(function_env.refs["TalentTable"])
    return [
        application_id
        for application_id in ("app-1001", "app-1999")
        if "Item" in table.get_item(Key={"PK": f"TENANT#{tenant}#APP#{application_id}", "SK": "APP"})
    ]


def test_a_reused_event_id_with_another_payload_is_parked_and_a_true_duplicate_is_not(functions, function_env, unique):
    # Given an application, delivered twice (a true duplicate)
    tenant = f"t-{unique}"
    first = sample("application.submitted.1", tenant=tenant, event_id=f"evt-{unique}")
    assert ingest(functions, first, first) == {"batchItemFailures": []}
    # When another application arrives under the same event id
    reused = sample("application.submitted.1", tenant=tenant, event_id=f"evt-{unique}", application_id="app-1999")
    assert ingest(functions, reused) == {"batchItemFailures": []}
    # Then only the first application is stored, and the reuse, only it, is parked with its reason
    assert application_ids(function_env, tenant) == ["app-1001"]
    parked = parked_for(function_env.refs["FailureQueue"], {f"evt-{unique}"}, expected=2, timeout_s=5)
    assert [p["reason"] for p in parked] == [REUSED]


def test_the_same_event_redelivered_later_stays_a_no_op(functions, function_env, unique):
    # Given an application processed once
    tenant = f"t-{unique}"
    first = sample("application.submitted.1", tenant=tenant, event_id=f"evt-{unique}")
    assert ingest(functions, first) == {"batchItemFailures": []}
    # When exactly the same event is delivered again in a later invocation
    assert ingest(functions, first) == {"batchItemFailures": []}
    # Then nothing is parked and the application is stored once
    assert application_ids(function_env, tenant) == ["app-1001"]
    assert parked_for(function_env.refs["FailureQueue"], {f"evt-{unique}"}, expected=0, timeout_s=2) == []
