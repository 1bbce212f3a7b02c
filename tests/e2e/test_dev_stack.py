"""The whole embedded stack as `talent dev --rie` runs it: broker, moto, worker pools behind RIE's invoke API
behind the mappings, HR API over HTTP."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from rich.console import Console

from talent.model_threads import THREADS_VARIABLE
from talent_tools.local.auth import LocalAuthority
from talent_tools.local.dev_session import DevSession, core_share

pytestmark = pytest.mark.timeout(240)


@pytest.fixture(scope="module")
def session(repo_root, tmp_path_factory) -> Iterator[DevSession]:
    state_dir = tmp_path_factory.mktemp("dev-state")
    # Over RIE's HTTP invoke API (`talent dev --rie`), the way function containers are invoked: every other
    # e2e test drives the pools directly, so both paths run the whole stack.
    with DevSession(repo_root, state_dir=state_dir, console=Console(quiet=True), over_rie=True) as running:
        running.run_demo()
        yield running


def get(session: DevSession, path: str, tenant: str | None = "acme") -> tuple[int, Any]:
    request = urllib.request.Request(f"{session.api_url}{path}")
    if tenant is not None:
        token = LocalAuthority.from_dir(session.state_dir / "jwt").issue_token("hr-1", tenant, ["recruiter"])
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def test_jobs_apply_in_version_order(session):
    status, page = get(session, "/jobs")
    assert status == 200
    versions = {j["job_id"]: (j["version"], j["status"]) for j in page["items"]}
    assert versions == {
        "job-data-eng-1": (2, "open"),
        "job-accountant-1": (1, "open"),
        "job-intern-2025": (3, "closed"),
    }


def test_duplicate_application_is_stored_once_with_decision_and_assessment(session):
    status, applicants = get(session, "/jobs/job-data-eng-1/applications")
    assert status == 200
    # The demo's other applicants (the sample resumes) apply too; app-1001, delivered twice, is there once
    (only,) = [a for a in applicants["items"] if a["application_id"] == "app-1001"]
    assert only["stage"] == "interview"
    assert only["assessment_scores"] == {"python": 0.86, "sql": 0.72}
    status, trail = get(session, "/applications/app-1001/audit")
    actions = [e["action"] for e in trail["entries"]]
    assert [a for a in actions if not a.startswith("screening.")] == [
        "application.received",
        "assessment.completed",
        "application.stage_changed",
    ]
    # Screened at least once; the assessment re-scores it (topics are consumed in parallel, so how many
    # times the job versions and the assessment each re-ranked it depends on arrival order).
    assert "screening.completed" in actions


def test_erased_candidate_leaves_only_the_audit_trail(session):
    status, applicants = get(session, "/jobs/job-accountant-1/applications")
    assert status == 200 and "app-1002" not in {a["application_id"] for a in applicants["items"]}
    assert get(session, "/applications/app-1002/profile")[0] == 404
    # The trail is kept for the audit retention (EU AI Act Art. 19) and ends with the erasure
    status, trail = get(session, "/applications/app-1002/audit")
    assert status == 200 and trail["entries"][-1]["action"] == "candidate.erased"


def test_poison_record_is_in_the_failure_queue_with_its_reason(session):
    sqs: Any = session.stack.client("sqs")
    got = sqs.receive_message(
        QueueUrl=session.stack.names.refs["FailureQueue"], MaxNumberOfMessages=10, WaitTimeSeconds=1
    )
    bodies = [json.loads(m["Body"]) for m in got.get("Messages", [])]
    assert [(b["function"], b["reason"][:17]) for b in bodies] == [("ingest_application", "value is not JSON")]


def test_other_tenant_sees_nothing_and_no_token_is_refused(session):
    assert get(session, "/jobs", tenant="globex") == (200, {"items": [], "next_cursor": None})
    assert get(session, "/jobs/job-data-eng-1", tenant="globex")[0] == 404
    assert get(session, "/jobs", tenant=None)[0] == 401


def test_every_mapping_committed_everything_without_retries(session):
    for name, runner in session.runners.items():
        metrics = runner.metrics()
        assert metrics.records_committed == metrics.records_delivered, name
        assert metrics.function_errors == 0 and metrics.records_to_failure_sink == 0, name


def test_each_environment_computes_on_its_share_of_the_cores(session):
    for name, pool in session.functions.items():
        assert pool.spec.environment[THREADS_VARIABLE] == str(core_share(pool.size)), name


def test_prometheus_endpoint_counts_what_the_functions_emitted(session):
    assert session.prometheus is not None
    with urllib.request.urlopen(session.prometheus.url, timeout=10) as response:
        text = response.read().decode()
    assert 'talent_events_total{event="application",function="ingest_application",outcome="accepted"}' in text
    assert 'talent_screenings_total{function="ingest_application",outcome="screened"}' in text
    assert 'talent_record_processing_seconds_count{function="sync_jobs"}' in text
    assert 'talent_mapping_records_committed_total{function="ingest_application"}' in text
    assert "# TYPE talent_events_total counter" in text
