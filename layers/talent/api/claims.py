"""Who is calling: tenant, user and roles from the verified token's claims (never from the request body)."""

from __future__ import annotations

import re
from typing import Any

from aws_lambda_powertools.event_handler.exceptions import ForbiddenError

TENANT_CLAIM = "custom:tenant_id"
ROLES_CLAIM = "custom:roles"
PERSONAL_DATA_ROLE = "personal-data"
_ACTOR = re.compile(r"[^A-Za-z0-9._:-]")


def claims(event: Any) -> dict[str, object]:
    return dict(event.request_context.authorizer.claims or {})


def tenant(event: Any) -> str:
    found = claims(event).get(TENANT_CLAIM)
    if not found:
        raise ForbiddenError("the token carries no tenant")
    return str(found)


def has_role(event: Any, role: str) -> bool:
    """Roles travel in one comma-separated claim (Cognito custom attributes are strings)."""
    return role in str(claims(event).get(ROLES_CLAIM, "")).split(",")


def actor(event: Any) -> str:
    """The user id (`sub`) in the identifier alphabet the audit trail and events use."""
    subject = _ACTOR.sub("-", str(claims(event).get("sub") or "unknown"))[:128].lstrip("-._:")
    return subject or "unknown"
