"""Idempotency per event: a true duplicate is answered from the record, a reused id with another payload is
refused (issue 15, finding 3), on Powertools' own idempotency code with an in-memory persistence layer."""

from __future__ import annotations

from typing import Any

import pytest
from aws_lambda_powertools.utilities.idempotency import BasePersistenceLayer
from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyItemAlreadyExistsError,
    IdempotencyItemNotFoundError,
)
from aws_lambda_powertools.utilities.idempotency.persistence.datarecord import DataRecord

from talent.contracts.registry import AnyEvent
from talent.domain.errors import RecordRefused
from talent.runtime.idempotency import EVENT_ID_REUSED, IdempotentProcessor
from talent.runtime.outcomes import RecordOutcome
from tests.factories import event, lambda_context


class MemoryPersistence(BasePersistenceLayer):
    """Powertools' persistence contract in a dict: a put on a live key fails, as DynamoDB's conditional put."""

    def __init__(self) -> None:
        super().__init__()
        self.records: dict[str, DataRecord] = {}

    def _get_record(self, idempotency_key: str) -> DataRecord:
        if idempotency_key not in self.records:
            raise IdempotencyItemNotFoundError
        return self.records[idempotency_key]

    def _put_record(self, data_record: DataRecord) -> None:
        existing = self.records.get(data_record.idempotency_key)
        if existing is not None and not existing.is_expired:
            raise IdempotencyItemAlreadyExistsError  # the layer then reads it back, and compares payloads
        self.records[data_record.idempotency_key] = data_record

    def _update_record(self, data_record: DataRecord) -> None:
        self.records[data_record.idempotency_key] = data_record

    def _delete_record(self, data_record: DataRecord) -> None:
        self.records.pop(data_record.idempotency_key, None)


def context() -> Any:
    return lambda_context("ingest_application")


def processor() -> tuple[Any, list[str]]:
    seen: list[str] = []

    def process(submitted: AnyEvent) -> RecordOutcome:
        seen.append(submitted.data.application_id)  # type: ignore[union-attr]
        return RecordOutcome(outcome="accepted")

    idempotent = IdempotentProcessor(process, "ingest_application", persistence=MemoryPersistence(), expires_after_s=60)
    return idempotent.bind(context()), seen


def test_the_same_event_twice_is_processed_once_and_answered_from_the_record():
    process, seen = processor()
    first = process(event("application.submitted.1", event_id="evt-1"))
    again = process(event("application.submitted.1", event_id="evt-1"))
    assert first == again == RecordOutcome(outcome="accepted")
    assert seen == ["app-1001"]


def test_an_event_id_reused_for_another_application_is_refused_with_its_reason():
    # Given an application processed under an event id
    process, seen = processor()
    process(event("application.submitted.1", event_id="evt-1"))
    # When another application arrives under the same id
    with pytest.raises(RecordRefused) as refused:
        process(event("application.submitted.1", event_id="evt-1", application_id="app-1999"))
    # Then it is refused (for the batch to park), never answered with the first one's outcome
    assert refused.value.reason == EVENT_ID_REUSED == "event id reused with a different payload"
    assert seen == ["app-1001"]


def test_the_same_id_in_another_tenant_is_another_event():
    process, seen = processor()
    process(event("application.submitted.1", event_id="evt-1"))
    process(event("application.submitted.1", event_id="evt-1", tenant="globex", application_id="app-1999"))
    assert seen == ["app-1001", "app-1999"]
