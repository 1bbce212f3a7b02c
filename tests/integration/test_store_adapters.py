"""The DynamoDB, S3 and SQS adapters against moto server with the template's own resources."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import boto3
import pytest

from talent.adapters.dynamodb_store import DynamoStore
from talent.adapters.s3_documents import S3Documents
from talent.adapters.sqs_dead_letters import SqsDeadLetters
from talent.contracts.events import Stage
from talent.domain.errors import DocumentTooLargeToFetch, DocumentUnavailable
from talent.domain.models import Application, ApplicationStatus, AuditEntry, Job, JobStatus, Tombstone

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def job(tenant: str, version: int, job_id: str = "job-1") -> Job:
    return Job(
        tenant=tenant,
        job_id=job_id,
        version=version,
        status=JobStatus.OPEN,
        title=f"v{version}",
        description="d",
        updated_at=NOW,
    )


def application(tenant: str, app_id: str, candidate: str = "cand-1", job_id: str = "job-1") -> Application:
    return Application(
        tenant=tenant,
        application_id=app_id,
        candidate_id=candidate,
        job_id=job_id,
        submitted_at=NOW,
        status=ApplicationStatus.RECEIVED,
        assessment_scores={"python": 0.5, "sql": 1.0},
    )


@pytest.fixture
def store(provisioned, unique) -> DynamoStore:
    return DynamoStore(provisioned.refs["TalentTable"])


def test_job_version_is_conditional(store, unique):
    tenant = f"t-{unique}"
    assert store.put_job_if_newer(job(tenant, 2))
    assert not store.put_job_if_newer(job(tenant, 1))
    assert not store.put_job_if_newer(job(tenant, 2))
    stored = store.get_job(tenant, "job-1")
    assert stored is not None and stored.title == "v2"


def test_jobs_are_listed_per_tenant_with_a_cursor(store, unique):
    for i in range(3):
        store.put_job_if_newer(job(f"a-{unique}", 1, f"job-{i}"))
    store.put_job_if_newer(job(f"b-{unique}", 1, "job-x"))
    first, cursor = store.list_jobs(f"a-{unique}", 2, None)
    rest, end = store.list_jobs(f"a-{unique}", 2, cursor)
    assert [j.job_id for j in first + rest] == ["job-0", "job-1", "job-2"]
    assert cursor is not None and end is None


def test_application_round_trips_with_scores_and_stage(store, unique):
    tenant = f"t-{unique}"
    assert store.put_application_if_absent(application(tenant, "app-1"))
    assert not store.put_application_if_absent(application(tenant, "app-1"))
    updated = application(tenant, "app-1").model_copy(update={"stage": Stage.INTERVIEW})
    store.save_application(updated)
    assert store.get_application(tenant, "app-1") == updated


def test_applications_by_job_and_by_candidate(store, unique):
    tenant = f"t-{unique}"
    store.put_application_if_absent(application(tenant, "app-1", "cand-1", "job-1"))
    store.put_application_if_absent(application(tenant, "app-2", "cand-1", "job-2"))
    store.put_application_if_absent(application(tenant, "app-3", "cand-2", "job-1"))
    assert {a.application_id for a in store.applications_for_job(tenant, "job-1")} == {"app-1", "app-3"}
    assert {a.application_id for a in store.applications_for_candidate(tenant, "cand-1")} == {"app-1", "app-2"}
    assert store.applications_for_job(f"other-{unique}", "job-1") == []


def test_audit_trail_is_ordered_idempotent_and_an_entry_can_be_rewritten_in_place(store, unique):
    tenant = f"t-{unique}"
    store.put_application_if_absent(application(tenant, "app-1"))
    for minute, event_id in [(2, "e2"), (1, "e1"), (2, "e2")]:
        store.append(
            AuditEntry(
                tenant=tenant,
                application_id="app-1",
                at=NOW.replace(minute=minute),
                event_id=event_id,
                action="x",
                actor="hr-1",
            )
        )
    assert [e.event_id for e in store.trail(tenant, "app-1")] == ["e1", "e2"]
    first = store.trail(tenant, "app-1")[0]
    store.append(first.model_copy(update={"details": {"reason": "[erased]"}}))  # what an erasure does
    assert [e.details for e in store.trail(tenant, "app-1")] == [{"reason": "[erased]"}, {}]


def test_tombstone(store, unique):
    tenant = f"t-{unique}"
    store.put_tombstone(Tombstone(tenant=tenant, candidate_hash="ab" * 32, erased_at=NOW, event_id="e"))
    assert store.has_tombstone(tenant, "ab" * 32)
    assert not store.has_tombstone(f"other-{unique}", "ab" * 32)


def test_documents_are_stored_encrypted_under_the_tenant_and_erased(provisioned, unique):
    bucket = provisioned.refs["DocumentsBucket"]
    docs = S3Documents(bucket)
    stored = docs.put_resume(f"t-{unique}", "cand-1", "app-1", b"%PDF-1.7 x", "application/pdf")
    assert stored.key == f"tenants/t-{unique}/candidates/cand-1/applications/app-1/resume.pdf"
    head = boto3.client("s3").head_object(Bucket=bucket, Key=stored.key)
    assert head["ServerSideEncryption"] == "aws:kms"
    assert docs.delete_candidate_documents(f"t-{unique}", "cand-1") == 1
    assert docs.delete_candidate_documents(f"t-{unique}", "cand-1") == 0


def test_external_document_limits_and_absence(provisioned, unique):
    bucket = provisioned.refs["DocumentsBucket"]
    s3 = boto3.client("s3")
    s3.put_object(Bucket=bucket, Key=f"ats/{unique}.pdf", Body=b"%PDF-" + b"x" * 100)
    docs = S3Documents(bucket)
    assert docs.read_external(bucket, f"ats/{unique}.pdf", None, 1000).startswith(b"%PDF-")
    with pytest.raises(DocumentTooLargeToFetch):
        docs.read_external(bucket, f"ats/{unique}.pdf", None, 50)
    with pytest.raises(DocumentUnavailable):
        docs.read_external(bucket, f"ats/missing-{unique}.pdf", None, 1000)


def test_dead_letter_carries_the_reason(provisioned):
    queue_url = provisioned.refs["FailureQueue"]
    reference = {"topic": "ats.jobs.v1", "partition": 0, "offset": 3, "rawRecord": "s3://q/unattributed/x"}
    SqsDeadLetters(queue_url, "sync_jobs").send("missing tenant", reference)
    messages = boto3.client("sqs").receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=1)
    bodies = [json.loads(m["Body"]) for m in messages["Messages"]]
    assert any(
        b["reason"] == "missing tenant" and b["function"] == "sync_jobs" and b["record"] == reference for b in bodies
    )
