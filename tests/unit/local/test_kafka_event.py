"""The Kafka event builder produces what Lambda sends, as Powertools' parser models read it."""

from __future__ import annotations

import base64
import json

import pytest
from aws_lambda_powertools.utilities.data_classes import KafkaEvent
from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import KafkaMskEventModel, KafkaSelfManagedEventModel
from confluent_kafka import TIMESTAMP_CREATE_TIME, TIMESTAMP_LOG_APPEND_TIME, Message

from talent_tools.local.kafka_event import KafkaRecord, build_kafka_event, json_record, record_from_message

ARN = "arn:aws:kafka:us-east-1:123456789012:cluster/local/abc-1"
SERVERS = "b-1.local:9092,b-2.local:9092"


def records() -> list[KafkaRecord]:
    return [
        json_record(
            "orders",
            {"n": 2},
            partition=0,
            offset=11,
            key="k-2",
            headers={"trace": "abc"},
            timestamp_ms=1_700_000_000_002,
        ),
        json_record("orders", {"n": 1}, partition=0, offset=10, timestamp_ms=1_700_000_000_001),
        json_record("orders", {"n": 3}, partition=1, offset=4, timestamp_ms=1_700_000_000_003),
    ]


def test_msk_event_has_the_documented_shape():
    event = build_kafka_event(records(), event_source="aws:kafka", event_source_arn=ARN, bootstrap_servers=SERVERS)
    assert list(event) == ["eventSource", "eventSourceArn", "bootstrapServers", "records"]
    assert event["eventSource"] == "aws:kafka" and event["eventSourceArn"] == ARN
    assert event["bootstrapServers"] == SERVERS
    assert list(event["records"]) == ["orders-0", "orders-1"]
    first, second = event["records"]["orders-0"]
    assert first == {
        "topic": "orders",
        "partition": 0,
        "offset": 10,
        "timestamp": 1_700_000_000_001,
        "timestampType": "CREATE_TIME",
        "value": base64.b64encode(b'{"n":1}').decode(),
        "headers": [],
    }
    assert second["key"] == base64.b64encode(b"k-2").decode()
    assert second["headers"] == [{"trace": [97, 98, 99]}]


def test_msk_event_parses_with_powertools_msk_model():
    event = build_kafka_event(records(), event_source="aws:kafka", event_source_arn=ARN, bootstrap_servers=SERVERS)
    parsed = parse(event=event, model=KafkaMskEventModel)
    assert parsed.bootstrapServers == SERVERS.split(",")
    first, second = parsed.records["orders-0"]
    assert json.loads(str(first.value)) == {"n": 1} and first.key is None
    assert second.key == b"k-2" and second.headers == [{"trace": b"abc"}]
    assert parsed.records["orders-1"][0].timestamp.year == 2023


def test_self_managed_event_parses_with_powertools_self_managed_model():
    event = build_kafka_event(records(), event_source="SelfManagedKafka", bootstrap_servers=SERVERS.split(","))
    assert "eventSourceArn" not in event
    parsed = parse(event=event, model=KafkaSelfManagedEventModel)
    assert parsed.eventSource == "SelfManagedKafka"
    assert [r.offset for group in parsed.records.values() for r in group] == [10, 11, 4]


def test_powertools_data_class_decodes_values_and_headers():
    event = build_kafka_event(records(), event_source="aws:kafka", event_source_arn=ARN, bootstrap_servers=SERVERS)
    decoded = [(r.json_value, r.decoded_headers) for r in KafkaEvent(event).records]
    assert decoded[1] == ({"n": 2}, {"trace": b"abc"})


def test_null_value_is_an_empty_string_so_the_models_still_parse():
    tombstone = KafkaRecord(topic="t", partition=0, offset=0, timestamp_ms=0, key=b"gone", value=None)
    event = build_kafka_event([tombstone], event_source="SelfManagedKafka", bootstrap_servers=SERVERS)
    assert event["records"]["t-0"][0]["value"] == ""
    assert parse(event=event, model=KafkaSelfManagedEventModel).records["t-0"][0].value == ""


def test_msk_event_without_cluster_arn_is_refused():
    with pytest.raises(ValueError, match="cluster ARN"):
        build_kafka_event(records(), event_source="aws:kafka")


def test_self_managed_event_with_an_arn_is_refused():
    with pytest.raises(ValueError, match="no eventSourceArn"):
        build_kafka_event(records(), event_source="SelfManagedKafka", event_source_arn=ARN)


def test_record_from_a_consumed_message_keeps_everything_the_event_needs():
    message = Message(
        topic="jobs",
        partition=2,
        offset=41,
        key=b"job-1",
        value=b'{"v":1}',
        headers=[("content-type", b"application/json"), ("empty", None)],
        timestamp=(TIMESTAMP_LOG_APPEND_TIME, 1_700_000_000_500),
    )
    record = record_from_message(message)
    assert record == KafkaRecord(
        topic="jobs",
        partition=2,
        offset=41,
        timestamp_ms=1_700_000_000_500,
        key=b"job-1",
        value=b'{"v":1}',
        headers=[("content-type", b"application/json"), ("empty", b"")],
        timestamp_type="LOG_APPEND_TIME",
    )


def test_record_from_message_defaults_to_create_time():
    message = Message(topic="jobs", partition=0, offset=0, value=b"{}", timestamp=(TIMESTAMP_CREATE_TIME, 5))
    assert record_from_message(message).timestamp_type == "CREATE_TIME"
