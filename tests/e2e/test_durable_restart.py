"""With --durable, a broker restart in the middle of the flow loses nothing and processes nothing twice."""

from __future__ import annotations

import pytest
from rich.console import Console

from talent.adapters.dynamodb_store import DynamoStore
from talent.contracts.topics import Topic
from talent_tools.local.dev_session import DevSession
from talent_tools.local.publish import keyed, publish
from tests.factories import sample

pytestmark = pytest.mark.timeout(240)


def jobs(first: int, count: int) -> list[tuple[str, bytes]]:
    docs = [sample("job.posted", event_id=f"evt-{i}", job_id=f"job-{i}") for i in range(first, first + count)]
    return [(key, value) for key, value in keyed(docs, Topic.JOBS)]


def test_broker_restart_with_durable_storage_loses_nothing(repo_root, tmp_path):
    with DevSession(repo_root, state_dir=tmp_path, durable=True, console=Console(quiet=True)) as session:
        runner = session.runners["sync_jobs"]
        publish(session.stack.bootstrap, Topic.JOBS, jobs(0, 20))
        runner.wait_until_committed(20, timeout_s=60)

        session.stack.restart_broker()
        publish(session.stack.bootstrap, Topic.JOBS, jobs(20, 20))
        runner.wait_until_committed(40, timeout_s=90)

        store = DynamoStore(
            session.stack.names.refs["TalentTable"],
            resource=session.stack.session.resource("dynamodb", endpoint_url=session.stack.aws_endpoint),
        )
        stored, _ = store.list_jobs("acme", 100, None)
        assert sorted(j.job_id for j in stored) == sorted(f"job-{i}" for i in range(40))
        metrics = runner.metrics()
        assert (metrics.records_delivered, metrics.records_committed, metrics.records_to_failure_sink) == (40, 40, 0)
