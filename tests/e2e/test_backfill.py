"""An ATS back-fill through the whole local stack, as `talent produce --bulk` sends it: 300 applications
(real livecareer resumes under distinct ids) for 20 real postings over 2 tenants, with planted poison
records. Every application is ranked, recorded and published exactly once; the failure queue holds the
planted records and nothing else. bench/backfill.py runs the 10,000-application version and times it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from talent.data_paths import shared_data_dir
from talent_tools.cli.main import app
from talent_tools.local.backfill import backfill_events, planted_poison, write_backfill
from talent_tools.local.backfill_check import check_backfill
from talent_tools.local.dev_session import DevSession
from talent_tools.local.publish import publish_many

pytestmark = pytest.mark.timeout(900)

ROOT = Path(__file__).resolve().parents[2]
APPLICATIONS = 300
JOBS = 20
POISON = 3


def test_a_backfill_ranks_records_and_publishes_every_application_exactly_once(tmp_path: Path) -> None:
    # Given a back-fill file of 20 jobs and 300 applications, and three contract-breaking records
    events = tmp_path / "backfill.jsonl"
    assert write_backfill(events, backfill_events(shared_data_dir(), APPLICATIONS, jobs=JOBS)) == JOBS + APPLICATIONS
    expected = {json.loads(line)["data"]["application_id"] for line in events.read_text().splitlines()[JOBS:]}
    poison = planted_poison(POISON)

    with DevSession(ROOT, state_dir=tmp_path / "state", console=Console(quiet=True)) as session:
        # When the ATS publishes it with `talent produce --bulk`, then the poison
        command = ["produce", "--bulk", str(events), "--bootstrap", session.stack.bootstrap, "--json"]
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout) == {
            "published": JOBS + APPLICATIONS,
            "topics": ["ats.applications.v1", "ats.jobs.v1"],
        }
        publish_many(session.stack.bootstrap, poison)
        ingest = session.runners["ingest_application"]
        ingest.wait_until_committed(APPLICATIONS + POISON, timeout_s=800)
        session.runners["sync_jobs"].wait_until_idle(quiet_s=2.0, timeout_s=120)
        check = check_backfill(session.stack, expected, planted=POISON)
        stats = session.functions["ingest_application"].stats()
        metrics = ingest.metrics()

    # Then each application has one ranking, one screening.completed entry and one published result
    assert not check.missing and not check.duplicated(), (sorted(check.missing)[:5], check.duplicated())
    assert check.exactly_once()
    # and the failure queue holds the planted records, each with its reason, and nothing else
    assert len(check.parked_reasons) == POISON and all("schema" in r for r in check.parked_reasons)
    # ingest ran in more than one execution environment, each cold once
    assert stats.environments == stats.cold_starts and stats.peak_concurrency >= 1
    assert metrics.function_errors == 0 and metrics.records_to_failure_sink == 0
