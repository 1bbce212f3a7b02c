"""Finding 2: a producer can write only its own tenant's data (signed envelopes), and tombstones are keyed.

The probe sent a record keyed `globex:app-2002`, source `urn:ats:globex`, body tenant `acme`: it moved acme's
application to `rejected`, and a job.posted.v1 sent the same way was stored under acme. Now every record is
signed by its producer's tenant key (talent.contracts.signing) and verified by the runtime before its event
is processed. The regressions publish through the real local broker (headers and all), consume the records,
and hand them to the real handlers in-process against moto server (SSM holds the local keys).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest
from aws_lambda_powertools import Logger, Metrics
from confluent_kafka import OFFSET_BEGINNING, Consumer, TopicPartition

from talent.adapters.dynamodb_store import DynamoStore
from talent.adapters.ssm_parameters import SsmSigningKeys
from talent.contracts.registry import InvalidEvent, parse_event
from talent.contracts.topics import Topic
from talent.domain.applications import ApplicationIntake, IntakeOutcome
from talent.domain.candidates import CandidateHasher
from talent.domain.models import Application, ApplicationStatus
from talent.domain.signing_keys import UnknownSigningKey
from talent.local.invoker import invoke_in_process
from talent.local.kafka_event import build_kafka_event, json_record, record_from_message
from talent.local.lambda_context import LocalLambdaContext, deadline_after
from talent.local.provision import create_topics
from talent.local.publish import publish
from talent.local.tenant_keys import local_tombstone_key
from talent.runtime.envelopes import EnvelopeVerifier
from talent.runtime.kafka_batch import handle_kafka_batch
from tests.factories import event, sample
from tests.fakes import ListDeadLetters, MemoryDocuments, MemoryRawRecords, MemoryStore, erase_in_memory
from tests.signing import HASHER, LocalKeys

TOPIC = str(Topic.JOBS)
FUNCTION_OF_TOPIC = {Topic.STAGE_CHANGES: "record_decision", Topic.JOBS: "sync_jobs"}


# ------------------------------------------------------------------------------------------ helpers
def deliver(
    broker: Any, functions: dict[str, Any], topic: Topic, records: list[tuple[str, dict[str, Any]]], **how: Any
):
    """Publish (key, event) pairs through the broker as `how` says (sign_as=..., signed=...), consume them
    back, and run the topic's function on them as its event source mapping would."""
    create_topics(broker.address, {str(topic): 1})
    publish(broker.address, str(topic), [(key, json.dumps(doc).encode()) for key, doc in records], **how)
    wanted = {doc["id"] for _, doc in records}
    consumer = Consumer({"bootstrap.servers": broker.address, "group.id": f"tb-{uuid.uuid4().hex}"})
    consumer.assign([TopicPartition(str(topic), 0, OFFSET_BEGINNING)])  # no group join: quicker, same records
    got = []
    try:
        for _ in range(60):
            message = consumer.poll(0.5)
            if message is None or message.error() is not None:
                continue
            if json.loads(message.value() or b"{}").get("id") in wanted:
                got.append(record_from_message(message))
            if len(got) == len(wanted):
                break
    finally:
        consumer.close()
    assert len(got) == len(wanted), "the broker did not hand back every record published"
    event = build_kafka_event(got, event_source="aws:kafka", event_source_arn="arn:aws:kafka:::cluster/t/1")
    name = FUNCTION_OF_TOPIC[topic]
    return invoke_in_process(functions[name], event, function_name=name)


def seed_application(function_env: Any, tenant: str) -> DynamoStore:
    store = DynamoStore(function_env.refs["TalentTable"])
    store.put_application_if_absent(
        Application(
            tenant=tenant,
            application_id="app-1001",
            candidate_id="cand-501",
            job_id="job-data-eng-1",
            submitted_at=datetime(2026, 11, 20, tzinfo=UTC),
            status=ApplicationStatus.RECEIVED,
        )
    )
    return store


def reasons(function_env: Any, *event_ids: str) -> list[str]:
    """The reasons the failure queue holds for these events (the handlers park synchronously); other tests'
    messages are handed back at once."""
    sqs, queue = boto3.client("sqs"), function_env.refs["FailureQueue"]
    mine: list[str] = []
    for _ in range(5):
        for message in sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10, WaitTimeSeconds=1).get(
            "Messages", []
        ):
            body = json.loads(message["Body"])
            record = body.get("record") if isinstance(body.get("record"), dict) else body
            if record.get("eventId") in event_ids:
                mine.append(body["reason"])
                sqs.delete_message(QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"])
            else:
                sqs.change_message_visibility(
                    QueueUrl=queue, ReceiptHandle=message["ReceiptHandle"], VisibilityTimeout=0
                )
        if len(mine) >= len(event_ids):
            break
    return sorted(mine)


# ------------------------------------------------------------------------- on the broker and moto
def test_a_stage_change_signed_by_another_tenant_is_parked_and_changes_nothing(functions, function_env, broker, unique):
    # Given acme's application, at stage "applied"
    acme, globex = f"acme-{unique}", f"globex-{unique}"
    store = seed_application(function_env, acme)
    # When globex's ATS sends the probe's record: its own key and source, acme in the body, signed as globex
    forged = sample("application.stage_changed", tenant=acme, event_id=f"evt-{unique}", to_stage="rejected")
    forged["source"] = f"urn:ats:{globex}"
    response = deliver(broker, functions, Topic.STAGE_CHANGES, [(f"{globex}:app-1001", forged)], sign_as=globex)
    # Then it is parked with the reason, and acme's application and audit trail are untouched
    assert response == {"batchItemFailures": []}
    assert reasons(function_env, f"evt-{unique}") == [f"signed by tenant {globex} but the event's tenant is {acme}"]
    application = store.get_application(acme, "app-1001")
    assert application is not None and application.stage.value == "applied"
    assert store.trail(acme, "app-1001") == []


def test_a_job_posted_for_another_tenant_is_parked_and_not_stored(functions, function_env, broker, unique):
    # Given globex's ATS, When it posts a job into acme
    acme, globex = f"acme-{unique}", f"globex-{unique}"
    forged = sample("job.posted", tenant=acme, event_id=f"evt-job-{unique}")
    response = deliver(broker, functions, Topic.JOBS, [(f"{globex}:job-data-eng-1", forged)], sign_as=globex)
    # Then it is parked and acme has no such job
    assert response == {"batchItemFailures": []}
    assert reasons(function_env, f"evt-job-{unique}") == [f"signed by tenant {globex} but the event's tenant is {acme}"]
    assert DynamoStore(function_env.refs["TalentTable"]).get_job(acme, "job-data-eng-1") is None


def test_an_unsigned_record_is_parked_and_changes_nothing(functions, function_env, broker, unique):
    acme = f"acme-{unique}"
    store = seed_application(function_env, acme)
    unsigned = sample("application.stage_changed", tenant=acme, event_id=f"evt-{unique}", to_stage="rejected")
    deliver(broker, functions, Topic.STAGE_CHANGES, [(f"{acme}:app-1001", unsigned)], signed=False)
    assert reasons(function_env, f"evt-{unique}") == [
        "unsigned record: no talent-tenant, talent-key-version, talent-signature header"
    ]
    application = store.get_application(acme, "app-1001")
    assert application is not None and application.stage.value == "applied"


def test_a_record_signed_by_its_own_tenant_is_processed(functions, function_env, broker, unique):
    acme = f"acme-{unique}"
    store = seed_application(function_env, acme)
    decision = sample("application.stage_changed", tenant=acme, event_id=f"evt-{unique}", to_stage="interview")
    assert deliver(broker, functions, Topic.STAGE_CHANGES, [(f"{acme}:app-1001", decision)]) == {
        "batchItemFailures": []
    }
    application = store.get_application(acme, "app-1001")
    assert application is not None and application.stage.value == "interview"
    assert [entry.event_id for entry in store.trail(acme, "app-1001")] == [f"evt-{unique}"]


def test_signing_keys_come_from_the_parameter_store_by_tenant_and_version(function_env, unique):
    # Given one tenant with a key (two versions), and one tenant without
    ssm = boto3.client("ssm")
    path = f"/it-{unique}/signing-keys/"
    ssm.put_parameter(Name=f"{path}acme", Value=(b"1" * 32).hex(), Type="SecureString")
    ssm.put_parameter(Name=f"{path}acme", Value=(b"2" * 32).hex(), Type="SecureString", Overwrite=True)
    keys = SsmSigningKeys(path)
    # Then each version is its own key, and an unknown tenant or version is UnknownSigningKey (parked, not retried)
    assert keys.key("acme", 1) == b"1" * 32 and keys.key("acme", 2) == b"2" * 32
    for tenant, version in (("globex", 1), ("acme", 3)):
        with pytest.raises(UnknownSigningKey):
            keys.key(tenant, version)


def test_an_erasure_leaves_a_keyed_tombstone_that_guessed_ids_cannot_match(functions, function_env, unique):
    # Given an erasure request for a candidate
    tenant = f"t-{unique}"
    erase = sample("candidate.erasure_requested", tenant=tenant, candidate_id="cand-501")
    lambda_event = build_kafka_event(
        [json_record(Topic.ERASURE_REQUESTS, erase)], event_source="aws:kafka", event_source_arn="arn:aws:kafka:::c/t/1"
    )
    assert invoke_in_process(functions["erase_candidate"], lambda_event, function_name="erase_candidate") == {
        "batchItemFailures": []
    }
    # Then its tombstone holds the HMAC under the tombstone key, not a hash anyone can recompute from the id
    table = boto3.resource("dynamodb").Table(function_env.refs["TalentTable"])
    items = [i for i in table.scan()["Items"] if str(i["PK"]).startswith(f"TENANT#{tenant}#TOMBSTONE#")]
    (tombstone,) = items
    assert tombstone["candidate_hash"] == CandidateHasher(local_tombstone_key())(tenant, "cand-501")
    assert tombstone["candidate_hash"] != hashlib.sha256(f"{tenant}\x1fcand-501".encode()).hexdigest()


# ----------------------------------------------------------------------------- fakes, no servers
def signed(doc: dict[str, Any], *, key: str | None = "default", sign_as: str | None = None, topic: str = TOPIC):
    """(event, verify kwargs) of one record of `doc`, signed with the local key of `sign_as` (default: its tenant)."""
    record_key = f"{doc['tenant']}:{doc['data'].get('job_id')}" if key == "default" else key
    record = json_record(topic, doc, key=record_key, sign_as=sign_as)
    headers = record.to_event_record()["headers"]
    return parse_event(record.value), {
        "topic": topic,
        "record_key": record.key,
        "value": record.value,
        "headers": headers,
    }


def refusal(event: Any, **verify: Any) -> str:
    with pytest.raises(InvalidEvent) as refused:
        EnvelopeVerifier(LocalKeys("stranger")).verify(event, **verify)
    return refused.value.reason


def test_a_record_signed_by_its_tenant_verifies():
    event, verify = signed(sample("job.posted"))
    assert EnvelopeVerifier(LocalKeys()).verify(event, **verify) == "acme"


def test_an_unsigned_record_is_refused():
    event, verify = signed(sample("job.posted"))
    assert refusal(event, **{**verify, "headers": []}).startswith("unsigned record")


def test_a_record_whose_body_names_another_tenant_than_its_signer_is_refused():
    event, verify = signed(sample("job.posted"), key="globex:job-data-eng-1", sign_as="globex")
    assert refusal(event, **verify) == "signed by tenant globex but the event's tenant is acme"


def test_a_record_keyed_for_another_tenant_is_refused():
    event, verify = signed(sample("job.posted"), key="globex:job-data-eng-1")
    assert refusal(event, **verify) == "record key is not prefixed by the signer's tenant acme"


def test_a_source_naming_another_tenant_is_refused_and_an_ats_only_source_is_not():
    doc = sample("job.posted")
    event, verify = signed({**doc, "source": "urn:ats:greenhouse:globex"})
    assert refusal(event, **verify) == "signed by tenant acme but the source names tenant globex"
    event, verify = signed({**doc, "source": "urn:ats:greenhouse:acme"})
    assert EnvelopeVerifier(LocalKeys()).verify(event, **verify) == "acme"


def test_a_header_claiming_another_tenant_does_not_verify_with_the_senders_key():
    # globex signs, then rewrites the tenant header to acme: acme's key does not match globex's signature
    event, verify = signed(sample("job.posted"), sign_as="globex")
    forged = [{"talent-tenant": list(b"acme")} if "talent-tenant" in h else h for h in verify["headers"]]
    assert refusal(event, **{**verify, "headers": forged}) == "bad signature for tenant acme version 1"


def test_a_value_changed_after_signing_or_moved_to_another_topic_does_not_verify():
    event, verify = signed(sample("job.posted"))
    tampered = verify["value"].replace(b"Senior Data Engineer", b"Junior Data Engineer")
    assert refusal(event, **{**verify, "value": tampered}).startswith("bad signature")
    assert refusal(event, **{**verify, "topic": "ats.applications.v1"}).startswith("bad signature")


def test_a_signer_without_a_key_is_refused():
    event, verify = signed(sample("job.posted", tenant="stranger"))
    assert refusal(event, **verify) == "no signing key for tenant stranger version 1"


def test_a_record_signed_twice_is_refused():
    event, verify = signed(sample("job.posted"))
    assert refusal(event, **{**verify, "headers": verify["headers"] * 2}).startswith("record carries the talent-")


def test_the_batch_parks_a_foreign_record_without_processing_it_and_processes_its_neighbour():
    seen: list[str] = []

    def process(event: Any) -> dict[str, Any]:
        seen.append(event.id)
        return {"outcome": "stored"}

    forged = json_record(TOPIC, sample("job.posted", event_id="forged"), offset=0, sign_as="globex")
    good = json_record(TOPIC, sample("job.posted", event_id="good"), offset=1)
    dead = ListDeadLetters()
    response = handle_kafka_batch(
        build_kafka_event([forged, good], event_source="aws:kafka", event_source_arn="arn:aws:kafka:::cluster/x/y"),
        LocalLambdaContext(
            function_name="sync_jobs",
            function_version="$LATEST",
            invoked_function_arn="arn:aws:lambda:us-east-1:123456789012:function:sync_jobs",
            memory_limit_in_mb=1024,
            aws_request_id="req-1",
            log_group_name="/aws/lambda/sync_jobs",
            log_stream_name="local",
            deadline_ms=deadline_after(60),
        ),  # type: ignore[arg-type]
        accepts=("job.posted.v1",),
        process=process,
        dead_letters=dead,
        envelopes=EnvelopeVerifier(LocalKeys()),
        raw_records=MemoryRawRecords(),
        logger=Logger(service="test"),
        metrics=Metrics(namespace="Test"),
    )
    assert response == {"batchItemFailures": []} and seen == ["good"]
    assert [reason for reason, _ in dead.sent] == ["signed by tenant globex but the event's tenant is acme"]


def test_the_tombstone_hash_is_keyed_and_per_tenant():
    one, other = CandidateHasher(b"k" * 32), CandidateHasher(b"K" * 32)
    assert one("acme", "cand-1") != other("acme", "cand-1")
    assert one("acme", "cand-1") != one("globex", "cand-1")
    assert one("acme", "cand-1") != hashlib.sha256(b"acme\x1fcand-1").hexdigest()


def test_an_erasure_in_one_tenant_does_not_drop_another_tenants_candidate_with_the_same_id():
    # Given acme erased cand-501 (with no applications: the tombstone alone)
    store, docs = MemoryStore(), MemoryDocuments()
    erase_in_memory(store, docs, "cand-501", tenant="acme")
    # When globex's candidate with the same ATS id applies, and acme's applies again
    theirs = ApplicationIntake(store, store, store, store, docs, 1 << 20, identities=store, hasher=HASHER)
    # Then globex's is accepted and acme's is dropped as erased
    assert theirs.accept(event("application.submitted.1", tenant="globex")).outcome is IntakeOutcome.ACCEPTED
    assert theirs.accept(event("application.submitted.1", tenant="acme")).outcome is IntakeOutcome.ERASED
