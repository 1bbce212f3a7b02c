"""Finding 4: after an erasure, no store the platform erases holds the candidate's name, email or phone.

The probe found, after an erasure, a failure-queue message whose value was the base64 resume. This runs the
embedded stack `talent dev` runs (the real local broker, moto server, one worker per function behind the
event source mapping runner), sends a candidate's application (inline resume), a decision and an invalid
record of the same candidate, erases the candidate, then scans every table, every bucket and the failure
queue for the name, email and phone, plain and base64. Kafka topics are scanned too and reported apart:
records cannot be deleted one by one, so an inline resume stays on its topic until retention
(docs/security.md, "Where personal data lives") and the test asserts exactly that, no more.
"""

from __future__ import annotations

import io
import json
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pyarrow.parquet as pq
import pytest
from confluent_kafka import Consumer, TopicPartition
from confluent_kafka.admin import AdminClient, ConfigResource
from rich.console import Console

from talent.contracts.topics import Topic, partition_key
from talent_tools.local.dev_session import DevSession
from talent_tools.local.publish import publish
from tests.factories import sample
from tests.security.needle_scan import EMAIL, NAME, PHONE, hits

pytestmark = pytest.mark.timeout(300)

TENANT = "acme"  # the stack is this module's own; acme is a tenant the local stack signs for
CANDIDATE, APPLICATION = "cand-501", "app-1001"


# ------------------------------------------------------------------- the stack

BEFORE_ERASURE: dict[str, dict[str, list[str]]] = {}  # bucket -> object key -> needles found, just before erasing
LAKE_ROWS_BEFORE_ERASURE: list[str] = []  # the candidate's lake index markers, just before erasing


def lake_rows_of_the_candidate(session: DevSession) -> list[str]:
    """The lake's index markers of the candidate (rows hold ids and numbers, so the name scan cannot see them)."""
    s3 = session.stack.client("s3")
    bucket = session.stack.names.refs["LakeBucket"]
    prefix = f"lake-index/tenant={TENANT}/candidate={CANDIDATE}/"
    return [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix=prefix).get("Contents", [])]


def send(session: DevSession, topic: str, *docs: dict[str, Any]) -> None:
    records = [(partition_key(d["tenant"], d["type"], d["data"]), json.dumps(d).encode()) for d in docs]
    publish(session.stack.bootstrap, topic, records)


def wait_for(what: str, ready: Callable[[], bool], timeout_s: float = 90) -> None:
    give_up = time.monotonic() + timeout_s
    while not ready():
        if time.monotonic() > give_up:
            raise TimeoutError(f"no {what} after {timeout_s} s")
        time.sleep(0.5)


def item(session: DevSession, pk: str, sk: str) -> dict[str, Any] | None:
    table = session.stack.names.refs["TalentTable"]
    got = session.stack.client("dynamodb").get_item(TableName=table, Key={"PK": {"S": pk}, "SK": {"S": sk}})
    return got.get("Item")


def idle(session: DevSession) -> None:
    for runner in session.runners.values():
        runner.wait_until_idle(quiet_s=2.0, timeout_s=120)


@pytest.fixture(scope="module")
def erased(repo_root, tmp_path_factory) -> Iterator[DevSession]:
    """A stack where the candidate applied (inline resume), was decided on, had a record parked, then was erased."""
    state_dir = tmp_path_factory.mktemp("erasure-state")
    with DevSession(repo_root, state_dir=state_dir, console=Console(quiet=True)) as session:
        job = sample("job.posted", tenant=TENANT)
        application = sample("application.submitted.1", tenant=TENANT)
        # Same candidate, a resume type the contract refuses: parked, with the resume inside the raw record
        refused = sample("application.submitted.1", tenant=TENANT, event_id="evt-refused", application_id="app-1003")
        refused["data"]["resume"]["content_type"] = "image/png"
        send(session, Topic.JOBS, job)
        wait_for("job", lambda: item(session, f"TENANT#{TENANT}#JOB#{job['data']['job_id']}", "JOB") is not None)
        send(session, Topic.APPLICATIONS, application, refused)
        wait_for("application", lambda: item(session, f"TENANT#{TENANT}#APP#{APPLICATION}", "APP") is not None)
        # HR's free-text reason names the candidate: the audit trail outlives the erasure, this text must not
        decision = sample("application.stage_changed", tenant=TENANT, reason=f"{NAME} has strong references")
        send(session, Topic.STAGE_CHANGES, decision)
        idle(session)
        BEFORE_ERASURE.update(bucket_hits(session))
        LAKE_ROWS_BEFORE_ERASURE.extend(lake_rows_of_the_candidate(session))
        send(
            session,
            Topic.ERASURE_REQUESTS,
            sample("candidate.erasure_requested", tenant=TENANT, candidate_id=CANDIDATE),
        )
        wait_for("erasure", lambda: item(session, f"TENANT#{TENANT}#APP#{APPLICATION}", "APP") is None)
        idle(session)
        yield session


# ------------------------------------------------------------------ the stores


def table_hits(session: DevSession) -> dict[str, list[str]]:
    ddb = session.stack.client("dynamodb")
    found = {}
    for table in session.stack.template.tables():
        name = session.stack.names.refs[table.logical_id]
        items = [i for page in ddb.get_paginator("scan").paginate(TableName=name) for i in page["Items"]]
        found[table.logical_id] = hits(json.dumps(items).encode())
    return found


def object_text(key: str, body: bytes) -> bytes:
    # Parquet pages are compressed: read the rows, so a name inside one would be seen.
    if key.endswith(".parquet"):
        return json.dumps(pq.read_table(io.BytesIO(body)).to_pylist(), default=str).encode()
    return body


def bucket_hits(session: DevSession) -> dict[str, dict[str, list[str]]]:
    s3 = session.stack.client("s3")
    found: dict[str, dict[str, list[str]]] = {}
    for bucket in session.stack.template.buckets():
        name = session.stack.names.refs[bucket.logical_id]
        keys = [
            o["Key"]
            for page in s3.get_paginator("list_objects_v2").paginate(Bucket=name)
            for o in page.get("Contents", [])
        ]
        found[bucket.logical_id] = {
            key: h for key in keys if (h := hits(object_text(key, s3.get_object(Bucket=name, Key=key)["Body"].read())))
        }
    return found


def failure_queue_messages(session: DevSession) -> list[str]:
    sqs = session.stack.client("sqs")
    url = session.stack.names.refs["FailureQueue"]
    bodies, handles = [], []
    while True:
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1, VisibilityTimeout=30)
        if not got.get("Messages"):
            break
        bodies += [m["Body"] for m in got["Messages"]]
        handles += [m["ReceiptHandle"] for m in got["Messages"]]
    for handle in handles:  # hand them back: other tests of the module read them too
        sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=0)
    return bodies


def topic_hits(session: DevSession) -> dict[str, list[str]]:
    consumer = Consumer(
        {
            "bootstrap.servers": session.stack.bootstrap,
            "group.id": f"scan-{uuid.uuid4().hex}",
            "enable.auto.commit": False,
        }
    )
    found: dict[str, list[str]] = {}
    try:
        for topic in sorted(str(t) for t in Topic):
            partitions = consumer.list_topics(topic, timeout=10).topics[topic].partitions
            found[topic] = []
            for partition in partitions:
                low, high = consumer.get_watermark_offsets(TopicPartition(topic, partition), timeout=10)
                if high <= low:
                    continue
                consumer.assign([TopicPartition(topic, partition, low)])
                for message in consumer.consume(num_messages=high - low, timeout=10):
                    if message.error() is None:
                        found[topic] += hits(message.value() or b"")
            found[topic] = sorted(set(found[topic]))
    finally:
        consumer.close()
    return found


# ------------------------------------------------------------------- the scans


def test_the_candidate_was_really_processed_before_the_erasure(erased):
    # Then the scan below is meaningful: the erasure reached stored data, including a parked record
    tombstones = [
        i
        for i in erased.stack.client("dynamodb").scan(TableName=erased.stack.names.refs["TalentTable"])["Items"]
        if i.get("kind", {}).get("S") == "tombstone" and i["tenant"]["S"] == TENANT
    ]
    assert len(tombstones) == 1
    parked = [json.loads(b) for b in failure_queue_messages(erased)]
    mine = [p for p in parked if p.get("record", {}).get("eventId") == "evt-refused"]
    assert len(mine) == 1 and mine[0]["record"]["candidateId"] == CANDIDATE
    assert mine[0]["record"]["rawRecord"].split("/", 3)[3].startswith(f"tenants/{TENANT}/candidates/{CANDIDATE}/")


def test_before_the_erasure_the_scan_finds_the_resume_and_the_parked_raw_record(erased):
    # Then the scan can see what it looks for: the stored resume, and the refused record's raw copy
    resumes = {key: found for key, found in BEFORE_ERASURE["DocumentsBucket"].items() if key.endswith("/resume.txt")}
    assert list(resumes.values()) == [[NAME, EMAIL, PHONE]]
    parked = BEFORE_ERASURE["QuarantineBucket"]
    assert [key.split("/parked/")[0] for key in parked] == [f"tenants/{TENANT}/candidates/{CANDIDATE}"]
    assert list(parked.values()) == [[NAME, EMAIL, PHONE]]


def test_the_erasure_reached_the_candidates_lake_rows(erased):
    # The decision (and the screening, with the models built) wrote lake rows about the candidate; none is left
    assert LAKE_ROWS_BEFORE_ERASURE
    assert lake_rows_of_the_candidate(erased) == []


def test_the_audit_trail_is_kept_without_the_free_text_and_records_the_erasure(erased):
    # Audit entries stay for their retention (EU AI Act Art. 19); the erasure is one of them
    pk = f"TENANT#{TENANT}#APP#{APPLICATION}"
    items = erased.stack.client("dynamodb").scan(TableName=erased.stack.names.refs["TalentTable"])["Items"]
    trail = {i["action"]["S"]: i for i in items if i["PK"]["S"] == pk and i.get("kind", {}).get("S") == "audit"}
    assert {"application.received", "application.stage_changed", "candidate.erased"} <= set(trail)
    assert trail["application.stage_changed"]["details"]["M"]["reason"]["S"] == "[erased]"
    assert all("expires_at" in entry for entry in trail.values())


def test_no_table_holds_the_candidates_name_email_or_phone(erased):
    found = table_hits(erased)
    assert set(found) == {t.logical_id for t in erased.stack.template.tables()}
    assert {table: h for table, h in found.items() if h} == {}


def test_no_bucket_holds_the_candidates_name_email_or_phone(erased):
    found = bucket_hits(erased)
    assert set(found) == {b.logical_id for b in erased.stack.template.buckets()}
    assert {bucket: objects for bucket, objects in found.items() if objects} == {}


def test_the_failure_queue_holds_no_name_email_or_phone(erased):
    bodies = failure_queue_messages(erased)
    assert bodies  # the refused record's reference is there, and only ids
    assert [hits(body.encode()) for body in bodies if hits(body.encode())] == []


def test_topics_keep_the_inline_resume_until_retention_and_nothing_else_carries_it(erased, capsys):
    # Kafka cannot delete one record: the inline resume stays on the applications topic until retention.ms
    # (7 days, template.yaml KafkaTopicDefaults) bounds it. Reported here, asserted exactly.
    found = topic_hits(erased)
    with capsys.disabled():
        still = {topic: h for topic, h in found.items() if h}
        print(f"\ntopics still holding the erased candidate's data (until retention): {still}")
    assert found[str(Topic.APPLICATIONS)] == sorted([NAME, EMAIL, PHONE])
    # And the local broker was told the template's retention for that topic (as MSK is by KafkaTopicDefaults)
    admin = AdminClient({"bootstrap.servers": erased.stack.bootstrap})
    resource = ConfigResource(ConfigResource.Type.TOPIC, str(Topic.APPLICATIONS))
    config = admin.describe_configs([resource])[resource].result(timeout=10)
    assert config["retention.ms"].value == str(7 * 24 * 3600 * 1000)
    # HR's typed reason (naming the candidate here) stays on the stage-changes topic until its retention too
    assert found[str(Topic.STAGE_CHANGES)] == [NAME]
    carriers = {str(Topic.APPLICATIONS), str(Topic.STAGE_CHANGES)}
    assert {topic: h for topic, h in found.items() if h and topic not in carriers} == {}
