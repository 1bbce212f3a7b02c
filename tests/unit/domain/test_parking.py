"""Parking by reference: what is read from a record to scope its raw copy, and what a message may hold."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError

from talent.adapters.sqs_dead_letters import SqsDeadLetters
from talent.domain.parking import MAX_REASON_CHARS, Attribution, RawRecord, attribute, park
from tests.fakes import ListDeadLetters, MemoryRawRecords


def doc(**fields: Any) -> bytes:
    return json.dumps(fields).encode()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (doc(tenant="acme", data={"candidate_id": "cand-1"}), Attribution("acme", "cand-1")),
        (doc(tenant="acme", data={"job_id": "j"}), Attribution("acme", None)),
        (doc(data={"candidate_id": "cand-1"}), Attribution()),  # no tenant: no candidate either
        (doc(tenant="../acme", data={"candidate_id": "c"}), Attribution()),  # not an identifier
        (doc(tenant="acme", data={"candidate_id": "a/b"}), Attribution("acme", None)),
        (b"\xff not json", Attribution()),
        (b"[1, 2]", Attribution()),
        (b"[" * 100_000, Attribution()),  # nesting past the decoder's recursion limit
        (None, Attribution()),
    ],
)
def test_only_safe_identifiers_from_a_json_object_scope_the_raw_copy(value, expected):
    assert attribute(value) == expected


def test_a_value_past_the_event_limit_is_not_even_parsed_for_attribution():
    big = doc(tenant="acme", data={"candidate_id": "c", "pad": "x" * 1_100_000})
    assert attribute(big) == Attribution()


def test_a_long_reason_is_bounded_in_the_message():
    dead, raw = ListDeadLetters(), MemoryRawRecords()
    record = RawRecord("t", 0, 1, b"x", {"topic": "t", "partition": 0, "offset": 1, "value": "eA=="})
    park(record, "unknown event type '" + "A" * 100_000 + "'", event_id=None, raw_records=raw, dead_letters=dead)
    [(reason, reference)] = dead.sent
    assert len(reason) == MAX_REASON_CHARS and reference["rawRecord"] == "s3://quarantine/unattributed/t/0/1.json"


class RecordingSqs:
    def __init__(self) -> None:
        self.bodies: list[dict[str, Any]] = []

    def send_message(self, QueueUrl: str, MessageBody: str) -> None:
        self.bodies.append(json.loads(MessageBody))


@pytest.mark.parametrize("smuggled", ["value", "key", "headers", "payload"])
def test_the_sqs_adapter_refuses_a_record_carrying_more_than_a_reference(smuggled):
    sqs = RecordingSqs()
    with pytest.raises(ValidationError):
        SqsDeadLetters("http://q", "ingest_application", client=sqs).send(
            "why", {"topic": "t", "partition": 0, "offset": 1, smuggled: "QXZlcnkgUXVpbm4="}
        )
    assert sqs.bodies == []
