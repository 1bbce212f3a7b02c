"""The one builder of the AWS Lambda Kafka event (MSK and self-managed).

The event source mapping runner, test fixtures and the files in events/ all build events here, so
there is a single place that knows the wire shape:
https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html (checked against Powertools'
`KafkaMskEventModel` / `KafkaSelfManagedEventModel` in tests/unit/local/test_kafka_event.py).
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from confluent_kafka import TIMESTAMP_LOG_APPEND_TIME, Message

from talent_tools.local.tenant_keys import sign_locally

EventSource = Literal["aws:kafka", "SelfManagedKafka"]
TimestampType = Literal["CREATE_TIME", "LOG_APPEND_TIME"]

# Powertools' parser models reject an empty bootstrapServers, and Lambda always sends one; fixtures that
# do not care get this placeholder rather than an event no handler could parse.
DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092"


@dataclass(frozen=True)
class KafkaRecord:
    """One consumed Kafka record, as the event source mapping hands it to a function."""

    topic: str
    partition: int
    offset: int
    timestamp_ms: int
    key: bytes | None
    value: bytes | None
    headers: list[tuple[str, bytes]] = field(default_factory=list)
    timestamp_type: TimestampType = "CREATE_TIME"

    @property
    def partition_key(self) -> str:
        """`<topic>-<partition>`: the key of `records` in the event and of batch item failures."""
        return f"{self.topic}-{self.partition}"

    def to_event_record(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "topic": self.topic,
            "partition": self.partition,
            "offset": self.offset,
            "timestamp": self.timestamp_ms,
            "timestampType": self.timestamp_type,
        }
        if self.key is not None:
            out["key"] = _b64(self.key)
        # A null value (tombstone) becomes "": Powertools' models and kafka_consumer require the field.
        out["value"] = _b64(self.value or b"")
        out["headers"] = [{name: list(raw)} for name, raw in self.headers]
        return out


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def build_kafka_event(
    records: Iterable[KafkaRecord],
    *,
    event_source: EventSource,
    event_source_arn: str | None = None,
    bootstrap_servers: str | Sequence[str] = DEFAULT_BOOTSTRAP_SERVERS,
) -> dict[str, Any]:
    """The event Lambda passes to a Kafka-triggered function.

    Records are grouped under `<topic>-<partition>` (groups in first-seen order), each group in offset
    order. MSK events carry the cluster ARN; self-managed events have none.
    """
    if event_source == "aws:kafka" and not event_source_arn:
        raise ValueError("an MSK (aws:kafka) event needs the cluster ARN as event_source_arn")
    if event_source == "SelfManagedKafka" and event_source_arn:
        raise ValueError("a SelfManagedKafka event has no eventSourceArn")
    servers = bootstrap_servers if isinstance(bootstrap_servers, str) else ",".join(bootstrap_servers)
    if not servers:
        raise ValueError("bootstrap_servers must name at least one host:port")

    grouped: dict[str, list[KafkaRecord]] = {}
    for record in records:
        grouped.setdefault(record.partition_key, []).append(record)
    event: dict[str, Any] = {"eventSource": event_source}
    if event_source_arn:
        event["eventSourceArn"] = event_source_arn
    event["bootstrapServers"] = servers
    event["records"] = {
        key: [r.to_event_record() for r in sorted(group, key=lambda r: r.offset)] for key, group in grouped.items()
    }
    return event


def record_from_message(message: Message) -> KafkaRecord:
    """A KafkaRecord from a consumed confluent-kafka message (which must not be an error)."""
    if message.error() is not None:
        raise ValueError(f"not a record: {message.error()}")
    topic, partition, offset = message.topic(), message.partition(), message.offset()
    if topic is None or partition is None or offset is None:
        raise ValueError("message has no topic/partition/offset")
    ts_type, ts = message.timestamp()
    headers: list[tuple[str, bytes]] = []
    raw_headers = message.headers() or []
    pairs = raw_headers.items() if isinstance(raw_headers, Mapping) else raw_headers
    for name, raw in pairs:
        # Kafka allows null header values; the Lambda event has byte lists only, so null becomes [].
        headers.append((name, raw.encode() if isinstance(raw, str) else (raw or b"")))
    return KafkaRecord(
        topic=topic,
        partition=partition,
        offset=offset,
        timestamp_ms=max(ts, 0),  # TIMESTAMP_NOT_AVAILABLE reports -1
        key=message.key(),
        value=message.value(),
        headers=headers,
        timestamp_type="LOG_APPEND_TIME" if ts_type == TIMESTAMP_LOG_APPEND_TIME else "CREATE_TIME",
    )


def json_record(
    topic: str,
    value_obj: Any,
    partition: int = 0,
    offset: int = 0,
    key: str | bytes | None = None,
    headers: Mapping[str, str | bytes] | Sequence[tuple[str, str | bytes]] | None = None,
    timestamp_ms: int | None = None,
    *,
    sign_as: str | None = None,
    signed: bool = True,
) -> KafkaRecord:
    """A record whose value is `value_obj` as UTF-8 JSON: what fixtures and events/*.json need.

    Signed like an ATS's record (talent.contracts.signing), with the local key of `sign_as`, by default the
    event's own tenant; a value without a tenant, or `signed=False`, gives an unsigned record.
    """
    pairs = headers.items() if isinstance(headers, Mapping) else (headers or [])
    raw_key = key.encode() if isinstance(key, str) else key
    value = json.dumps(value_obj, separators=(",", ":")).encode()
    signer = sign_as or (value_obj.get("tenant") if isinstance(value_obj, Mapping) else None)
    signature = (
        sign_locally(signer, topic=topic, record_key=raw_key, value=value)
        if signed and isinstance(signer, str) and signer
        else []
    )
    return KafkaRecord(
        topic=topic,
        partition=partition,
        offset=offset,
        timestamp_ms=int(time.time() * 1000) if timestamp_ms is None else timestamp_ms,
        key=raw_key,
        value=value,
        headers=[(name, raw.encode() if isinstance(raw, str) else raw) for name, raw in pairs] + signature,
    )
