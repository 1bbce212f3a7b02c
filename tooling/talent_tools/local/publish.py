"""Publish ATS events to Kafka, keyed so that one entity's events stay in order on one partition, and
signed as an ATS of the event's tenant (or of `sign_as`) with the local stack's keys
(talent_tools.local.tenant_keys)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from talent.contracts.registry import TOPIC_OF_TYPE, InvalidEvent, parse_event
from talent.contracts.topics import partition_key
from talent_tools.local.tenant_keys import sign_locally


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


def body_tenant(value: bytes) -> str | None:
    """The `tenant` of a JSON event value, or None (not JSON, not an object, no tenant)."""
    try:
        doc = json.loads(value)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    tenant = doc.get("tenant") if isinstance(doc, dict) else None
    return tenant if isinstance(tenant, str) and tenant else None


def local_headers(
    topic: str, key: str | None, value: bytes, *, sign_as: str | None = None, signed: bool = True
) -> list[tuple[str, bytes]]:
    """Signature headers as `sign_as` (default: the event's tenant); none when unsigned or nobody to sign as."""
    signer = sign_as or body_tenant(value)
    if not signed or signer is None:
        return []
    return sign_locally(signer, topic=topic, record_key=key.encode() if key is not None else None, value=value)


def routed(docs: Iterable[dict[str, Any]]) -> list[tuple[str, str, bytes]]:
    """(topic, key, value) for each event, on the topic its type belongs to; raises InvalidEvent naming the
    failing event's position (1-based), so a bulk file is checked whole before anything is published."""
    out = []
    for number, doc in enumerate(docs, 1):
        try:
            event = parse_event(doc)
        except InvalidEvent as exc:
            raise InvalidEvent(f"event {number}: {exc.reason}") from exc
        key = partition_key(event.tenant, event.type, doc["data"])
        out.append((str(TOPIC_OF_TYPE[event.type]), key, json.dumps(doc).encode()))
    return out


def publish(
    bootstrap: str,
    topic: str,
    records: Iterable[tuple[str | None, bytes]],
    timeout_s: float = 15.0,
    *,
    sign_as: str | None = None,
    signed: bool = True,
) -> int:
    """Produce (key, value) pairs on one topic; see publish_many."""
    return publish_many(
        bootstrap, ((topic, key, value) for key, value in records), timeout_s, sign_as=sign_as, signed=signed
    )


def publish_many(
    bootstrap: str,
    records: Iterable[tuple[str, str | None, bytes]],
    timeout_s: float = 15.0,
    *,
    sign_as: str | None = None,
    signed: bool = True,
    on_sent: Callable[[str | None], None] | None = None,
) -> int:
    """Produce (topic, key, value) records with idempotent, acks=all delivery; raises PublishError on any failure.

    Each record is signed as `sign_as`, by default as its event's tenant; `signed=False` sends it unsigned.
    Streams: when the producer's local queue is full it waits for deliveries, so a back-fill of any size
    goes out in bounded memory; `on_sent(key)` is called as each record is handed to the producer.
    """
    from confluent_kafka import KafkaException, Producer

    producer = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True, "acks": "all"})
    errors: list[str] = []

    def delivered(error: Any, _message: Any) -> None:
        if error is not None:
            errors.append(str(error))

    count = 0
    try:
        for topic, key, value in records:
            headers: list[tuple[str, str | bytes | None]] = [
                *local_headers(topic, key, value, sign_as=sign_as, signed=signed)
            ]
            while True:
                try:
                    producer.produce(topic, key=key, value=value, headers=headers, on_delivery=delivered)
                    break
                except BufferError:  # the local queue is full: let deliveries drain it
                    producer.poll(0.1)
            producer.poll(0)
            count += 1
            if on_sent is not None:
                on_sent(key)
        remaining = producer.flush(timeout_s)
    except KafkaException as exc:
        raise PublishError(f"broker at {bootstrap}: {exc}") from exc
    if remaining or errors:
        raise PublishError(f"{remaining} undelivered; errors: {errors[:3]}")
    return count
