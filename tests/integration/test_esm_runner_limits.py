"""The runner against the real broker: Lambda's 6 MB invocation payload and MaximumRecordAgeInSeconds."""

from __future__ import annotations

import json
import time

import boto3
from confluent_kafka import Producer

from talent_tools.local.failure_queue import SqsFailureQueue
from tests.integration.esm_support import create_topic, mapping, recording_function, running


def produce_raw(bootstrap: str, topic: str, values: list[tuple[bytes, int | None]]) -> None:
    """Produce (value, timestamp ms or None for now) in order to partition 0."""
    producer = Producer({"bootstrap.servers": bootstrap, "message.max.bytes": 16 * 1024 * 1024})
    for value, timestamp_ms in values:
        producer.produce(topic, value, partition=0, timestamp=timestamp_ms or 0)
    assert producer.flush(30) == 0


def failure_records(queue_url: str) -> list[dict]:
    messages = boto3.client("sqs").receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages", [])
    return [json.loads(m["Body"]) for m in messages]


def test_records_older_than_the_maximum_age_reach_the_failure_queue_not_the_function(
    broker, moto_endpoint, unique, tmp_path
):
    # Given two records produced with a timestamp two hours ago, then a fresh one, and a one-hour maximum age
    queue_url = boto3.client("sqs").create_queue(QueueName=f"aged-{unique}")["QueueUrl"]
    topic, group = f"aged-{unique}", f"g-{unique}"
    create_topic(broker.address, topic)
    two_hours_ago = int(time.time() * 1000) - 2 * 3600 * 1000
    produce_raw(
        broker.address, topic, [(b'{"id": 0}', two_hours_ago), (b'{"id": 1}', two_hours_ago), (b'{"id": 2}', None)]
    )
    spec, recording = recording_function(tmp_path)
    aged = mapping(topic, group, on_failure_queue="FailureQueue", max_record_age_s=3600, max_retry_attempts=2)
    # When the mapping consumes them
    with running(spec, aged, broker.address, SqsFailureQueue(queue_url)) as (runner, _):
        runner.wait_until_committed(3)
    # Then the function saw only the fresh record; the old ones went to the queue as RecordAgeExceeded
    assert sorted(recording.offsets()) == [(0, 2)]
    [record] = failure_records(queue_url)
    assert record["requestContext"]["condition"] == "RecordAgeExceeded"
    assert record["KafkaBatchInfo"]["recordsInfo"][f"{topic}-0"]["firstRecordOffset"] == "0"
    assert record["KafkaBatchInfo"]["recordsInfo"][f"{topic}-0"]["lastRecordOffset"] == "1"
    assert runner.committed_offsets() == {(topic, 0): 3}


def test_a_record_too_large_for_one_invocation_is_never_invoked_and_reaches_the_failure_queue(
    broker, moto_endpoint, unique, tmp_path
):
    # Given a 7 MB record (its base64 event is over Lambda's 6 MB) between two small ones
    queue_url = boto3.client("sqs").create_queue(QueueName=f"large-{unique}")["QueueUrl"]
    topic, group = f"large-{unique}", f"g-{unique}"
    create_topic(broker.address, topic)
    produce_raw(broker.address, topic, [(b'{"id": 0}', None), (b"x" * (7 * 1024 * 1024), None), (b'{"id": 2}', None)])
    spec, recording = recording_function(tmp_path)
    large = mapping(topic, group, on_failure_queue="FailureQueue", max_retry_attempts=2)
    # When the mapping consumes them
    with running(spec, large, broker.address, SqsFailureQueue(queue_url)) as (runner, _):
        runner.wait_until_committed(3, timeout_s=60)
        metrics = runner.metrics()
    # Then the function never received the large record, nor failed; it went to the queue as PayloadTooLarge
    assert sorted(recording.offsets()) == [(0, 0), (0, 2)]
    assert metrics.function_errors == 0
    [record] = failure_records(queue_url)
    assert record["requestContext"]["condition"] == "PayloadTooLarge"
    assert record["KafkaBatchInfo"]["recordsInfo"][f"{topic}-0"]["firstRecordOffset"] == "1"
    assert len(json.dumps(record)) < 16 * 1024
