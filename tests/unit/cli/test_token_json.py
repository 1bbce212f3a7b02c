"""`talent token --json`: the token with what it says (subject, tenant, roles, expiry), for scripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from talent_tools.cli.main import app


def test_token_json_names_what_the_token_says(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from talent_tools.local.auth import LocalAuthority

    monkeypatch.chdir(tmp_path)  # the local key is created under ./.local/jwt
    result = CliRunner().invoke(
        app, ["token", "--tenant", "acme", "--role", "recruiter", "--role", "personal-data", "--json"]
    )
    assert result.exit_code == 0, result.output
    shown = json.loads(result.stdout)
    claims = LocalAuthority.from_dir(tmp_path / ".local" / "jwt").verify(shown["token"])
    assert (shown["sub"], shown["tenant"], shown["roles"]) == (
        "local-user@acme",
        "acme",
        ["recruiter", "personal-data"],
    )
    assert claims["custom:tenant_id"] == "acme" and shown["expires_at"].endswith("+00:00")
