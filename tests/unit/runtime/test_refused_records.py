"""A valid record the domain refuses as sent (RecordRefused) is parked with its reason; the batch goes on."""

from __future__ import annotations

from talent.contracts.registry import AnyEvent
from talent.domain.errors import RecordRefused
from talent.runtime.outcomes import RecordOutcome
from talent_tools.local.kafka_event import json_record
from tests.factories import sample
from tests.fakes import ListDeadLetters
from tests.unit.runtime.test_kafka_batch import TOPIC, run


def test_a_refused_record_is_parked_with_its_reason_and_the_next_one_is_processed():
    # Given a batch whose first record the domain refuses
    seen: list[str] = []

    def process(submitted: AnyEvent) -> RecordOutcome:
        if submitted.id == "evt-refused":
            raise RecordRefused("event id reused with a different payload")
        seen.append(submitted.id)
        return RecordOutcome(outcome="stored")

    records = [
        json_record(TOPIC, sample("job.posted", event_id="evt-refused"), offset=0),
        json_record(TOPIC, sample("job.posted", event_id="evt-good"), offset=1),
    ]
    dead = ListDeadLetters()
    # When the batch is handled
    response = run(records, process, dead)
    # Then no record is retried, the refused one is parked with its reason and id, and the batch went on
    assert response == {"batchItemFailures": []}
    [(reason, reference)] = dead.sent
    assert reason == "event id reused with a different payload"
    assert (reference["eventId"], reference["offset"]) == ("evt-refused", 0)
    assert seen == ["evt-good"]
