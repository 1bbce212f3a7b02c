"""The HR API's read routes on in-memory fakes: no moto, no broker, milliseconds a test.

Each request is the event API Gateway sends (the local adapter's `build_proxy_event`, with the Cognito
authorizer's claims) resolved by the real app; the routes' service is `HrQueries` over the in-memory store
and documents, given the world the screening domain builds (a job, an application screened against it).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from talent.api.app import app
from talent.domain.decisions import record_stage_change
from talent.domain.hr_queries import HrQueries, HrQueryPorts
from talent.domain.jobs import apply_job_event
from talent.runtime import wiring
from talent_tools.local.api_event import HttpRequest, build_proxy_event
from tests.factories import event, lambda_context
from tests.fakes import MemoryDocuments, MemoryLake, MemoryStore, erase_in_memory
from tests.signing import HASHER
from tests.unit.domain.test_screening import NOW, submit, world


@pytest.fixture
def hr(monkeypatch: pytest.MonkeyPatch) -> tuple[MemoryStore, MemoryDocuments]:
    store, docs, _, _, service = world()
    apply_job_event(event("job.posted"), store)
    submit(store, docs, service)  # acme's app-1001 (cand-501), screened against job-data-eng-1
    ports = HrQueryPorts(store, store, store, store, docs, store)
    monkeypatch.setattr(wiring, "hr_queries", lambda: HrQueries(ports, now=lambda: NOW))
    lake = MemoryLake()
    monkeypatch.setattr(
        wiring,
        "record_decision",
        lambda decided: record_stage_change(decided, store, store, lake=lake, tombstones=store, hasher=HASHER),
    )
    return store, docs


def get(path: str, tenant: str = "acme", roles: str = "") -> tuple[int, Any]:
    return call("GET", path, tenant, roles)


def call(method: str, path: str, tenant: str = "acme", roles: str = "", body: Any = None) -> tuple[int, Any]:
    headers = [("accept", "application/json"), ("content-type", "application/json")]
    payload = json.dumps(body).encode() if body is not None else b""
    request = HttpRequest(method=method, target=f"/dev{path}", headers=headers, body=payload)
    claims = {"custom:tenant_id": tenant, "sub": "hr-user-7", "cognito:groups": roles}
    answer = app.resolve(
        build_proxy_event(request, stage="dev", claims=claims, request_id="req-42"), lambda_context("hr_api", 512)
    )
    return answer["statusCode"], json.loads(answer["body"])


def test_jobs_list_and_detail_are_the_tenants_own(hr: tuple[MemoryStore, MemoryDocuments]) -> None:
    status, page = get("/jobs")
    assert status == 200 and [j["job_id"] for j in page["items"]] == ["job-data-eng-1"]
    assert get("/jobs/job-data-eng-1")[1]["title"]
    assert get("/jobs", tenant="globex")[1]["items"] == []
    assert get("/jobs/job-data-eng-1", tenant="globex") == (404, {"message": "job job-data-eng-1 not found"})


def test_the_shortlist_ranks_and_explains(hr: tuple[MemoryStore, MemoryDocuments]) -> None:
    status, page = get("/jobs/job-data-eng-1/shortlist")
    assert status == 200
    (top,) = page["items"]
    assert (top["rank"], top["application_id"], top["stale"]) == (1, "app-1001", False)
    assert abs(top["baseline"] + sum(c["value"] for c in top["contributions"]) - top["score"]) < 1e-9
    assert get("/jobs/job-data-eng-1/shortlist", tenant="globex")[0] == 404


def test_applicants_are_listed_blind(hr: tuple[MemoryStore, MemoryDocuments]) -> None:
    status, applicants = get("/jobs/job-data-eng-1/applications")
    assert status == 200 and [a["application_id"] for a in applicants["items"]] == ["app-1001"]
    assert "Avery" not in json.dumps(applicants)


def test_the_full_profile_needs_the_role_and_its_viewing_is_audited(hr: tuple[MemoryStore, MemoryDocuments]) -> None:
    store, _ = hr
    status, blind = get("/applications/app-1001/profile")
    assert status == 200 and blind["view"] == "blind" and "Avery" not in json.dumps(blind)
    assert get("/applications/app-1001/profile?view=full")[0] == 403
    status, full = get("/applications/app-1001/profile?view=full", roles="recruiter,personal-data")
    assert status == 200 and full["profile"]["personal"]["name"] == "Avery Quinn"
    viewed = [e for e in store.trail("acme", "app-1001") if e.action == "profile.personal_data_viewed"]
    assert [(e.actor, e.event_id, e.at) for e in viewed] == [("hr-user-7", "req-42", NOW)]
    assert get("/applications/app-1001/profile", tenant="globex")[0] == 404


def test_the_audit_trail_outlives_an_erasure_and_stays_the_tenants(hr: tuple[MemoryStore, MemoryDocuments]) -> None:
    store, docs = hr
    erase_in_memory(store, docs, "cand-501")
    status, trail = get("/applications/app-1001/audit")
    assert status == 200 and trail["entries"][-1]["action"] == "candidate.erased"
    assert get("/applications/app-1001/audit", tenant="globex")[0] == 404
    assert get("/applications/app-1001/profile")[0] == 404


def test_the_fairness_report_of_a_job(hr: tuple[MemoryStore, MemoryDocuments]) -> None:
    status, report = get("/jobs/job-data-eng-1/fairness")
    assert status == 200 and report["job_id"] == "job-data-eng-1"
    assert get("/jobs/nope/fairness") == (404, {"message": "job nope not found"})


def test_a_decision_changes_the_stage_and_is_audited_with_the_user(hr: tuple[MemoryStore, MemoryDocuments]) -> None:
    store, _ = hr
    decision = {"to_stage": "interview", "reason": "strong streaming work", "overrides_recommendation": False}
    status, view = call("POST", "/applications/app-1001/decisions", body=decision)
    assert status == 200 and view["stage"] == "interview" and view["event_id"] == "api-req-42"
    application = store.get_application("acme", "app-1001")
    assert application is not None and application.stage.value == "interview"
    (decided,) = [e for e in store.trail("acme", "app-1001") if e.action == "application.stage_changed"]
    assert decided.actor == "hr-user-7"
    assert call("POST", "/applications/app-1001/decisions", tenant="globex", body=decision)[0] == 404
    assert call("POST", "/applications/app-1001/decisions", body={"to_stage": "x"})[0] == 422
