"""Where the HR page signs people in, and the page as served with it.

The page runs OAuth 2.0's authorization code flow with PKCE (RFC 7636) itself, as a public client (no secret):
to `authorize_url` with a code challenge, back to the page with a code, the code and its verifier to
`token_url` for an ID token, which every API call then carries. In AWS the template writes the parameter
HR_SIGN_IN_PARAMETER names with Cognito's hosted UI and the page's app client; on the local stack `talent dev`
writes it with its own sign-in server's. Without it the page asks for a token (`talent token` prints one).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError

SIGN_IN_TTL_S = 300.0
CONFIG_SLOT = '<script type="application/json" id="sign-in-config">null</script>'
_URL = r"^https?://[^\s/?#]+(/[^\s?#]*)?$"
_BASE_CSP = "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:"


class SignIn(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    authorize_url: str = Field(pattern=_URL)
    token_url: str = Field(pattern=_URL)
    logout_url: str = Field(pattern=_URL)
    client_id: str = Field(min_length=1, max_length=128)
    scope: str = "openid email profile"

    @property
    def token_origin(self) -> str:
        parts = urlsplit(self.token_url)
        return f"{parts.scheme}://{parts.netloc}"


class BadSignInSettings(ValueError):
    pass


def parse(value: str) -> SignIn:
    try:
        return SignIn.model_validate_json(value)
    except ValidationError as exc:
        raise BadSignInSettings(f"the sign-in settings are not valid: {exc.error_count()} error(s)") from exc


class SignInSource:
    """The settings, read through `read` (None: not there yet) and kept `ttl_s` once found."""

    def __init__(
        self,
        parameter: str | None,
        read: Callable[[str], str | None],
        *,
        ttl_s: float = SIGN_IN_TTL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._parameter = parameter
        self._read = read
        self._ttl_s = ttl_s
        self._clock = clock
        self._found: tuple[float, SignIn] | None = None

    def current(self) -> SignIn | None:
        if self._parameter is None:
            return None
        now = self._clock()
        if self._found is not None and now - self._found[0] < self._ttl_s:
            return self._found[1]
        value = self._read(self._parameter)
        if value is None:
            return None
        self._found = (now, parse(value))
        return self._found[1]


def page(template: str, sign_in: SignIn | None) -> tuple[str, str]:
    """The page with its sign-in settings in place, and the Content-Security-Policy that lets it reach the token
    endpoint (and nothing else beyond its own origin)."""
    if CONFIG_SLOT not in template:
        raise ValueError("the page has no sign-in slot")
    if sign_in is None:
        return template, _BASE_CSP
    # JSON inside <script>: "<" escaped, so no value can close the element.
    settings = json.dumps(sign_in.model_dump()).replace("<", "\\u003c")
    body = template.replace(CONFIG_SLOT, CONFIG_SLOT.replace(">null<", f">{settings}<"))
    return body, f"{_BASE_CSP}; connect-src 'self' {sign_in.token_origin}"
