"""Partitions are invoked concurrently, as AWS does (one invocation per partition at a time, up to a
maximum), each in its own execution environment, and each partition still arrives in order, once."""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise
from typing import Any

import pytest

from tests.integration.esm_support import create_topic, mapping, produce, recording_function, running

pytestmark = [pytest.mark.integration, pytest.mark.timeout(90)]


def _most_at_once(invocations: list[dict[str, Any]]) -> int:
    """The most invocations whose handler was running at the same instant."""
    edges = sorted([(inv["started"], 1) for inv in invocations] + [(inv["ended"], -1) for inv in invocations])
    running = most = 0
    for _, step in edges:  # at a tie an end (-1) sorts first: touching intervals do not overlap
        running += step
        most = max(most, running)
    return most


def _per_partition(invocations: list[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for inv in invocations:
        [partition] = {r["partition"] for r in inv["records"]}  # one partition per batch when slots allow
        out[partition].append(inv)
    return out


def test_partitions_are_invoked_concurrently_each_in_order_one_batch_at_a_time(broker, unique, tmp_path):
    # Given 3 partitions of 6 slow records each (0.3 s an invocation) and 3 execution environments
    topic, group = f"parallel-{unique}", f"g-{unique}"
    create_topic(broker.address, topic, partitions=3)
    produce(broker.address, topic, [{"id": i, "p": i % 3, "sleep_s": 0.3} for i in range(18)])
    spec, recording = recording_function(tmp_path)

    # When a mapping with BatchSize 2 and no concurrency limit consumes them
    slow = mapping(topic, group, batch_size=2, max_batching_window_s=0.2)
    with running(spec, slow, broker.address, environments=3) as (runner, pool):
        runner.wait_until_committed(18)
        stats = pool.stats()

    # Then invocations of different partitions overlapped (2 or 3 at once: one per partition at most)
    invocations = recording.invocations()
    assert 2 <= _most_at_once(invocations) <= 3
    # while each partition's invocations never overlapped and delivered its offsets once, in order
    for partition, own in _per_partition(invocations).items():
        own.sort(key=lambda inv: inv["started"])
        assert all(a["ended"] <= b["started"] for a, b in pairwise(own)), partition
        assert [r["offset"] for inv in own for r in inv["records"]] == list(range(6))
    # in separate execution environments, each cold once
    assert len({inv["pid"] for inv in invocations}) == stats.environments >= 2
    assert stats.cold_starts == stats.environments and stats.peak_concurrency >= 2
    assert runner.committed_offsets() == {(topic, p): 6 for p in range(3)}


def test_max_concurrency_one_invokes_one_batch_at_a_time(broker, unique, tmp_path):
    # Given the same slow records and three environments to run them in
    topic, group = f"serial-{unique}", f"g-{unique}"
    create_topic(broker.address, topic, partitions=3)
    produce(broker.address, topic, [{"id": i, "p": i % 3, "sleep_s": 0.1} for i in range(12)])
    spec, recording = recording_function(tmp_path)

    # When the mapping may run only one invocation at a time (one poller)
    slow = mapping(topic, group, batch_size=4, max_batching_window_s=0.2)
    with running(spec, slow, broker.address, environments=3, max_concurrency=1) as (runner, pool):
        runner.wait_until_committed(12)
        stats = pool.stats()

    # Then no two invocations overlapped, one environment served them all, and a batch may carry
    # several partitions (each still in order)
    invocations = recording.invocations()
    assert _most_at_once(invocations) == 1
    assert stats.environments == 1 and stats.peak_concurrency == 1
    per_partition: dict[int, list[int]] = defaultdict(list)
    for partition, offset in recording.offsets():
        per_partition[partition].append(offset)
    assert per_partition == {p: list(range(4)) for p in range(3)}


def test_a_partition_that_runs_ahead_is_paused_and_resumed_without_losing_or_repeating_a_record(
    broker, unique, tmp_path
):
    # Given 60 records on one partition and a function slower than the broker
    topic, group = f"backlog-{unique}", f"g-{unique}"
    create_topic(broker.address, topic)
    produce(broker.address, topic, [{"id": i, "sleep_s": 0.02} for i in range(60)])
    spec, recording = recording_function(tmp_path)

    # When a mapping with BatchSize 3 consumes them (its buffer would hold all 60 at once)
    with running(spec, mapping(topic, group, batch_size=3, max_batching_window_s=0.1), broker.address) as (runner, _):
        metrics = runner.wait_until_committed(60)

    # Then fetching was paused at least once, and every record arrived once, in order
    assert metrics.partition_pauses >= 1
    assert recording.offsets() == [(0, offset) for offset in range(60)]
    assert runner.committed_offsets() == {(topic, 0): 60}
