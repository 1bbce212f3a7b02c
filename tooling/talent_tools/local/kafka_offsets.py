"""The true end offset of partitions, and where a mapping with StartingPosition LATEST starts.

Tansu 0.6 answers ListOffsets(latest) (what `get_watermark_offsets` and `auto.offset.reset=latest`
use) with the base offset of the partition's last record batch + 1, not the offset after its last
record: with several records per batch, "latest" would replay part of the last batch. Its Fetch
responses carry the right high watermark, so the end is read where a fetch reports end-of-partition,
starting from just before the reported value. Against any other Kafka this gives the same answer.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from typing import Any

from confluent_kafka import Consumer, KafkaError, KafkaException, TopicPartition

PartitionId = tuple[str, int]


def end_offsets(
    config: Mapping[str, Any], partitions: Sequence[TopicPartition], timeout_s: float = 10.0
) -> dict[PartitionId, int]:
    """Offset after the last record of each partition (0 for an empty one)."""
    if not partitions:
        return {}
    probe = Consumer(
        {
            "bootstrap.servers": config["bootstrap.servers"],
            # Never joins or commits for this group: assign() only, so the real group is untouched.
            "group.id": f"{config.get('group.id', 'talent')}-end-offset-probe",
            "group.protocol": "classic",
            "enable.auto.commit": False,
            "enable.partition.eof": True,
            # A start beyond the end (a reported value too high) falls back to reading from the start.
            "auto.offset.reset": "earliest",
        }
    )
    try:
        starts = []
        for tp in partitions:
            low, reported = probe.get_watermark_offsets(tp, timeout=timeout_s, cached=False)
            starts.append(TopicPartition(tp.topic, tp.partition, max(low, reported - 1)))
        probe.assign(starts)
        pending = {(tp.topic, tp.partition) for tp in starts}
        ends: dict[PartitionId, int] = {}
        deadline = time.monotonic() + timeout_s
        while pending:
            if time.monotonic() >= deadline:
                raise TimeoutError(f"no end of partition reported for {sorted(pending)} in {timeout_s} s")
            for message in probe.consume(num_messages=500, timeout=0.2):
                error = message.error()
                if error is None:
                    continue
                if error.code() != KafkaError._PARTITION_EOF:
                    raise KafkaException(error)
                key = (str(message.topic()), int(message.partition() or 0))
                ends[key] = int(message.offset() or 0)
                pending.discard(key)
        return ends
    finally:
        probe.close()


def pin_latest(
    consumer: Consumer, config: Mapping[str, Any], partitions: Sequence[TopicPartition], timeout_s: float = 10.0
) -> None:
    """Assign `partitions` to `consumer`, each from its committed offset or, never committed, from its true end.

    "Latest" is pinned at assignment and committed, as a long-lived AWS mapping has a position from its
    creation: records produced after this point are never skipped, even across restarts.
    """
    positioned = consumer.committed(list(partitions), timeout=timeout_s)
    fresh = [tp for tp in positioned if tp.offset < 0]
    ends = end_offsets(config, fresh, timeout_s=timeout_s)
    pinned = []
    for tp in fresh:
        tp.offset = ends[(tp.topic, tp.partition)]
        pinned.append(TopicPartition(tp.topic, tp.partition, tp.offset))
    consumer.assign(positioned)
    if pinned:
        consumer.commit(offsets=pinned, asynchronous=False)
