"""Audit entries carry the talent table's TTL attribute: kept AUDIT_RETENTION_DAYS (at least six months), then gone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import boto3

from talent.domain.models import AuditEntry
from talent.runtime import wiring


def test_an_audit_entry_expires_the_configured_days_after_it_was_written(function_env, unique):
    # Given the talent table and the store the functions build from template.yaml's environment
    table = function_env.refs["TalentTable"]
    store = wiring.store()
    at = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    # When an audit entry is appended
    store.append(AuditEntry(tenant=f"t-{unique}", application_id="app-1", at=at, event_id="e1", action="x", actor="a"))
    # Then its item carries expires_at = written + 400 days (template.yaml), and the table expires items by it
    [item] = (
        boto3.resource("dynamodb")
        .Table(table)
        .scan(FilterExpression="begins_with(PK, :pk)", ExpressionAttributeValues={":pk": f"TENANT#t-{unique}#"})[
            "Items"
        ]
    )
    assert int(str(item["expires_at"])) == int((at + timedelta(days=400)).timestamp())
    ttl = boto3.client("dynamodb").describe_time_to_live(TableName=table)["TimeToLiveDescription"]
    assert (ttl["TimeToLiveStatus"], ttl["AttributeName"]) == ("ENABLED", "expires_at")
    # And the trail still reads the entry as it was written
    assert [e.event_id for e in store.trail(f"t-{unique}", "app-1")] == ["e1"]
