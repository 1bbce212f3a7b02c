"""A mapping that stops, or whose process dies, resumes from its committed offsets: no loss, no replay."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest

from tests.integration.esm_support import Recording, create_topic, mapping, produce, recording_function, running

pytestmark = [pytest.mark.integration, pytest.mark.timeout(60)]


def test_a_second_runner_of_the_group_resumes_where_the_first_committed(broker, unique, tmp_path):
    # Given a runner that consumed and committed the first five records, then stopped
    topic, group = f"resume-{unique}", f"g-{unique}"
    create_topic(broker.address, topic)
    produce(broker.address, topic, [{"id": i} for i in range(5)])
    spec, recording = recording_function(tmp_path)
    with running(spec, mapping(topic, group), broker.address) as (first, _):
        first.wait_until_committed(5)

    # When five more arrive while no runner is active, and a new runner of the same group starts
    produce(broker.address, topic, [{"id": i} for i in range(5, 10)])
    with running(spec, mapping(topic, group), broker.address) as (second, _):
        second.wait_until_committed(5)
        second.wait_until_idle(quiet_s=0.5)

    # Then each record was delivered exactly once across both runners
    assert [r["value"]["id"] for inv in recording.invocations() for r in inv["records"]] == list(range(10))
    assert second.committed_offsets() == {(topic, 0): 10}


def _wait_for_hang(recording: Recording, timeout_s: float) -> dict:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        hung = [inv for inv in recording.invocations() if inv["action"] == "hang_once"]
        if hung:
            return hung[0]
        time.sleep(0.05)
    raise TimeoutError("the function never started the hanging invocation")


def test_records_in_flight_when_the_runner_process_is_killed_are_redelivered(broker, unique, tmp_path, repo_root):
    # Given a runner process whose function hangs on record 3, after batch [0, 1] was committed
    topic, group = f"killed-{unique}", f"g-{unique}"
    create_topic(broker.address, topic)
    produce(broker.address, topic, [{"id": i, "behaviour": "hang_once" if i == 3 else None} for i in range(6)])
    spec, recording = recording_function(tmp_path)
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.integration.esm_child", broker.address, topic, group, str(tmp_path), "2"],
        cwd=repo_root,
    )
    try:
        hung = _wait_for_hang(recording, timeout_s=30)
    finally:
        # When the runner process and its function process die without any chance to clean up
        child.kill()
        child.wait()
    os.kill(hung["pid"], signal.SIGKILL)

    # And a new runner of the same group takes over
    with running(spec, mapping(topic, group, batch_size=2, max_batching_window_s=1.0), broker.address) as (runner, _):
        runner.wait_until_committed(4)
        runner.wait_until_idle(quiet_s=0.5)

    # Then the batch in flight ([2, 3]) came again, the committed one ([0, 1]) did not, nothing was lost
    delivered = Counter(recording.offsets())
    assert delivered == {(0, 0): 1, (0, 1): 1, (0, 2): 2, (0, 3): 2, (0, 4): 1, (0, 5): 1}
    assert sorted(recording.offsets("ok")) == [(0, i) for i in range(6)]
    assert runner.committed_offsets() == {(topic, 0): 6}
