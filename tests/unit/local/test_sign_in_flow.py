"""The local hosted UI's protocol: authorization code with PKCE (S256), single-use codes, Cognito-shaped tokens."""

from __future__ import annotations

import stat
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from talent_tools.local.auth import LOCAL_CLIENT_ID, LocalAuthority
from talent_tools.local.sign_in_flow import (
    CODE_TTL_S,
    AuthorizeRequest,
    LocalUser,
    OAuthError,
    SignInFlow,
    WrongCredentials,
    load_or_create_users,
    s256,
)

PAGE = "http://127.0.0.1:3000/local/ui"
VERIFIER = "v" * 43 + "-._~0123456789"
USERS = {"hr-1": LocalUser("hr-1", "correct horse", "acme", ("recruiter",))}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def flow(authority: LocalAuthority, clock: Clock) -> SignInFlow:
    return SignInFlow(authority, USERS, redirect_uris=[PAGE], clock=clock)


def _authorize(flow: SignInFlow, **overrides: str) -> AuthorizeRequest:
    params = {
        "response_type": "code",
        "client_id": LOCAL_CLIENT_ID,
        "redirect_uri": PAGE,
        "state": "s-1",
        "code_challenge": s256(VERIFIER),
        "code_challenge_method": "S256",
        "scope": "openid",
        **overrides,
    }
    return flow.authorize(params)


def _code(flow: SignInFlow) -> str:
    back = urlsplit(flow.log_in(_authorize(flow), "hr-1", "correct horse"))
    query = parse_qs(back.query)
    assert f"{back.scheme}://{back.netloc}{back.path}" == PAGE and query["state"] == ["s-1"]
    return query["code"][0]


def _exchange(flow: SignInFlow, code: str, **overrides: str) -> dict[str, object]:
    form = {
        "grant_type": "authorization_code",
        "client_id": LOCAL_CLIENT_ID,
        "code": code,
        "redirect_uri": PAGE,
        "code_verifier": VERIFIER,
        **overrides,
    }
    return flow.exchange(form)


def test_a_signed_in_user_gets_an_id_token_the_local_authorizer_accepts(
    flow: SignInFlow, authority: LocalAuthority
) -> None:
    tokens = _exchange(flow, _code(flow))
    claims = authority.verify(str(tokens["id_token"]))
    assert (claims["sub"], claims["custom:tenant_id"], claims["cognito:groups"]) == ("hr-1", "acme", ["recruiter"])
    assert tokens["token_type"] == "Bearer"


def test_a_code_is_good_once(flow: SignInFlow) -> None:
    code = _code(flow)
    _exchange(flow, code)
    with pytest.raises(OAuthError) as refused:
        _exchange(flow, code)
    assert refused.value.error == "invalid_grant"


def test_a_verifier_that_does_not_match_the_challenge_is_refused_and_burns_the_code(flow: SignInFlow) -> None:
    code = _code(flow)
    with pytest.raises(OAuthError, match="code_verifier"):
        _exchange(flow, code, code_verifier="w" * 43)
    with pytest.raises(OAuthError, match="unknown, used or expired"):
        _exchange(flow, code)  # an attacker's failed try leaves nothing for a second one


def test_a_code_expires(flow: SignInFlow, clock: Clock) -> None:
    code = _code(flow)
    clock.now += CODE_TTL_S + 1
    with pytest.raises(OAuthError, match="expired"):
        _exchange(flow, code)


def test_the_redirect_uri_must_be_the_requests(flow: SignInFlow) -> None:
    with pytest.raises(OAuthError, match="redirect_uri"):
        _exchange(flow, _code(flow), redirect_uri="http://127.0.0.1:3000/elsewhere")


@pytest.mark.parametrize(
    ("override", "error"),
    [
        ({"client_id": "someone-else"}, "invalid_client"),
        ({"redirect_uri": "https://evil.example/ui"}, "invalid_request"),
        ({"response_type": "token"}, "unsupported_response_type"),
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"code_challenge": "short"}, "invalid_request"),
    ],
)
def test_an_authorization_request_outside_the_clients_settings_is_refused(
    flow: SignInFlow, override: dict[str, str], error: str
) -> None:
    with pytest.raises(OAuthError) as refused:
        _authorize(flow, **override)
    assert refused.value.error == error


@pytest.mark.parametrize(("name", "password"), [("hr-1", "wrong"), ("nobody", "correct horse"), ("hr-1", "")])
def test_wrong_credentials_give_no_code(flow: SignInFlow, name: str, password: str) -> None:
    with pytest.raises(WrongCredentials):
        flow.log_in(_authorize(flow), name, password)


def test_only_the_allowed_pages_origin_may_read_the_token_answer(flow: SignInFlow) -> None:
    assert flow.allowed_origins() == {"http://127.0.0.1:3000"}
    assert flow.logout_target({"client_id": LOCAL_CLIENT_ID, "logout_uri": PAGE}) == PAGE
    with pytest.raises(OAuthError):
        flow.logout_target({"client_id": LOCAL_CLIENT_ID, "logout_uri": "https://evil.example/"})


def test_users_are_created_once_with_random_passwords_readable_by_the_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "state" / "sign-in-users.json"
    first = load_or_create_users(path)
    assert set(first) == {"hr-1", "hr-privacy", "hr-globex"}
    assert first["hr-privacy"].groups == ("recruiter", "personal-data") and first["hr-globex"].tenant == "globex"
    assert len({u.password for u in first.values()}) == 3 and all(len(u.password) >= 16 for u in first.values())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_or_create_users(path) == first  # kept across starts
