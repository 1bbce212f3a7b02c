"""Batch handling: invalid records go to the failure queue with a reason; errors become item failures."""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import json
from collections.abc import Iterator
from typing import Any

from aws_lambda_powertools import Logger, Metrics

from talent.contracts.registry import AnyEvent
from talent.runtime.envelopes import EnvelopeVerifier
from talent.runtime.kafka_batch import handle_kafka_batch
from talent.runtime.outcomes import RecordOutcome
from talent_tools.local.kafka_event import KafkaRecord, build_kafka_event, json_record
from tests.factories import lambda_context, sample
from tests.fakes import ListDeadLetters, MemoryRawRecords
from tests.signing import LocalKeys

TOPIC = "ats.jobs.v1"
ACCEPTS = ("job.posted.v1", "job.updated.v1", "job.closed.v1")


def context() -> Any:
    return lambda_context("sync_jobs")


def run(
    records: list[KafkaRecord], process: Any, dead: ListDeadLetters, raw: MemoryRawRecords | None = None
) -> dict[str, Any]:
    event = build_kafka_event(records, event_source="aws:kafka", event_source_arn="arn:aws:kafka:::cluster/x/y")
    return handle_kafka_batch(
        event,
        context(),
        accepts=ACCEPTS,
        process=process,
        dead_letters=dead,
        envelopes=EnvelopeVerifier(LocalKeys()),
        raw_records=raw if raw is not None else MemoryRawRecords(),
        logger=Logger(service="test"),
        metrics=Metrics(namespace="Test"),
    )


def raw_record(value: bytes, offset: int) -> KafkaRecord:
    return KafkaRecord(topic=TOPIC, partition=0, offset=offset, timestamp_ms=0, key=None, value=value)


def test_valid_records_are_processed_in_order():
    seen: list[str] = []

    def process(event: AnyEvent) -> RecordOutcome:
        seen.append(event.id)
        return RecordOutcome(outcome="stored")

    records = [json_record(TOPIC, sample("job.posted", event_id=f"e{i}"), offset=i) for i in range(3)]
    response = run(records, process, ListDeadLetters())
    assert seen == ["e0", "e1", "e2"]
    assert response == {"batchItemFailures": []}


def test_poison_records_are_parked_with_reason_and_the_batch_continues():
    seen: list[str] = []
    dead = ListDeadLetters()

    def process(event: AnyEvent) -> RecordOutcome:
        seen.append(event.id)
        return RecordOutcome(outcome="stored")

    wrong_topic = json.dumps(sample("application.submitted.1")).encode()
    records = [
        raw_record(b"not json", 0),
        json_record(TOPIC, sample("job.posted", event_id="good"), offset=1),
        raw_record(wrong_topic, 2),
        raw_record(json.dumps({**sample("job.posted"), "tenant": ""}).encode(), 3),
    ]
    response = run(records, process, dead)
    assert seen == ["good"]
    assert response == {"batchItemFailures": []}
    reasons = [reason for reason, _ in dead.sent]
    assert reasons[0].startswith("value is not JSON")
    assert "does not belong on this topic" in reasons[1]
    assert reasons[2] == "missing tenant"
    assert [r["offset"] for _, r in dead.sent] == [0, 2, 3]


def test_processing_error_is_reported_as_item_failure_for_retry():
    def process(event: AnyEvent) -> RecordOutcome:
        if event.id == "boom":
            raise RuntimeError("store throttled")
        return RecordOutcome(outcome="stored")

    records = [
        json_record(TOPIC, sample("job.posted", event_id="ok"), offset=7),
        json_record(TOPIC, sample("job.posted", event_id="boom"), offset=8),
    ]
    response = run(records, process, ListDeadLetters())
    assert response == {"batchItemFailures": [{"itemIdentifier": {"partition": f"{TOPIC}-0", "offset": 8}}]}


class RecordingSubsegment:
    def __init__(self, name: str, annotations: dict[str, dict[str, str]]) -> None:
        self.name, self.annotations = name, annotations.setdefault(name, {})

    def put_annotation(self, key: str, value: str) -> None:
        self.annotations[key] = value


class RecordingProvider:
    """Stands in for the X-Ray SDK (no daemon in unit tests): records each subsegment's annotations."""

    def __init__(self) -> None:
        self.annotations: dict[str, dict[str, str]] = {}

    @contextlib.contextmanager
    def in_subsegment(self, name: str) -> Iterator[RecordingSubsegment]:
        yield RecordingSubsegment(name, self.annotations)


def test_each_record_is_traced_with_ids_type_and_outcome(monkeypatch):
    from talent.runtime import kafka_batch

    provider = RecordingProvider()
    monkeypatch.setattr(kafka_batch.tracer, "provider", provider)
    doc = sample("job.posted", tenant="acme")
    run([json_record(TOPIC, doc)], lambda event: RecordOutcome(outcome="stored"), ListDeadLetters())
    assert provider.annotations == {
        "## job.posted.v1": {
            "tenant": "acme",
            "event_id": doc["id"],
            "event_type": "job.posted.v1",
            "outcome": "stored",
        }
    }


def test_a_parked_record_is_sent_by_reference_and_its_raw_copy_is_kept_under_its_candidate():
    # Given an application (inline resume) on the wrong topic: a record that can never be processed here
    application = sample("application.submitted.1")
    resume_b64 = application["data"]["resume"]["location"]["content_base64"]
    dead, raw = ListDeadLetters(), MemoryRawRecords()
    # When the batch is handled
    signed = json_record(TOPIC, application, offset=4)  # signed by acme, as acme's ATS sends it
    response = run([signed], lambda event: RecordOutcome(outcome="stored"), dead, raw)
    # Then the failure-queue record is a reference: ids, size and where the raw copy is, never the value
    assert response == {"batchItemFailures": []}
    [(reason, reference)] = dead.sent
    assert "does not belong on this topic" in reason
    key = f"tenants/acme/candidates/cand-501/parked/{TOPIC}/0/4.json"
    assert reference == {
        "topic": TOPIC,
        "partition": 0,
        "offset": 4,
        "eventId": application["id"],
        "tenant": "acme",
        "candidateId": "cand-501",
        "sizeBytes": len(signed.value or b""),
        "rawRecord": f"s3://quarantine/{key}",
    }
    assert resume_b64[:40] not in json.dumps(reference)
    # And the raw copy is the record as the function received it, under the candidate's prefix
    kept = json.loads(raw.objects[key])
    assert (kept["topic"], kept["offset"]) == (TOPIC, 4)
    assert resume_b64 in base64.b64decode(kept["value"]).decode()


def test_a_parked_copy_is_kept_under_the_tenant_that_signed_it_never_the_one_its_body_claims():
    # Given records whose body says acme's cand-501: one signed by globex, one unsigned, one with a bad signature
    claim = sample("application.submitted.1", tenant="acme")
    by_globex = json_record(TOPIC, claim, offset=1, sign_as="globex")
    unsigned = json_record(TOPIC, claim, offset=2, signed=False)
    forged = json_record(TOPIC, claim, offset=3, sign_as="globex")
    forged = dataclasses.replace(forged, value=(forged.value or b"") + b" ")  # the signature no longer matches
    dead, raw = ListDeadLetters(), MemoryRawRecords()
    # When the batch is handled (every one is refused: wrong topic, foreign signer, unsigned, bad signature)
    run([by_globex, unsigned, forged], lambda event: RecordOutcome(outcome="stored"), dead, raw)
    # Then nothing lands under acme: globex's copy is globex's (unattributed there), the rest unattributed
    assert sorted(raw.objects) == [
        f"tenants/globex/unattributed/{TOPIC}/0/1.json",
        f"unattributed/{TOPIC}/0/2.json",
        f"unattributed/{TOPIC}/0/3.json",
    ]
    assert [reference.get("tenant") for _, reference in dead.sent] == ["globex", None, None]


def test_parking_a_15_mb_non_json_value_sends_a_small_message():
    # Given a 15 MB value that is not JSON (over SQS's 1 MiB message limit many times)
    huge = b"\x89PNG" + b"A" * (15 * 1024 * 1024)
    dead, raw = ListDeadLetters(), MemoryRawRecords()
    # When the batch is handled
    response = run([raw_record(huge, 9)], lambda event: RecordOutcome(outcome="stored"), dead, raw)
    # Then the record is parked, not failed: the message is small, the raw copy whole and unattributed
    assert response == {"batchItemFailures": []}
    [(reason, reference)] = dead.sent
    assert reason.startswith("event is") and len(json.dumps(reference)) < 1024
    assert reference["sizeBytes"] == len(huge) and "tenant" not in reference
    assert list(raw.objects) == [f"unattributed/{TOPIC}/0/9.json"]
    assert base64.b64decode(json.loads(raw.objects[f"unattributed/{TOPIC}/0/9.json"])["value"]) == huge
