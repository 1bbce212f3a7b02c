"""The functions that screen create their Kafka producer during init, so the producer id an idempotent
producer needs before its first record arrives while the first records are still being read and scored."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import confluent_kafka
import pytest
from aws_lambda_powertools import Logger, Metrics

from talent.adapters.kafka_publisher import KafkaPublisher
from talent.contracts.events import ScreeningCompletedData, ScreeningCompletedV1, ScreeningStatus
from talent.runtime import kafka_function, wiring
from talent.runtime.consumers import PUBLISHES_RESULTS, TOPIC_OF_FUNCTION, RecordProcessorFn
from talent.runtime.kafka_function import KafkaFunction
from talent.runtime.outcomes import RecordOutcome

MADE: list[RecordingProducer] = []  # every producer created


class RecordingProducer:
    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.sent: list[tuple[str, bytes]] = []
        MADE.append(self)

    def produce(self, topic: str, *, key: bytes, value: bytes, on_delivery: Any) -> None:
        self.sent.append((topic, key))
        on_delivery(None, None)

    def flush(self, timeout: float) -> int:
        return 0


def completed() -> ScreeningCompletedV1:
    return ScreeningCompletedV1(
        id="evt-1",
        source="talent/screening",
        type="screening.completed.v1",
        time=datetime(2026, 12, 5, tzinfo=UTC),
        tenant="acme",
        data=ScreeningCompletedData(
            application_id="app-1", candidate_id="cand-1", job_id="job-1", status=ScreeningStatus.SCREENED
        ),
    )


def test_connect_creates_the_one_producer_that_publishing_then_uses(monkeypatch: pytest.MonkeyPatch) -> None:
    MADE.clear()
    monkeypatch.setattr(confluent_kafka, "Producer", RecordingProducer)
    publisher = KafkaPublisher("127.0.0.1:9092")
    publisher.connect()
    publisher.connect()
    assert [p.config for p in MADE] == [
        {"bootstrap.servers": "127.0.0.1:9092", "enable.idempotence": True, "acks": "all"}
    ]
    publisher.publish(completed())
    assert len(MADE) == 1
    assert [topic for topic, _ in MADE[0].sent] == ["talent.screenings.v1"]


def test_only_the_functions_that_screen_connect_their_publisher_at_init(monkeypatch: pytest.MonkeyPatch) -> None:
    connected: list[int] = []

    class CountingPublisher:
        def connect(self) -> None:
            connected.append(1)

    monkeypatch.setattr(kafka_function, "IdempotentProcessor", lambda process, name: process)
    monkeypatch.setattr(wiring, "publisher", CountingPublisher)
    monkeypatch.setattr(wiring, "dead_letters", lambda name: object())
    monkeypatch.setattr(wiring, "envelopes", object)
    monkeypatch.setattr(wiring, "quarantine", object)
    process: RecordProcessorFn = lambda event: RecordOutcome(outcome="ok")  # noqa: E731
    assert {"ingest_application", "sync_jobs", "assess_skills"} == PUBLISHES_RESULTS
    for name in TOPIC_OF_FUNCTION:
        before = len(connected)
        KafkaFunction(name, process, Logger(), Metrics())
        assert len(connected) - before == (1 if name in PUBLISHES_RESULTS else 0), name
