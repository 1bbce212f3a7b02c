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
        (doc(data={"candidate_id": "cand-1"}), Attribution("acme", None)),  # the body names no tenant
        (doc(tenant="../acme", data={"candidate_id": "c"}), Attribution("acme", None)),
        (doc(tenant="acme", data={"candidate_id": "a/b"}), Attribution("acme", None)),  # not an identifier
        (b"\xff not json", Attribution("acme", None)),
        (b"[1, 2]", Attribution("acme", None)),
        (b"[" * 100_000, Attribution("acme", None)),  # nesting past the decoder's recursion limit
        (None, Attribution("acme", None)),
    ],
)
def test_a_signed_record_is_kept_under_its_signer_and_a_safe_candidate_of_that_tenant(value, expected):
    assert attribute(value, signer="acme") == expected


def test_a_body_claiming_another_tenant_never_places_the_copy_under_that_tenant():
    # globex's producer signs a record whose body says acme's cand-501: acme's quarantine must not get it
    claim = doc(tenant="acme", data={"candidate_id": "cand-501"})
    assert attribute(claim, signer="globex") == Attribution("globex", None)


@pytest.mark.parametrize("signer", [None, "../acme", ""])
def test_without_a_verified_signer_the_copy_is_unattributed_whatever_the_body_says(signer):
    claim = doc(tenant="acme", data={"candidate_id": "cand-501"})
    assert attribute(claim, signer=signer) == Attribution()


def test_a_value_past_the_event_limit_is_not_even_parsed_for_attribution():
    big = doc(tenant="acme", data={"candidate_id": "c", "pad": "x" * 1_100_000})
    assert attribute(big, signer="acme") == Attribution("acme", None)


def test_a_long_reason_is_bounded_in_the_message():
    dead, raw = ListDeadLetters(), MemoryRawRecords()
    record = RawRecord("t", 0, 1, b"x", {"topic": "t", "partition": 0, "offset": 1, "value": "eA=="})
    park(
        record,
        "unknown event type '" + "A" * 100_000 + "'",
        event_id=None,
        signer=None,
        raw_records=raw,
        dead_letters=dead,
    )
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
