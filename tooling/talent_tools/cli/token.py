"""`talent token`: a signed JWT for the local HR API (what Cognito would issue in AWS)."""

from __future__ import annotations

from typing import Annotated

import typer

from talent_tools.cli.console import console


def token(
    tenant: Annotated[str, typer.Option(help="The tenant the token is scoped to.")],
    role: Annotated[list[str] | None, typer.Option(help="A role (repeatable), e.g. recruiter.")] = None,
    sub: Annotated[str | None, typer.Option(help="The user id; default local-user@TENANT.")] = None,
    ttl: Annotated[int, typer.Option(help="Lifetime in seconds.")] = 3600,
) -> None:
    """Print a token signed with the local key in .local/jwt (created on first use)."""
    from talent_tools.local.auth import issue_cli_token

    console.print(issue_cli_token(tenant, role or ["recruiter"], sub=sub, ttl_s=ttl), soft_wrap=True)
