"""A durable local stack keeps Kafka records and committed offsets across a broker restart."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from confluent_kafka import OFFSET_BEGINNING, Consumer, Producer, TopicPartition

from talent.contracts.topics import Topic
from talent_tools.local.moto_and_broker import LocalStack

pytestmark = [pytest.mark.integration, pytest.mark.timeout(60)]

TOPIC = str(Topic.APPLICATIONS)
PARTITIONS = 3
RECORDS = 30
CONSUMED_BEFORE_RESTART = 12
GROUP = "talent-durability-test"


@pytest.fixture
def durable_stack(repo_root: Path, tmp_path: Path) -> Iterator[LocalStack]:
    with LocalStack(repo_root, tmp_path, durable=True, partitions=PARTITIONS) as stack:
        yield stack


@pytest.fixture
def memory_stack(repo_root: Path, tmp_path: Path) -> Iterator[LocalStack]:
    with LocalStack(repo_root, tmp_path, durable=False, partitions=PARTITIONS) as stack:
        yield stack


def _produce(bootstrap: str, count: int) -> set[bytes]:
    producer = Producer({"bootstrap.servers": bootstrap, "acks": "all"})
    values = {f"record-{i}".encode() for i in range(count)}
    for i, value in enumerate(sorted(values)):
        producer.produce(TOPIC, value=value, key=str(i).encode(), partition=i % PARTITIONS)
    assert producer.flush(10) == 0
    return values


def _group_consumer(bootstrap: str) -> Consumer:
    return Consumer(
        {
            "bootstrap.servers": bootstrap,
            "group.id": GROUP,
            "auto.offset.reset": "earliest",
            "enable.auto.commit": False,
            "session.timeout.ms": 6000,
        }
    )


def _consume_and_commit(bootstrap: str, count: int, deadline_s: float) -> list[bytes]:
    """As GROUP, read `count` records, then commit them."""
    consumer = _group_consumer(bootstrap)
    consumer.subscribe([TOPIC])
    seen: list[bytes] = []
    deadline = time.monotonic() + deadline_s
    try:
        while len(seen) < count and time.monotonic() < deadline:
            message = consumer.poll(0.2)
            if message is None or message.error():
                continue
            seen.append(message.value() or b"")
            if len(seen) == count:
                consumer.commit(asynchronous=False)
    finally:
        consumer.close()
    return seen


def _committed(bootstrap: str) -> dict[int, int]:
    consumer = _group_consumer(bootstrap)
    try:
        offsets = consumer.committed([TopicPartition(TOPIC, p) for p in range(PARTITIONS)], timeout=10)
    finally:
        consumer.close()
    return {tp.partition: tp.offset for tp in offsets}


def _read_from_beginning(bootstrap: str, expected: int, deadline_s: float) -> list[bytes]:
    consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "reader", "enable.auto.commit": False})
    consumer.assign([TopicPartition(TOPIC, p, OFFSET_BEGINNING) for p in range(PARTITIONS)])
    seen: list[bytes] = []
    deadline = time.monotonic() + deadline_s
    try:
        while len(seen) < expected and time.monotonic() < deadline:
            message = consumer.poll(0.2)
            if message is not None and not message.error():
                seen.append(message.value() or b"")
    finally:
        consumer.close()
    return seen


def test_records_and_committed_offsets_survive_a_broker_restart(durable_stack: LocalStack) -> None:
    # Given records on a topic of a durable stack, and a consumer group that committed part of them
    bootstrap = durable_stack.bootstrap
    produced = _produce(bootstrap, RECORDS)
    before = _consume_and_commit(bootstrap, CONSUMED_BEFORE_RESTART, deadline_s=20)
    committed_before = _committed(bootstrap)
    assert len(before) == CONSUMED_BEFORE_RESTART
    assert sum(max(offset, 0) for offset in committed_before.values()) == CONSUMED_BEFORE_RESTART

    # When the broker process is replaced by a new one on the same storage
    old_pid = durable_stack.broker_pid
    durable_stack.restart_broker()
    assert durable_stack.broker_pid != old_pid
    assert durable_stack.bootstrap == bootstrap

    # Then every record is still readable, and the group's commits are still there
    assert sorted(_read_from_beginning(bootstrap, RECORDS, deadline_s=15)) == sorted(produced)
    assert _committed(bootstrap) == committed_before
    # And the group resumes after its commits: the rest, nothing twice, nothing lost
    after = _consume_and_commit(bootstrap, RECORDS - CONSUMED_BEFORE_RESTART, deadline_s=20)
    assert sorted(before + after) == sorted(produced)


def test_a_memory_stack_forgets_commits_on_restart(memory_stack: LocalStack) -> None:
    # Given committed offsets on the default (memory) stack
    bootstrap = memory_stack.bootstrap
    _produce(bootstrap, RECORDS)
    _consume_and_commit(bootstrap, CONSUMED_BEFORE_RESTART, deadline_s=20)
    assert any(offset >= 0 for offset in _committed(bootstrap).values())
    # When the broker restarts / Then the commits are gone: durability is the s3 storage's doing
    memory_stack.restart_broker()
    assert all(offset < 0 for offset in _committed(bootstrap).values())
