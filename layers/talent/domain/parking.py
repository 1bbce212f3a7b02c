"""Park a record that can never be processed: its raw copy in quarantine, a reference in the failure queue.

The failure-queue message never carries the record's value. A value may be a whole resume (inline
documents) and any size up to the broker's limit: copied into a message it would outlive the candidate's
erasure and, past SQS's message limit, fail the function instead of parking the record. The raw copy is
kept under the tenant whose key signed the record (verified by the caller) and, when the record's body is
that same tenant's and names a candidate, under that candidate, so erasure deletes it. A body's own claim
of a tenant never places a copy: a producer could otherwise write into another tenant's quarantine.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from talent.domain.ports import DeadLetters, RawRecordStore

# Only a value the event decoder would read is searched for its tenant and candidate (registry.MAX_EVENT_BYTES).
MAX_ATTRIBUTION_BYTES = 1_048_576
# A reason is written by us, but may quote an attacker's field (an unknown event type): bounded, whatever it is.
MAX_REASON_CHARS = 500
_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")  # contracts.envelope.Identifier


class FailureReference(BaseModel):
    """What a failure-queue message says about a parked record: coordinates, ids, size and where its raw copy is.

    `extra="forbid"`: a value, key or headers cannot be slipped in beside the reference.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    topic: str
    partition: int
    offset: int
    event_id: str | None = Field(default=None, alias="eventId")
    tenant: str | None = None
    candidate_id: str | None = Field(default=None, alias="candidateId")
    size_bytes: int | None = Field(default=None, alias="sizeBytes", description="The value's size, in bytes.")
    raw_record: str | None = Field(
        default=None, alias="rawRecord", description="s3:// location of the raw record (Lambda's record shape)."
    )


@dataclass(frozen=True)
class RawRecord:
    """One Kafka record as the function received it: `lambda_record` is its event-record dict (base64 value)."""

    topic: str
    partition: int
    offset: int
    value: bytes | None
    lambda_record: dict[str, Any]


@dataclass(frozen=True)
class Attribution:
    tenant: str | None = None
    candidate_id: str | None = None


def _identifier(value: object) -> str | None:
    return value if isinstance(value, str) and _IDENTIFIER.fullmatch(value) else None


def attribute(value: bytes | None, signer: str | None) -> Attribution:
    """Where a parked record's raw copy goes: the verified signer's tenant, and the candidate the value names
    if the value is a JSON object of that same tenant that names one safely. No signer: unattributed.

    Best effort, for scoping the raw copy only: nothing is trusted or processed on the strength of it.
    """
    tenant = _identifier(signer)
    if tenant is None:
        return Attribution()
    if not value or len(value) > MAX_ATTRIBUTION_BYTES:
        return Attribution(tenant)
    try:
        doc = json.loads(value)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return Attribution(tenant)
    if not isinstance(doc, dict) or doc.get("tenant") != tenant:
        return Attribution(tenant)
    data = doc.get("data")
    candidate = _identifier(data.get("candidate_id")) if isinstance(data, dict) else None
    return Attribution(tenant, candidate)


def bounded_reason(reason: str) -> str:
    return reason if len(reason) <= MAX_REASON_CHARS else reason[: MAX_REASON_CHARS - 1] + "…"


def park(
    record: RawRecord,
    reason: str,
    *,
    event_id: str | None,
    signer: str | None,
    raw_records: RawRecordStore,
    dead_letters: DeadLetters,
) -> FailureReference:
    """Keep the raw record in quarantine, then send the reference with the reason to the failure queue.

    `signer`: the tenant whose signature on the record verified, None when none did.
    """
    who = attribute(record.value, signer)
    body = json.dumps(record.lambda_record, separators=(",", ":")).encode()
    location = raw_records.keep(
        tenant=who.tenant,
        candidate_id=who.candidate_id,
        topic=record.topic,
        partition=record.partition,
        offset=record.offset,
        body=body,
    )
    reference = FailureReference(
        topic=record.topic,
        partition=record.partition,
        offset=record.offset,
        event_id=_identifier(event_id),
        tenant=who.tenant,
        candidate_id=who.candidate_id,
        size_bytes=len(record.value or b""),
        raw_record=location,
    )
    dead_letters.send(bounded_reason(reason), reference.model_dump(by_alias=True, exclude_none=True))
    return reference
