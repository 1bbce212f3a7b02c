"""The record a Kafka event source mapping sends to its SQS/SNS on-failure destination.

Shape of https://docs.aws.amazon.com/lambda/latest/dg/kafka-on-failure.html ("SNS and SQS example
invocation record"): metadata only, never the records' values (AWS adds the payload for S3 and Kafka
destinations only; a value may be a whole resume, which must not outlive its candidate's erasure in a
queue). The records are found again by their offsets (KafkaBatchInfo.recordsInfo) while the topic keeps
them. Two local additions the project relies on, because a record in the failure queue must say why:
- `KafkaBatchInfo.consumerGroupId`;
- `error`: the function's errorType / errorMessage (bounded) / stackTrace, the partial-failure reason, or
  why the records were never delivered (RecordAgeExceeded, PayloadTooLarge).
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Sequence
from typing import Any

from talent_tools.local.batch_outcome import ExhaustedBatch
from talent_tools.local.kafka_event import KafkaRecord

MAX_ERROR_MESSAGE_CHARS = 1000  # an exception message may quote the data it choked on


def iso_ms(epoch_ms: int) -> str:
    seconds, millis = divmod(epoch_ms, 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{millis:03d}Z"


def records_info(records: Sequence[KafkaRecord]) -> dict[str, dict[str, str]]:
    by_partition: dict[str, list[KafkaRecord]] = {}
    for record in records:
        by_partition.setdefault(record.partition_key, []).append(record)
    info = {}
    for key, group in by_partition.items():
        first = min(group, key=lambda r: r.offset)
        last = max(group, key=lambda r: r.offset)
        info[key] = {
            # Strings, as in AWS's record: offsets there can exceed what JSON readers keep exact.
            "firstRecordOffset": str(first.offset),
            "lastRecordOffset": str(last.offset),
            "firstRecordTimestamp": iso_ms(first.timestamp_ms),
            "lastRecordTimestamp": iso_ms(last.timestamp_ms),
        }
    return info


def build_on_failure_record(
    batch: ExhaustedBatch,
    *,
    event: dict[str, Any],
    function_arn: str,
    consumer_group: str,
    bootstrap_servers: str,
    event_source_arn: str | None,
    now_ms: int | None = None,
) -> dict[str, Any]:
    result = batch.last_result
    response_context: dict[str, Any] = {"statusCode": 200, "executedVersion": "$LATEST"}
    if result is None:
        # Never delivered: too old, or too large for one invocation.
        response_context = {}
        error: dict[str, Any] = {"errorType": batch.condition, "errorMessage": batch.outcome.reason, "stackTrace": []}
    elif result.ok:
        # The function returned normally but reported these records in batchItemFailures.
        error = {"errorType": "BatchItemFailure", "errorMessage": batch.outcome.reason, "stackTrace": []}
    else:
        response_context["functionError"] = "Unhandled"
        error = result.error()
    error["errorMessage"] = str(error.get("errorMessage", ""))[:MAX_ERROR_MESSAGE_CHARS]
    batch_info: dict[str, Any] = {"batchSize": len(batch.records)}
    if event_source_arn:
        batch_info["eventSourceArn"] = event_source_arn
    batch_info.update(
        {
            "bootstrapServers": bootstrap_servers,
            "consumerGroupId": consumer_group,
            "payloadSize": len(json.dumps(event, separators=(",", ":")).encode()),
            "recordsInfo": records_info(batch.records),
        }
    )
    return {
        "requestContext": {
            "requestId": result.request_id if result is not None else str(uuid.uuid4()),
            "functionArn": function_arn,
            "condition": batch.condition,
            "approximateInvokeCount": batch.attempts,
        },
        **({"responseContext": response_context} if response_context else {}),
        "version": "1.0",
        "timestamp": iso_ms(int(time.time() * 1000) if now_ms is None else now_ms),
        "KafkaBatchInfo": batch_info,
        "error": error,
    }
