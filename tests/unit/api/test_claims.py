"""Roles come from the token's cognito:groups claim only: a user attribute (custom:roles) grants nothing."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from talent.api import claims
from talent_tools.local.auth import LocalAuthority, authorizer_claims


@pytest.fixture(scope="module")
def authority() -> LocalAuthority:
    return LocalAuthority(rsa.generate_private_key(public_exponent=65537, key_size=2048))


def _event(authorizer_claims: dict[str, Any]) -> Any:
    return SimpleNamespace(request_context=SimpleNamespace(authorizer=SimpleNamespace(claims=authorizer_claims)))


def test_a_self_written_roles_attribute_grants_nothing() -> None:
    # Given an ID token whose user wrote custom:roles on themselves (UpdateUserAttributes), in no group
    event = _event({"custom:tenant_id": "acme", "sub": "u-1", "custom:roles": "recruiter,personal-data"})

    # When / Then
    assert not claims.has_role(event, claims.PERSONAL_DATA_ROLE)


@pytest.mark.parametrize("rendered", ["recruiter,personal-data", "[recruiter personal-data]", "personal-data"])
def test_a_group_grants_its_role_however_the_authorizer_renders_the_array(rendered: str) -> None:
    event = _event({"custom:tenant_id": "acme", "cognito:groups": rendered})

    assert claims.has_role(event, claims.PERSONAL_DATA_ROLE)


def test_a_group_name_is_matched_whole() -> None:
    event = _event({"custom:tenant_id": "acme", "cognito:groups": "personal-data-viewers,recruiter"})

    assert not claims.has_role(event, claims.PERSONAL_DATA_ROLE)


def test_the_local_authority_and_the_api_agree_on_roles(authority: LocalAuthority) -> None:
    # Given a token the local authority issued for a recruiter with the personal-data role
    token = authority.issue_token("u-1", "acme", ["recruiter", claims.PERSONAL_DATA_ROLE])

    # When the local authorizer renders its claims for the function
    event = _event(authorizer_claims(authority.verify(token)))

    # Then the API reads both roles from them, and a user with no group has none
    assert claims.roles(event) == {"recruiter", claims.PERSONAL_DATA_ROLE}
    assert claims.roles(_event(authorizer_claims(authority.verify(authority.issue_token("u-2", "acme", []))))) == set()
