"""The on-failure destination record: AWS's shape plus the reason, and never the records' values."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from talent_tools.local.batch_outcome import ExhaustedBatch, Outcome
from talent_tools.local.failure_queue import MAX_MESSAGE_BYTES, FailureDeliveryError, SqsFailureQueue
from talent_tools.local.invoker import InvocationResult
from talent_tools.local.kafka_event import build_kafka_event, json_record
from talent_tools.local.on_failure_record import build_on_failure_record

ARN = "arn:aws:kafka:us-east-1:123456789012:cluster/local/abc-1"
FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:SyncJobsFunction"


def exhausted(result: InvocationResult, reason: str = "") -> ExhaustedBatch:
    records = [
        json_record("jobs", {"n": 1}, offset=5, timestamp_ms=1_700_000_000_000),
        json_record("jobs", {"n": 2}, offset=6, timestamp_ms=1_700_000_000_250),
        json_record("jobs", {"n": 3}, partition=1, offset=0, timestamp_ms=1_700_000_000_500),
    ]
    return ExhaustedBatch(records, result, Outcome("function_error", [], records, reason), attempts=4)


def build_event(batch: ExhaustedBatch, arn: str | None = ARN) -> dict[str, Any]:
    return build_kafka_event(
        batch.records,
        event_source="aws:kafka" if arn else "SelfManagedKafka",
        event_source_arn=arn,
        bootstrap_servers="127.0.0.1:9092",
    )


def build(batch: ExhaustedBatch, arn: str | None = ARN) -> dict[str, Any]:
    return build_on_failure_record(
        batch,
        event=build_event(batch, arn),
        function_arn=FUNCTION_ARN,
        consumer_group="talent-sync-jobs",
        bootstrap_servers="127.0.0.1:9092",
        event_source_arn=arn,
        now_ms=1_700_000_001_000,
    )


def test_a_function_error_record_has_aws_shape_and_the_reason():
    failed = InvocationResult(
        request_id="req-9", ok=False, error_type="ValueError", error_message="bad job", stack_trace=("  File x",)
    )
    record = build(exhausted(failed, "ValueError: bad job"))
    assert record["requestContext"] == {
        "requestId": "req-9",
        "functionArn": FUNCTION_ARN,
        "condition": "RetryAttemptsExhausted",
        "approximateInvokeCount": 4,
    }
    assert record["responseContext"] == {"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"}
    assert record["version"] == "1.0" and record["timestamp"] == "2023-11-14T22:13:21.000Z"
    info = record["KafkaBatchInfo"]
    assert info["batchSize"] == 3 and info["eventSourceArn"] == ARN
    assert info["bootstrapServers"] == "127.0.0.1:9092" and info["consumerGroupId"] == "talent-sync-jobs"
    assert info["recordsInfo"] == {
        "jobs-0": {
            "firstRecordOffset": "5",
            "lastRecordOffset": "6",
            "firstRecordTimestamp": "2023-11-14T22:13:20.000Z",
            "lastRecordTimestamp": "2023-11-14T22:13:20.250Z",
        },
        "jobs-1": {
            "firstRecordOffset": "0",
            "lastRecordOffset": "0",
            "firstRecordTimestamp": "2023-11-14T22:13:20.500Z",
            "lastRecordTimestamp": "2023-11-14T22:13:20.500Z",
        },
    }
    assert record["error"] == {"errorType": "ValueError", "errorMessage": "bad job", "stackTrace": ["  File x"]}
    assert info["payloadSize"] == len(json.dumps(build_event(exhausted(failed)), separators=(",", ":")))


def test_the_record_carries_no_value_of_the_records_it_gave_up_on():
    # Given a batch whose records carry personal data (an inline resume)
    resume = base64.b64encode(b"Avery Quinn avery.quinn@example.org +1 555 0100").decode()
    records = [json_record("ats.applications.v1", {"resume": resume}, offset=3, timestamp_ms=1_700_000_000_000)]
    failed = InvocationResult(request_id="r", ok=False, error_type="RuntimeError", error_message="boom")
    # When the on-failure record is built (as AWS does for SQS/SNS destinations: metadata only)
    record = build(ExhaustedBatch(records, failed, Outcome("function_error", [], records, "boom"), attempts=4))
    # Then neither the value nor its base64 is in it, and the offsets say where the record is
    text = json.dumps(record)
    assert "payload" not in record and resume not in text and "avery" not in text.lower()
    assert record["KafkaBatchInfo"]["recordsInfo"]["ats.applications.v1-0"]["firstRecordOffset"] == "3"


def test_records_never_delivered_carry_their_condition_and_no_function_response():
    # Given records given up on before any invocation (older than MaximumRecordAgeInSeconds)
    records = [json_record("jobs", {"n": 1}, offset=5, timestamp_ms=1_700_000_000_000)]
    outcome = Outcome("record_age_exceeded", [], records, "older than MaximumRecordAgeInSeconds (60 s)")
    # When the on-failure record is built
    record = build(ExhaustedBatch(records, None, outcome, attempts=0, condition="RecordAgeExceeded"))
    # Then the condition is AWS's, the reason is said, and nothing claims the function answered
    assert record["requestContext"]["condition"] == "RecordAgeExceeded"
    assert record["requestContext"]["approximateInvokeCount"] == 0
    assert "responseContext" not in record
    assert record["error"]["errorMessage"] == "older than MaximumRecordAgeInSeconds (60 s)"


def test_a_reported_item_failure_has_no_function_error_but_keeps_the_reason():
    record = build(exhausted(InvocationResult(request_id="r", ok=True, result={}), "reported items t-0@5"))
    assert "functionError" not in record["responseContext"]
    assert record["error"]["errorType"] == "BatchItemFailure"
    assert record["error"]["errorMessage"] == "reported items t-0@5"


def test_a_self_managed_record_has_no_event_source_arn():
    record = build(exhausted(InvocationResult(request_id="r", ok=False, error_type="E", error_message="m")), arn=None)
    assert "eventSourceArn" not in record["KafkaBatchInfo"]


class FakeSqs:
    def __init__(self, fail: bool = False) -> None:
        self.sent: list[dict[str, Any]] = []
        self.fail = fail

    def send_message(self, **kwargs: Any) -> dict[str, Any]:
        if self.fail:
            raise ClientError({"Error": {"Code": "AWS.SimpleQueueService.NonExistentQueue"}}, "SendMessage")
        self.sent.append(kwargs)
        return {"MessageId": "1"}


def test_the_sqs_sink_sends_one_message_per_record():
    sqs = FakeSqs()
    SqsFailureQueue("http://q", client=sqs)({"KafkaBatchInfo": {}, "payload": {"x": 1}})
    assert sqs.sent == [{"QueueUrl": "http://q", "MessageBody": '{"KafkaBatchInfo":{},"payload":{"x":1}}'}]


def test_an_oversized_record_is_sent_without_its_payload():
    sqs = FakeSqs()
    SqsFailureQueue("http://q", client=sqs)({"error": {"errorMessage": "why"}, "payload": "x" * MAX_MESSAGE_BYTES})
    body = json.loads(sqs.sent[0]["MessageBody"])
    assert body == {"error": {"errorMessage": "why"}, "payload": None, "payloadDropped": True}


def test_a_failed_send_is_a_failure_delivery_error():
    with pytest.raises(FailureDeliveryError):
        SqsFailureQueue("http://q", client=FakeSqs(fail=True))({"payload": None})
