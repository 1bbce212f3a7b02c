"""The committed OpenAPI document is the one the code generates; every route needs the JWT."""

from __future__ import annotations

import json

from talent_tools.api.openapi import openapi_document


def test_committed_openapi_matches_the_routes(repo_root):
    committed = (repo_root / "docs" / "openapi.json").read_text()
    assert committed == openapi_document(), "docs/openapi.json drifted: run `talent schema openapi`"


def test_every_operation_requires_the_bearer_token():
    doc = json.loads(openapi_document())
    assert doc["security"] == [{"hrJwt": []}]
    assert doc["components"]["securitySchemes"]["hrJwt"]["scheme"] == "bearer"
    assert set(doc["paths"]) == {
        "/jobs",
        "/jobs/{job_id}",
        "/jobs/{job_id}/applications",
        "/applications/{application_id}/audit",
        "/applications/{application_id}/profile",
        "/jobs/{job_id}/shortlist",
        "/jobs/{job_id}/fairness",
        "/applications/{application_id}/decisions",
        "/candidates/{candidate_id}/erasure",
    }
