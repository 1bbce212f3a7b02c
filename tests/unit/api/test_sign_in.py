"""The HR page as served with its sign-in settings, and where those settings come from."""

from __future__ import annotations

import json
import re

import pytest

from talent.api.sign_in import CONFIG_SLOT, BadSignInSettings, SignIn, SignInSource, page, parse
from tests.factories import COGNITO_HOSTED_UI, COGNITO_SIGN_IN

COGNITO = COGNITO_HOSTED_UI
SETTINGS = COGNITO_SIGN_IN
TEMPLATE = f"<html><head></head><body>{CONFIG_SLOT}<script>run()</script></body></html>"


def _config(body: str) -> object:
    match = re.search(r'<script type="application/json" id="sign-in-config">(.*?)</script>', body, re.S)
    assert match
    return json.loads(match.group(1))


def test_without_settings_the_page_asks_for_a_token_and_reaches_only_its_own_origin() -> None:
    body, policy = page(TEMPLATE, None)
    assert _config(body) is None
    assert "connect-src" not in policy and "default-src 'self'" in policy


def test_with_settings_the_page_carries_them_and_may_reach_the_token_endpoint_only() -> None:
    body, policy = page(TEMPLATE, SignIn.model_validate(SETTINGS))
    assert _config(body) == {**SETTINGS, "scope": "openid email profile"}
    assert policy.endswith(f"connect-src 'self' {COGNITO}")


def test_a_value_cannot_close_the_script_element() -> None:
    hostile = SignIn.model_validate({**SETTINGS, "client_id": "</script><script>alert(1)</script>"})
    body, _ = page(TEMPLATE, hostile)
    assert body.count("</script>") == TEMPLATE.count("</script>")
    assert _config(body) == {**hostile.model_dump()}


def test_the_served_page_has_the_slot() -> None:
    from talent.api.app import WEB_PAGE

    assert CONFIG_SLOT in WEB_PAGE


@pytest.mark.parametrize(
    "value",
    [
        "not json",
        json.dumps({**SETTINGS, "token_url": "javascript:alert(1)"}),
        json.dumps({**SETTINGS, "client_id": ""}),
        json.dumps({**SETTINGS, "extra": "x"}),
        json.dumps({k: v for k, v in SETTINGS.items() if k != "logout_url"}),
    ],
)
def test_bad_settings_are_refused_with_a_clear_error(value: str) -> None:
    with pytest.raises(BadSignInSettings, match="sign-in settings are not valid"):
        parse(value)


def test_the_source_keeps_settings_once_found_and_looks_again_while_there_are_none() -> None:
    reads: list[str] = []
    values: list[str | None] = [None, json.dumps(SETTINGS), None]
    now = [0.0]

    def read(name: str) -> str | None:
        reads.append(name)
        return values[len(reads) - 1]

    source = SignInSource("/talent/dev/hr-sign-in", read, ttl_s=300, clock=lambda: now[0])
    assert source.current() is None  # not written yet (the local stack writes it after the API starts)
    assert source.current() == SignIn.model_validate(SETTINGS)
    now[0] = 299.0
    assert source.current() is not None and len(reads) == 2  # kept
    now[0] = 301.0
    assert source.current() is None and len(reads) == 3  # looked again after the TTL
    assert SignInSource(None, read).current() is None and len(reads) == 3  # no parameter configured: no read
