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
from confluent_kafka import OFFSET_BEGINNING, Consumer, TopicPartition
from typer.testing import CliRunner

from talent.adapters.dynamodb_store import DynamoStore
from talent.adapters.ssm_parameters import SsmSigningKeys
from talent.contracts.registry import InvalidEvent, parse_event
from talent.contracts.topics import Topic
from talent.domain.candidates import CandidateHasher
from talent.domain.models import Application, ApplicationStatus
from talent.domain.signing_keys import UnknownSigningKey
from talent.runtime.envelopes import EnvelopeVerifier
from talent_tools.cli.main import app as talent_cli
from talent_tools.local.invoker import invoke_in_process
from talent_tools.local.kafka_event import KafkaRecord, build_kafka_event, json_record, record_from_message
from talent_tools.local.kafka_topics import create_topics
from talent_tools.local.moto_and_broker import LocalStack
from talent_tools.local.publish import publish
from talent_tools.local.tenant_keys import LOCAL_TENANTS, local_signing_key, local_tombstone_key
from tests.factories import sample
from tests.signing import LocalKeys

FUNCTION_OF_TOPIC = {Topic.STAGE_CHANGES: "record_decision", Topic.JOBS: "sync_jobs"}


# ------------------------------------------------------------------------------------------ helpers
def consume(broker: Any, topic: Topic, wanted: set[str]) -> list[KafkaRecord]:
    """The records of `topic` whose event id is in `wanted`, as the broker hands them out (headers and all)."""
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
    return got


def deliver(
    broker: Any, functions: dict[str, Any], topic: Topic, records: list[tuple[str, dict[str, Any]]], **how: Any
):
    """Publish (key, event) pairs through the broker as `how` says (sign_as=..., signed=...), consume them
    back, and run the topic's function on them as its event source mapping would."""
    create_topics(broker.address, {str(topic): 1})
    publish(broker.address, str(topic), [(key, json.dumps(doc).encode()) for key, doc in records], **how)
    got = consume(broker, topic, {doc["id"] for _, doc in records})
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


def quarantined(function_env: Any, tenant: str) -> list[str]:
    """The keys of the raw copies parked under `tenant` in the quarantine bucket."""
    listed = boto3.client("s3").list_objects_v2(
        Bucket=function_env.refs["QuarantineBucket"], Prefix=f"tenants/{tenant}/"
    )
    return [o["Key"] for o in listed.get("Contents", [])]


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
    # And its raw copy is globex's, the tenant that provably sent it: nothing lands in acme's quarantine
    assert quarantined(function_env, acme) == []
    [kept] = quarantined(function_env, globex)
    assert kept.startswith(f"tenants/{globex}/unattributed/{Topic.STAGE_CHANGES}/0/")


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


def test_talent_produce_signs_as_the_tenant_it_is_given_or_not_at_all(broker, unique, tmp_path):
    # Given an event of acme in a file
    acme, globex = f"acme-{unique}", f"globex-{unique}"
    topic = Topic.STAGE_CHANGES
    create_topics(broker.address, {str(topic): 1})
    as_globex, unsigned = (sample("application.stage_changed", tenant=acme, event_id=f"evt-{n}-{unique}") for n in "gu")
    (tmp_path / "g.json").write_text(json.dumps(as_globex))
    (tmp_path / "u.json").write_text(json.dumps(unsigned))
    # When it is produced as globex, and once unsigned
    for file, how in (("g.json", ["--tenant", globex]), ("u.json", ["--unsigned"])):
        result = CliRunner().invoke(
            talent_cli, ["produce", str(topic), str(tmp_path / file), "--bootstrap", broker.address, *how]
        )
        assert result.exit_code == 0, result.output
    # Then the first carries globex's signature (which verifies, and is refused for acme's body), the second none
    signed_record, unsigned_record = consume(broker, topic, {as_globex["id"], unsigned["id"]})
    assert (signed_record.key or b"").startswith(acme.encode()) and unsigned_record.headers == []
    headers = signed_record.to_event_record()["headers"]
    assert {"talent-tenant": list(globex.encode())} in headers
    verify = {
        "topic": str(topic),
        "record_key": signed_record.key,
        "value": signed_record.value or b"",
        "headers": headers,
    }
    with pytest.raises(InvalidEvent) as refused:
        EnvelopeVerifier(LocalKeys()).verify(parse_event(signed_record.value), **verify)
    assert refused.value.reason == f"signed by tenant {globex} but the event's tenant is {acme}"


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


def test_the_local_stack_holds_the_tombstone_key_and_the_local_tenants_signing_keys(repo_root, tmp_path):
    # Given a started local stack (what `talent dev` and `make demo` run on)
    with LocalStack(repo_root, tmp_path) as stack:
        environment = stack.function_env("record_decision")
        ssm = stack.client("ssm")
        # Then the functions find acme's and globex's local keys, version 1, where their environment says
        keys = SsmSigningKeys(environment["SIGNING_KEYS_PATH"], client=ssm)
        assert [keys.key(tenant, 1) for tenant in LOCAL_TENANTS] == [local_signing_key(t) for t in LOCAL_TENANTS]
        # And the tombstone key
        stored = ssm.get_parameter(Name=environment["TOMBSTONE_KEY_PARAMETER"], WithDecryption=True)["Parameter"]
        assert (stored["Type"], stored["Value"]) == ("SecureString", local_tombstone_key().hex())
