"""Who is calling: tenant, user and roles from the verified token's claims (never from the request body)."""

from __future__ import annotations

import re
from typing import Any

from aws_lambda_powertools.event_handler.exceptions import ForbiddenError

TENANT_CLAIM = "custom:tenant_id"
# Roles are the user's Cognito groups: only an administrator can add a user to one. (A custom attribute
# such as custom:roles could be rewritten by its own user, so none is read.)
GROUPS_CLAIM = "cognito:groups"
PERSONAL_DATA_ROLE = "personal-data"
_ACTOR = re.compile(r"[^A-Za-z0-9._:-]")
# API Gateway passes every claim as a string; an array claim arrives as "a,b" or "[a b]" depending on the
# authorizer, so both separators are accepted (group names hold neither commas nor whitespace).
_GROUP_SEPARATORS = re.compile(r"[,\s]+")


def claims(event: Any) -> dict[str, object]:
    return dict(event.request_context.authorizer.claims or {})


def tenant(event: Any) -> str:
    found = claims(event).get(TENANT_CLAIM)
    if not found:
        raise ForbiddenError("the token carries no tenant")
    return str(found)


def roles(event: Any) -> frozenset[str]:
    value = claims(event).get(GROUPS_CLAIM) or ""
    names = value if isinstance(value, list) else _GROUP_SEPARATORS.split(str(value).strip().strip("[]"))
    return frozenset(str(name) for name in names if name)


def has_role(event: Any, role: str) -> bool:
    return role in roles(event)


def actor(event: Any) -> str:
    """The user id (`sub`) in the identifier alphabet the audit trail and events use."""
    subject = _ACTOR.sub("-", str(claims(event).get("sub") or "unknown"))[:128].lstrip("-._:")
    return subject or "unknown"
