"""Publish ATS events to Kafka, keyed so that one entity's events stay in order on one partition."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from talent.contracts.registry import InvalidEvent, parse_event
from talent.contracts.topics import TOPIC_OF_TYPE, partition_key


class PublishError(RuntimeError):
    pass


def keyed(docs: Iterable[dict[str, Any]], topic: str) -> list[tuple[str, bytes]]:
    """Validate each event and check it belongs on `topic`; raises InvalidEvent with the reason."""
    out = []
    for doc in docs:
        event = parse_event(doc)
        if TOPIC_OF_TYPE[event.type] != topic:
            raise InvalidEvent(f"{event.type} belongs on {TOPIC_OF_TYPE[event.type]}, not {topic}")
        out.append((partition_key(event.tenant, event.type, doc["data"]), json.dumps(doc).encode()))
    return out


def publish(bootstrap: str, topic: str, records: Iterable[tuple[str | None, bytes]], timeout_s: float = 15.0) -> int:
    """Produce (key, value) pairs with idempotent, acks=all delivery; raises PublishError on any failure."""
    from confluent_kafka import KafkaException, Producer

    producer = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True, "acks": "all"})
    errors: list[str] = []

    def delivered(error: Any, _message: Any) -> None:
        if error is not None:
            errors.append(str(error))

    count = 0
    try:
        for key, value in records:
            producer.produce(topic, key=key, value=value, on_delivery=delivered)
            count += 1
        remaining = producer.flush(timeout_s)
    except KafkaException as exc:
        raise PublishError(f"broker at {bootstrap}: {exc}") from exc
    if remaining or errors:
        raise PublishError(f"{remaining} undelivered; errors: {errors[:3]}")
    return count
