"""Function errors, crashes, poison records and partial batch responses, against the real broker."""

from __future__ import annotations

import json
from collections import Counter

import boto3
import pytest

from talent_tools.local.failure_queue import SqsFailureQueue
from tests.integration.esm_support import create_topic, mapping, produce, recording_function, running

pytestmark = [pytest.mark.integration, pytest.mark.timeout(60)]


def test_a_batch_whose_invocation_raised_is_redelivered_then_committed(broker, unique, tmp_path):
    # Given five records, the third of which makes the function raise the first time it sees it
    topic, group = f"raise-{unique}", f"g-{unique}"
    create_topic(broker.address, topic)
    produce(broker.address, topic, [{"id": i, "behaviour": "raise_once" if i == 2 else None} for i in range(5)])
    spec, recording = recording_function(tmp_path)

    # When the mapping consumes them
    with running(spec, mapping(topic, group, batch_size=5, max_batching_window_s=1.0), broker.address) as (runner, _):
        metrics = runner.wait_until_committed(5)

    # Then the failed invocation's records came again, and every record succeeded exactly once
    invocations = recording.invocations()
    failed = [inv for inv in invocations if inv["action"] == "raise_once"]
    assert len(failed) == 1
    retried = invocations[invocations.index(failed[0]) + 1]
    assert [r["offset"] for r in retried["records"]] == [r["offset"] for r in failed[0]["records"]]
    assert sorted(recording.offsets("ok")) == [(0, i) for i in range(5)]
    assert metrics.retries == 1 and metrics.function_errors == 1
    assert runner.committed_offsets() == {(topic, 0): 5}


def test_a_worker_that_dies_mid_batch_is_restarted_and_nothing_is_lost(broker, unique, tmp_path):
    # Given records, one of which kills the function's process (os._exit) the first time
    topic, group = f"crash-{unique}", f"g-{unique}"
    create_topic(broker.address, topic)
    produce(broker.address, topic, [{"id": i, "behaviour": "exit_once" if i == 1 else None} for i in range(4)])
    spec, recording = recording_function(tmp_path)

    # When the mapping consumes them
    with running(spec, mapping(topic, group, batch_size=4, max_batching_window_s=1.0), broker.address) as (runner, _):
        metrics = runner.wait_until_committed(4)

    # Then a fresh worker process got the same records again and all of them were committed once
    invocations = recording.invocations()
    crashed = next(inv for inv in invocations if inv["action"] == "exit_once")
    after = invocations[invocations.index(crashed) + 1]
    assert after["pid"] != crashed["pid"]
    assert [r["offset"] for r in after["records"]] == [r["offset"] for r in crashed["records"]]
    assert sorted(recording.offsets("ok")) == [(0, i) for i in range(4)]
    assert metrics.function_errors == 1
    assert runner.committed_offsets() == {(topic, 0): 4}


def test_a_slow_invocation_times_out_and_is_retried(broker, unique, tmp_path):
    # Given a function with a 1 s timeout and a record that hangs it the first time
    topic, group = f"hang-{unique}", f"g-{unique}"
    create_topic(broker.address, topic)
    produce(broker.address, topic, [{"id": 0, "behaviour": "hang_once"}, {"id": 1}])
    spec, recording = recording_function(tmp_path, timeout_s=1)

    # When the mapping consumes it
    with running(spec, mapping(topic, group, batch_size=2, max_batching_window_s=1.0), broker.address) as (runner, _):
        metrics = runner.wait_until_committed(2)

    # Then the timed-out batch was delivered again to a fresh worker and committed
    assert [inv["action"] for inv in recording.invocations()] == ["hang_once", "ok"]
    assert metrics.function_errors == 1 and metrics.retries == 1


def test_a_poison_record_goes_to_the_failure_queue_with_its_reason_and_later_records_flow(
    broker, moto_endpoint, unique, tmp_path
):
    # Given a failure queue, and a poison record between good ones
    queue_url = boto3.client("sqs").create_queue(QueueName=f"failures-{unique}")["QueueUrl"]
    topic, group = f"poison-{unique}", f"g-{unique}"
    create_topic(broker.address, topic)
    produce(broker.address, topic, [{"id": i, "behaviour": "raise" if i == 1 else None} for i in range(4)])
    spec, recording = recording_function(tmp_path)
    poison_mapping = mapping(
        topic, group, batch_size=1, max_retry_attempts=2, on_failure_queue="FailureQueue", max_batching_window_s=0.1
    )

    # When the mapping consumes them
    with running(spec, poison_mapping, broker.address, SqsFailureQueue(queue_url)) as (runner, _):
        metrics = runner.wait_until_committed(4)

    # Then the poison record was tried 1 + 2 times, then sent to the queue, and the rest succeeded
    assert Counter(recording.offsets())[(0, 1)] == 3
    assert sorted(recording.offsets("ok")) == [(0, 0), (0, 2), (0, 3)]
    assert metrics.records_to_failure_sink == 1
    messages = boto3.client("sqs").receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10)["Messages"]
    assert len(messages) == 1
    record = json.loads(messages[0]["Body"])
    assert record["requestContext"]["condition"] == "RetryAttemptsExhausted"
    assert record["requestContext"]["approximateInvokeCount"] == 3
    assert record["responseContext"]["functionError"] == "Unhandled"
    assert record["KafkaBatchInfo"]["consumerGroupId"] == group
    assert record["KafkaBatchInfo"]["recordsInfo"][f"{topic}-0"]["firstRecordOffset"] == "1"
    assert record["error"]["errorType"] == "PoisonRecordError"
    assert "poison" in record["error"]["errorMessage"]
    assert "payload" not in record  # metadata only, as AWS sends to SQS: a value may be a resume
    assert runner.committed_offsets() == {(topic, 0): 4}


def test_bisecting_a_failing_batch_isolates_the_poison_record(broker, moto_endpoint, unique, tmp_path):
    # Given a batch of four with one poison record, and BisectBatchOnFunctionError
    queue_url = boto3.client("sqs").create_queue(QueueName=f"bisect-{unique}")["QueueUrl"]
    topic, group = f"bisect-{unique}", f"g-{unique}"
    create_topic(broker.address, topic)
    produce(broker.address, topic, [{"id": i, "behaviour": "raise" if i == 2 else None} for i in range(4)])
    spec, recording = recording_function(tmp_path)
    bisect_mapping = mapping(
        topic,
        group,
        batch_size=4,
        max_batching_window_s=1.0,
        max_retry_attempts=0,
        bisect_on_error=True,
        on_failure_queue="FailureQueue",
    )

    # When the mapping consumes them
    with running(spec, bisect_mapping, broker.address, SqsFailureQueue(queue_url)) as (runner, _):
        metrics = runner.wait_until_committed(4)

    # Then only the poison record reached the failure queue; its neighbours succeeded
    assert sorted(recording.offsets("ok")) == [(0, 0), (0, 1), (0, 3)]
    assert metrics.records_to_failure_sink == 1 and metrics.bisections == 2
    [message] = boto3.client("sqs").receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10)["Messages"]
    assert json.loads(message["Body"])["KafkaBatchInfo"]["recordsInfo"][f"{topic}-0"]["firstRecordOffset"] == "2"


def test_a_partial_batch_response_retries_only_from_the_failed_offset(broker, unique, tmp_path):
    # Given six records on one partition, the fourth failing once inside Powertools' BatchProcessor
    topic, group = f"partial-{unique}", f"g-{unique}"
    create_topic(broker.address, topic)
    produce(broker.address, topic, [{"id": i, "behaviour": "fail_item_once" if i == 3 else None} for i in range(6)])
    spec, recording = recording_function(tmp_path, handler="partial_handler")
    partial_mapping = mapping(topic, group, batch_size=6, max_batching_window_s=1.0, report_batch_item_failures=True)

    # When the mapping consumes them
    with running(spec, partial_mapping, broker.address) as (runner, _):
        metrics = runner.wait_until_committed(6)

    # Then the retry carried offsets 3..5 only: 0..2 were committed after the first invocation
    first, second = recording.invocations()
    assert first["response"] == {"batchItemFailures": [{"itemIdentifier": {"partition": f"{topic}-0", "offset": 3}}]}
    assert [r["offset"] for r in first["records"]] == [0, 1, 2, 3, 4, 5]
    assert [r["offset"] for r in second["records"]] == [3, 4, 5]
    assert second["response"] == {"batchItemFailures": []}
    assert metrics.partial_failures == 1 and metrics.function_errors == 0
    assert runner.committed_offsets() == {(topic, 0): 6}
