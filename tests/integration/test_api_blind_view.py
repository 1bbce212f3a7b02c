"""The blind profile HR reads through the real HR API function: no employer, institution or dates by default,
what a tenant reveals on purpose when its setting says so, and the full view unchanged."""

from __future__ import annotations

import json
from typing import Any

import pytest

from talent.adapters.s3_documents import S3Documents
from talent.api.blind_view import blind_view_settings
from talent.domain.models import Application, ApplicationStatus
from talent_tools.local.api_event import HttpRequest, build_proxy_event
from talent_tools.local.invoker import invoke_in_process
from tests.unit.api.test_blind_view import NOW, _profile

pytestmark = pytest.mark.integration


@pytest.fixture
def stored(function_env, unique) -> str:
    # Given an application of a tenant whose parsed profile names an employer, a school and dates
    from talent.adapters.dynamodb_store import DynamoStore

    tenant = f"blind-{unique}"
    DynamoStore(function_env.refs["TalentTable"]).put_application_if_absent(
        Application(
            tenant=tenant,
            application_id="app-1",
            candidate_id="cand-1",
            job_id="job-1",
            submitted_at=NOW,
            status=ApplicationStatus.RECEIVED,
        )
    )
    S3Documents(function_env.refs["DocumentsBucket"]).put_profile(tenant, "cand-1", "app-1", _profile())
    return tenant


def _profile_view(functions: dict[str, Any], tenant: str, query: str = "", groups: str = "recruiter") -> Any:
    request = HttpRequest(method="GET", target=f"/dev/applications/app-1/profile{query}", headers=[], body=b"")
    claims = {"custom:tenant_id": tenant, "sub": "u-1", "cognito:groups": groups}
    response = invoke_in_process(functions["hr_api"], build_proxy_event(request, stage="dev", claims=claims))
    assert response["statusCode"] == 200, response["body"]
    return json.loads(response["body"])


def test_the_blind_view_hides_employer_institution_and_years(functions, stored) -> None:
    view = _profile_view(functions, stored)

    text = json.dumps(view["profile"])
    assert [proxy for proxy in ("Globex", "Stanford", "2011", "2012") if proxy in text] == []
    assert view["hidden"] == ["employer", "institution", "education_year", "experience_dates"]
    assert view["profile"]["experience"][0]["title"] == "Senior Data Engineer"


def test_a_tenant_setting_reveals_only_what_it_names(functions, stored, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BLIND_VIEW_REVEAL", json.dumps({stored: ["employer"]}))
    blind_view_settings.cache_clear()
    try:
        view = _profile_view(functions, stored)
    finally:
        blind_view_settings.cache_clear()

    assert view["profile"]["experience"][0]["employer"] == "Globex Corporation"
    assert view["profile"]["education"][0]["institution"] is None
    assert "employer" not in view["hidden"]


def test_the_full_view_with_the_personal_data_role_is_unchanged(functions, stored) -> None:
    view = _profile_view(functions, stored, "?view=full", groups="recruiter,personal-data")

    assert view["profile"]["experience"][0]["employer"] == "Globex Corporation"
    assert view["profile"]["education"][0]["end_year"] == 2011
    assert view["hidden"] == []
