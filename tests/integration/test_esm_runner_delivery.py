"""The runner delivers every record once, in partition order, in batches shaped by the mapping."""

from __future__ import annotations

from collections import defaultdict

import pytest

from tests.integration.esm_support import create_topic, mapping, produce, recording_function, running

pytestmark = [pytest.mark.integration, pytest.mark.timeout(60)]


def test_records_arrive_once_in_partition_order_in_batches_of_at_most_batch_size(broker, unique, tmp_path):
    # Given 30 records spread over 3 partitions, produced before the mapping starts
    topic, group = f"orders-{unique}", f"g-{unique}"
    create_topic(broker.address, topic, partitions=3)
    produce(broker.address, topic, [{"id": i, "p": i % 3} for i in range(30)])
    spec, recording = recording_function(tmp_path)

    # When a mapping with BatchSize 4 consumes them
    with running(spec, mapping(topic, group, batch_size=4, max_batching_window_s=1.0), broker.address) as (runner, _):
        metrics = runner.wait_until_committed(30)

    # Then no invocation exceeds 4 records, full batches are formed, and each partition is 0..9 in order
    sizes = [len(inv["records"]) for inv in recording.invocations()]
    assert max(sizes) == 4
    assert sum(sizes) == 30
    per_partition: dict[int, list[int]] = defaultdict(list)
    for partition, offset in recording.offsets():
        per_partition[partition].append(offset)
    assert per_partition == {p: list(range(10)) for p in range(3)}
    assert metrics.function_errors == 0  # every event parsed with Powertools' KafkaMskEventModel
    assert runner.committed_offsets() == {(topic, p): 10 for p in range(3)}


def test_batching_window_invokes_with_a_partial_batch(broker, unique, tmp_path):
    # Given a mapping that would wait for 100 records
    topic, group = f"window-{unique}", f"g-{unique}"
    create_topic(broker.address, topic)
    spec, recording = recording_function(tmp_path)
    with running(spec, mapping(topic, group, batch_size=100, max_batching_window_s=0.5), broker.address) as (
        runner,
        _,
    ):
        # When only 3 records arrive
        produce(broker.address, topic, [{"id": i} for i in range(3)])
        runner.wait_until_committed(3, timeout_s=15)

    # Then the window flushed them as one batch rather than waiting for the batch to fill
    assert [len(inv["records"]) for inv in recording.invocations()] == [3]


def test_starting_position_latest_skips_records_produced_before_the_mapping(broker, unique, tmp_path):
    # Given records already in the topic
    topic, group = f"latest-{unique}", f"g-{unique}"
    create_topic(broker.address, topic)
    produce(broker.address, topic, [{"id": f"old-{i}"} for i in range(3)])
    spec, recording = recording_function(tmp_path)

    # When a LATEST mapping starts and new records follow
    with running(spec, mapping(topic, group, starting_position="LATEST"), broker.address) as (runner, _):
        produce(broker.address, topic, [{"id": f"new-{i}"} for i in range(2)])
        runner.wait_until_committed(2)
        runner.wait_until_idle(quiet_s=0.5)

    # Then only the new ones were delivered
    delivered = [r["value"]["id"] for inv in recording.invocations() for r in inv["records"]]
    assert delivered == ["new-0", "new-1"]
    assert runner.committed_offsets() == {(topic, 0): 5}
