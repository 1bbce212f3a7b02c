"""The local stack's stand-in for Cognito's hosted UI, the protocol part: OAuth 2.0 authorization code with PKCE.

Cognito's parameters and answers (RFC 6749 and RFC 7636, S256 only, public client), users from a file in the
stack's state folder, and ID tokens from the local authority, the ones the local HrJwt authorizer verifies.
`talent_tools.local.sign_in_server` serves it on 127.0.0.1; nothing here opens a socket.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from talent_tools.local.auth import LOCAL_CLIENT_ID, LocalAuthority

CODE_TTL_S = 300.0
TOKEN_TTL_S = 3600
_VERIFIER = re.compile(r"^[A-Za-z0-9._~-]{43,128}$")  # RFC 7636 4.1
_CHALLENGE = re.compile(r"^[A-Za-z0-9_-]{43}$")  # base64url of a SHA-256, unpadded
# The users a fresh state folder gets: a recruiter, one who may open full profiles, one in another tenant.
DEFAULT_USERS = (
    ("hr-1", "acme", ("recruiter",)),
    ("hr-privacy", "acme", ("recruiter", "personal-data")),
    ("hr-globex", "globex", ("recruiter",)),
)


class OAuthError(Exception):
    """An OAuth error (`error` is RFC 6749's code); its description is safe to show."""

    def __init__(self, error: str, description: str) -> None:
        super().__init__(f"{error}: {description}")
        self.error = error
        self.description = description


class WrongCredentials(Exception):
    pass


@dataclass(frozen=True)
class LocalUser:
    name: str
    password: str
    tenant: str
    groups: tuple[str, ...]


def load_or_create_users(path: Path) -> dict[str, LocalUser]:
    """The local users (name, password, tenant, groups) in `path`, written with random passwords if absent.
    Local only: the file is the stack's, readable by its owner alone, like the local signing key beside it."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        users = [
            {"name": name, "password": secrets.token_urlsafe(12), "tenant": tenant, "groups": list(groups)}
            for name, tenant, groups in DEFAULT_USERS
        ]
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            json.dump({"users": users}, out, indent=2)
    raw = json.loads(path.read_text(encoding="utf-8"))
    return {
        u["name"]: LocalUser(u["name"], u["password"], u["tenant"], tuple(u.get("groups", ()))) for u in raw["users"]
    }


def s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=").decode("ascii")


@dataclass(frozen=True)
class AuthorizeRequest:
    client_id: str
    redirect_uri: str
    state: str
    code_challenge: str
    scope: str

    def fields(self) -> dict[str, str]:
        """The request as the login form carries it back."""
        return {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": self.redirect_uri,
            "state": self.state,
            "code_challenge": self.code_challenge,
            "code_challenge_method": "S256",
            "scope": self.scope,
        }


@dataclass(frozen=True)
class _Grant:
    request: AuthorizeRequest
    user: LocalUser
    expires_at: float


class SignInFlow:
    def __init__(
        self,
        authority: LocalAuthority,
        users: Mapping[str, LocalUser],
        *,
        client_id: str = LOCAL_CLIENT_ID,
        redirect_uris: Iterable[str] = (),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._authority = authority
        self._users = dict(users)
        self.client_id = client_id
        self._redirect_uris = frozenset(redirect_uris)
        self._clock = clock
        self._grants: dict[str, _Grant] = {}
        self._lock = threading.Lock()

    def allowed_origins(self) -> set[str]:
        return {f"{urlsplit(u).scheme}://{urlsplit(u).netloc}" for u in self._redirect_uris}

    def authorize(self, params: Mapping[str, str]) -> AuthorizeRequest:
        """A checked /oauth2/authorize request. Errors are shown to the user, never sent to an unchecked
        redirect_uri."""
        if params.get("client_id") != self.client_id:
            raise OAuthError("invalid_client", "unknown client_id")
        if params.get("redirect_uri") not in self._redirect_uris:
            raise OAuthError("invalid_request", "redirect_uri is not one of the client's callback URLs")
        if params.get("response_type") != "code":
            raise OAuthError("unsupported_response_type", "only response_type=code")
        if params.get("code_challenge_method") != "S256" or not _CHALLENGE.match(params.get("code_challenge", "")):
            raise OAuthError("invalid_request", "a code_challenge with code_challenge_method=S256 is required")
        return AuthorizeRequest(
            client_id=params["client_id"],
            redirect_uri=params["redirect_uri"],
            state=params.get("state", ""),
            code_challenge=params["code_challenge"],
            scope=params.get("scope", "openid"),
        )

    def log_in(self, request: AuthorizeRequest, name: str, password: str) -> str:
        """The redirect back to the client with a single-use code, or WrongCredentials."""
        user = self._users.get(name)
        expected = user.password if user else secrets.token_urlsafe(12)  # compare either way: same time taken
        if not hmac.compare_digest(password.encode(), expected.encode()) or user is None:
            raise WrongCredentials
        code = secrets.token_urlsafe(32)
        with self._lock:
            now = self._clock()
            self._grants = {c: g for c, g in self._grants.items() if g.expires_at > now}
            self._grants[code] = _Grant(request, user, now + CODE_TTL_S)
        query = {"code": code, **({"state": request.state} if request.state else {})}
        return f"{request.redirect_uri}?{urlencode(query)}"

    def exchange(self, form: Mapping[str, str]) -> dict[str, Any]:
        """/oauth2/token with grant_type=authorization_code: the code (once), checked against its request."""
        if form.get("grant_type") != "authorization_code":
            raise OAuthError("unsupported_grant_type", "only grant_type=authorization_code")
        if form.get("client_id") != self.client_id:
            raise OAuthError("invalid_client", "unknown client_id")
        with self._lock:
            grant = self._grants.pop(form.get("code", ""), None)  # single use, even when the rest is wrong
        if grant is None or grant.expires_at <= self._clock():
            raise OAuthError("invalid_grant", "the code is unknown, used or expired")
        if form.get("redirect_uri") != grant.request.redirect_uri:
            raise OAuthError("invalid_grant", "redirect_uri differs from the authorization request's")
        verifier = form.get("code_verifier", "")
        if not _VERIFIER.match(verifier) or not hmac.compare_digest(s256(verifier), grant.request.code_challenge):
            raise OAuthError("invalid_grant", "code_verifier does not match the code_challenge")
        user = grant.user
        token = self._authority.issue_token(user.name, user.tenant, list(user.groups), ttl_s=TOKEN_TTL_S)
        return {"id_token": token, "access_token": token, "token_type": "Bearer", "expires_in": TOKEN_TTL_S}

    def logout_target(self, params: Mapping[str, str]) -> str:
        if params.get("client_id") != self.client_id:
            raise OAuthError("invalid_client", "unknown client_id")
        if params.get("logout_uri") not in self._redirect_uris:
            raise OAuthError("invalid_request", "logout_uri is not one of the client's sign-out URLs")
        return params["logout_uri"]
