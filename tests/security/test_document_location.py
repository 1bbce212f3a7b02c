"""Finding 1: a resume sent by reference is read only from the event's own tenant's import location.

The probe sent globex's application.submitted.v1 with an S3 location naming acme's stored resume in the
documents bucket; intake copied it under globex, and globex's HR read acme's candidate. These run the real
ingest_application handler in-process against moto server, with the template's resources.
"""

from __future__ import annotations

import json
from typing import Any

import boto3

from talent.adapters.s3_documents import application_prefix
from talent.contracts.topics import Topic
from talent_tools.local.invoker import invoke_in_process
from talent_tools.local.kafka_event import build_kafka_event, json_record
from tests.factories import sample
from tests.security.parked import parked_for

REFUSED = "the resume location is not an import location of this tenant"
RESUME = b"Avery Quinn\nData engineer\nPython, SQL, Spark\n"


def ingest(functions: dict[str, Any], *documents: dict[str, Any]) -> Any:
    records = [json_record(Topic.APPLICATIONS, doc, offset=i) for i, doc in enumerate(documents)]
    event = build_kafka_event(records, event_source="aws:kafka", event_source_arn="arn:aws:kafka:::cluster/t/1")
    return invoke_in_process(functions["ingest_application"], event, function_name="ingest_application")


def by_reference(tenant: str, application_id: str, bucket: str, key: str) -> dict[str, Any]:
    resume = {
        "content_type": "text/plain",
        "filename": "resume.txt",
        "location": {"kind": "s3", "bucket": bucket, "key": key},
    }
    return sample(
        "application.submitted.1",
        tenant=tenant,
        event_id=f"evt-{tenant}-{application_id}",
        application_id=application_id,
        resume=resume,
    )


def stored_application(function_env: Any, tenant: str, application_id: str) -> dict[str, Any] | None:
    table = boto3.resource("dynamodb").Table(function_env.refs["TalentTable"])
    key = {"PK": f"TENANT#{tenant}#APP#{application_id}", "SK": "APP"}
    item: dict[str, Any] | None = table.get_item(Key=key).get("Item")
    return item


def acme_stored_resume(function_env: Any, acme: str) -> str:
    """acme's resume where intake stores it, in the documents bucket: the key the probe named."""
    key = f"{application_prefix(acme, 'cand-501', 'app-1001')}resume.txt"
    boto3.client("s3").put_object(Bucket=function_env.refs["DocumentsBucket"], Key=key, Body=RESUME)
    return key


def test_another_tenants_stored_resume_is_not_copied_and_the_record_is_parked(functions, function_env, unique):
    # Given acme's resume, stored in the documents bucket
    acme, globex = f"acme-{unique}", f"globex-{unique}"
    key = acme_stored_resume(function_env, acme)
    # When globex submits an application whose resume location is acme's stored resume
    stolen = by_reference(globex, "app-2002", function_env.refs["DocumentsBucket"], key)
    assert ingest(functions, stolen) == {"batchItemFailures": []}
    # Then globex has no application (so no HR of globex can read acme's candidate)
    assert stored_application(function_env, globex, "app-2002") is None
    documents = function_env.refs["DocumentsBucket"]
    assert boto3.client("s3").list_objects_v2(Bucket=documents, Prefix=f"tenants/{globex}/").get("KeyCount", 0) == 0
    # And the record is parked in the failure queue with a reason that names no bucket, key or tenant
    (parked,) = parked_for(function_env.refs["FailureQueue"], {stolen["id"]}, expected=1)
    assert parked["reason"] == REFUSED


def test_the_refusal_reads_the_same_whether_or_not_the_object_exists(functions, function_env, unique):
    # Given acme's stored resume, and a key beside it that does not exist
    acme, globex = f"acme-{unique}", f"globex-{unique}"
    key = acme_stored_resume(function_env, acme)
    bucket = function_env.refs["DocumentsBucket"]
    existing = by_reference(globex, "app-2003", bucket, key)
    missing = by_reference(globex, "app-2004", bucket, key.replace("resume.", "deleted-resume."))
    # When globex names each of them
    assert ingest(functions, existing, missing) == {"batchItemFailures": []}
    # Then both are parked with one and the same reason: nothing says whether acme's object exists
    parked = parked_for(function_env.refs["FailureQueue"], {existing["id"], missing["id"]}, expected=2)
    assert sorted(p["record"]["eventId"] for p in parked) == sorted([existing["id"], missing["id"]])
    assert {p["reason"] for p in parked} == {REFUSED}
    assert "404" not in json.dumps([p["reason"] for p in parked])
    assert stored_application(function_env, globex, "app-2003") is None
    assert stored_application(function_env, globex, "app-2004") is None


def test_another_tenants_import_location_is_refused(functions, function_env, unique):
    # Given a resume acme's ATS dropped in acme's import location
    acme, globex = f"acme-{unique}", f"globex-{unique}"
    bucket = function_env.refs["ImportBucket"]
    boto3.client("s3").put_object(Bucket=bucket, Key=f"tenants/{acme}/resumes/cand-501.txt", Body=RESUME)
    # When globex names it
    stolen = by_reference(globex, "app-2005", bucket, f"tenants/{acme}/resumes/cand-501.txt")
    assert ingest(functions, stolen) == {"batchItemFailures": []}
    # Then it is refused and parked like any other foreign location
    assert stored_application(function_env, globex, "app-2005") is None
    (parked,) = parked_for(function_env.refs["FailureQueue"], {stolen["id"]}, expected=1)
    assert parked["reason"] == REFUSED


def test_a_resume_in_the_tenants_own_import_location_is_copied_in(functions, function_env, unique):
    # Given a resume the tenant's ATS dropped in its own import location
    tenant = f"acme-{unique}"
    bucket = function_env.refs["ImportBucket"]
    boto3.client("s3").put_object(Bucket=bucket, Key=f"tenants/{tenant}/resumes/cand-501.txt", Body=RESUME)
    # When its application names that location
    submitted = by_reference(tenant, "app-1001", bucket, f"tenants/{tenant}/resumes/cand-501.txt")
    assert ingest(functions, submitted) == {"batchItemFailures": []}
    # Then the application is accepted with its resume copied into the documents bucket
    item = stored_application(function_env, tenant, "app-1001")
    assert item is not None and item["status"] == "received"
    body = boto3.client("s3").get_object(Bucket=function_env.refs["DocumentsBucket"], Key=item["document"]["key"])
    assert body["Body"].read() == RESUME
    assert parked_for(function_env.refs["FailureQueue"], {submitted["id"]}, expected=0, timeout_s=2) == []
