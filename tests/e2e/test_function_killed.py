"""Fault: the ingest function's process is killed (SIGKILL) while it screens a batch, on the embedded stack.

The mapping sees the invocation fail (Runtime.ExitError), retries the batch in a fresh execution
environment, and in the end every application has exactly one ranking, nothing went to the failure
queue and the idempotency records kept the retried records from doing their work twice.
"""

from __future__ import annotations

import json
import os
import signal
import time
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

from rich.console import Console

from talent.contracts.topics import Topic
from talent_tools.local.dev_session import DevSession
from talent_tools.local.publish import keyed, publish
from tests.e2e.test_screening_at_scale import application, post_jobs, rankings, scan

ROOT = Path(__file__).resolve().parents[2]
COUNT = 24


def test_killing_the_function_mid_batch_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    with DevSession(ROOT, state_dir=tmp_path / "state", console=Console(quiet=True)) as session:
        post_jobs(session)
        pool, runner = session.functions["ingest_application"], session.runners["ingest_application"]

        publish(
            session.stack.bootstrap,
            Topic.APPLICATIONS,
            keyed([application(i) for i in range(COUNT)], Topic.APPLICATIONS),
        )
        deadline = time.monotonic() + 120
        while len(rankings(session)) < 3 or not pool.busy_pids():  # warm, and in the middle of an invocation
            assert time.monotonic() < deadline, "nothing was ranked"
            time.sleep(0.02)
        killed = pool.busy_pids()[0]
        os.kill(killed, signal.SIGKILL)
        runner.wait_until_committed(COUNT, timeout_s=300)
        restarted = pool.pids()

        ranked = Counter(str(r["application_id"]) for r in rankings(session))
        metrics = runner.metrics()
        sqs: Any = session.stack.client("sqs")
        parked = sqs.receive_message(QueueUrl=session.stack.names.refs["FailureQueue"], WaitTimeSeconds=1)
        completed = Counter(str(i["PK"]) for i in scan(session) if i.get("action") == "screening.completed")

    assert restarted and killed not in restarted  # the retry ran in a fresh process
    assert metrics.function_errors >= 1 and metrics.retries >= 1
    assert ranked == {f"app-{i}": 1 for i in range(COUNT)}  # every application exactly once
    assert set(completed.values()) == {1} and len(completed) == COUNT
    assert not parked.get("Messages")
    print(json.dumps({"killed_pid": killed, **asdict(metrics)}))
