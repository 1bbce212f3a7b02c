"""`talent token`: a signed JWT for the local HR API (what Cognito would issue in AWS)."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from typing import Annotated

import typer

from talent_tools.cli.console import console


def token(
    tenant: Annotated[str, typer.Option(help="The tenant the token is scoped to.")],
    role: Annotated[list[str] | None, typer.Option(help="A role (repeatable), e.g. recruiter.")] = None,
    sub: Annotated[str | None, typer.Option(help="The user id; default local-user@TENANT.")] = None,
    ttl: Annotated[int, typer.Option(help="Lifetime in seconds.")] = 3600,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print {token, sub, tenant, roles, expires_at} instead of the token alone.")
    ] = False,
) -> None:
    """Print a token signed with the local key in .local/jwt (created on first use)."""
    import jwt

    from talent_tools.local.auth import GROUPS_CLAIM, TENANT_CLAIM, issue_cli_token

    issued = issue_cli_token(tenant, role or ["recruiter"], sub=sub, ttl_s=ttl)
    if not json_output:
        console.print(issued, soft_wrap=True)
        return
    claims = jwt.decode(issued, options={"verify_signature": False})  # our own token, just signed
    expires = datetime.fromtimestamp(claims["exp"], UTC).isoformat()
    shown = {"sub": claims["sub"], "tenant": claims[TENANT_CLAIM], "roles": claims.get(GROUPS_CLAIM, [])}
    sys.stdout.write(json.dumps({"token": issued, **shown, "expires_at": expires}) + "\n")
