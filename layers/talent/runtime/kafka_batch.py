"""Process a Kafka event source mapping batch record by record, with partial batch responses.

A record that can never be processed (not JSON, wrong schema, unknown type, missing tenant) is
parked with its reason and the batch goes on: its raw copy in quarantine, a reference in the failure
queue (talent.domain.parking), so parking works for a record of any size. Any other error is reported
as a batch item failure, so the mapping retries from that record and, once its retries are
exhausted, sends the batch to the on-failure destination. Nothing is caught and silently dropped.
"""

from __future__ import annotations

import base64
import time
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.kafka_event import KafkaEventRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from talent.contracts.registry import AnyEvent, InvalidEvent, parse_event
from talent.domain.errors import RecordRefused
from talent.domain.parking import RawRecord, bounded_reason, park
from talent.domain.ports import DeadLetters, RawRecordStore
from talent.runtime.envelopes import EnvelopeVerifier
from talent.runtime.outcomes import RecordOutcome

RecordProcessor = Callable[[AnyEvent], RecordOutcome]
tracer = Tracer()  # shares the handler's Tracer configuration; a no-op where tracing is disabled


def _raw_value(record: KafkaEventRecord) -> bytes | None:
    value = record.get("value")
    if value is None:
        return None
    try:
        return base64.b64decode(value, validate=True)
    except ValueError as exc:
        raise InvalidEvent("record value is not base64 (not an AWS Kafka event record)") from exc


def _value_or_none(record: KafkaEventRecord) -> bytes | None:
    """The value's bytes for attribution, or None when it is not even base64 (the raw copy keeps it as is)."""
    try:
        return _raw_value(record)
    except InvalidEvent:
        return None


def _signer_or_none(envelopes: EnvelopeVerifier, record: KafkaEventRecord, value: bytes | None) -> str | None:
    """The tenant that provably sent a record to be parked (its raw copy is kept under it, never under the
    tenant its body claims); None when no signature verifies or the record's key or headers are malformed."""
    try:
        key, headers = record.decoded_key, record.headers
    except (KeyError, TypeError, ValueError):
        return None
    return envelopes.signer_of(topic=record.topic, record_key=key, value=value, headers=headers)


def _metric_name(event_type: str, outcome: str) -> str:
    entity = event_type.split(".", 1)[0].capitalize()
    return entity + "".join(part.capitalize() for part in outcome.split("_"))


def _camel(word: str) -> str:
    return "".join(part.capitalize() for part in word.split("_"))


def _coordinates(record: KafkaEventRecord) -> dict[str, object]:
    return {"topic": record.topic, "partition": record.partition, "offset": record.offset}


def handle_kafka_batch(
    event: dict[str, Any],
    context: LambdaContext,
    *,
    accepts: tuple[str, ...],
    process: RecordProcessor,
    dead_letters: DeadLetters,
    envelopes: EnvelopeVerifier,
    raw_records: RawRecordStore,
    logger: Logger,
    metrics: Metrics,
) -> dict[str, Any]:
    """Run `process` on every valid record of `event`; `accepts` lists the event types of the topic."""
    processor = BatchProcessor(event_type=EventType.Kafka)

    def park_record(record: KafkaEventRecord, reason: str, event_id: str | None, metric: str) -> None:
        # By reference: the raw record goes to quarantine, the failure queue gets ids and its location.
        value = _value_or_none(record)
        raw_record = RawRecord(record.topic, record.partition, record.offset, value, record.raw_event)
        signer = _signer_or_none(envelopes, record, value)
        reference = park(
            raw_record, reason, event_id=event_id, signer=signer, raw_records=raw_records, dead_letters=dead_letters
        )
        metrics.add_metric(name=metric, unit=MetricUnit.Count, value=1)
        logger.warning(
            "record parked in the failure queue",
            extra={**_coordinates(record), "reason": bounded_reason(reason), "size_bytes": reference.size_bytes},
        )

    def on_record(record: KafkaEventRecord) -> None:
        where = _coordinates(record)
        try:
            parsed = parse_event(_raw_value(record), accepts=accepts)
            # Before anything is read or written for it: the signer must be the event's tenant.
            envelopes.verify(
                parsed,
                topic=record.topic,
                record_key=record.decoded_key,
                value=record.decoded_value,
                headers=record.headers,
            )
        except InvalidEvent as exc:
            park_record(record, exc.reason, exc.event_id, "InvalidRecords")
            return
        logger.append_keys(event_id=parsed.id, tenant=parsed.tenant, event_type=parsed.type)
        logger.set_correlation_id(parsed.id)
        started = time.perf_counter()
        try:
            # One X-Ray subsegment per record, searchable by tenant, event id, type and outcome (ids only).
            with tracer.provider.in_subsegment(f"## {parsed.type}") as subsegment:
                subsegment.put_annotation("tenant", parsed.tenant)
                subsegment.put_annotation("event_id", parsed.id)
                subsegment.put_annotation("event_type", parsed.type)
                outcome = process(parsed)
                subsegment.put_annotation("outcome", outcome.outcome)
        except RecordRefused as exc:
            # Valid, but refused as sent (a foreign document location, a reused event id): a retry cannot help.
            park_record(record, exc.reason, parsed.id, "RefusedRecords")
            return
        finally:
            logger.remove_keys(["event_id", "tenant", "event_type"])
        elapsed_ms = (time.perf_counter() - started) * 1000
        # One named metric per business outcome, e.g. ApplicationAccepted, JobStale, ScreeningScreened.
        metrics.add_metric(name=_metric_name(parsed.type, outcome.outcome), unit=MetricUnit.Count, value=1)
        metrics.add_metric(name="RecordProcessingTime", unit=MetricUnit.Milliseconds, value=elapsed_ms)
        for screening, count in outcome.screenings().items():
            metrics.add_metric(name=f"Screening{_camel(screening)}", unit=MetricUnit.Count, value=count)
        logger.info("record processed", extra={**where, **outcome.log_fields()})

    response = process_partial_response(event=event, record_handler=on_record, processor=processor, context=context)
    return dict(response)
