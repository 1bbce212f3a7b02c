"""The local HrApi over real HTTP on 127.0.0.1: authorizer, proxy event, gateway errors, binary bodies."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from talent_tools.local.api_event import MAX_BODY_BYTES, MAX_URL_CHARS
from talent_tools.local.api_gateway import ApiGatewayAdapter
from talent_tools.local.auth import LocalAuthority
from tests.integration.handlers import api_echo

pytestmark = pytest.mark.integration


class _Context:
    function_name = "HrApiFunction"
    aws_request_id = "local"


@dataclass
class Gateway:
    url: str
    authority: LocalAuthority
    events: list[dict[str, Any]] = field(default_factory=list)

    def token(self, tenant: str = "acme") -> str:
        return self.authority.issue_token("user-1", tenant, ["recruiter"])


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@pytest.fixture(scope="module")
def authority(tmp_path_factory: pytest.TempPathFactory) -> LocalAuthority:
    return LocalAuthority.from_dir(tmp_path_factory.mktemp("state") / "jwt")


@pytest.fixture
def gateway(authority: LocalAuthority) -> Iterator[Gateway]:
    events: list[dict[str, Any]] = []

    def invoke(event: dict[str, Any]) -> dict[str, Any]:
        events.append(event)
        return api_echo.handler(event, _Context())  # type: ignore[arg-type]

    with ApiGatewayAdapter(invoke, "dev", authority, public=(("GET", "/echo-public"),)) as adapter:
        yield Gateway(adapter.url, authority, events)


def _call(
    url: str,
    method: str = "GET",
    token: str | None = None,
    body: bytes | Iterable[bytes] | None = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    if token is not None:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return Reply(response.status, dict(response.headers), response.read())
    except urllib.error.HTTPError as error:
        with error:
            return Reply(error.code, dict(error.headers), error.read())


def test_authorised_request_reaches_the_handler_with_path_query_and_tenant(gateway: Gateway) -> None:
    # Given a recruiter token for tenant acme
    token = gateway.token("acme")

    # When the echo route is called through the local API
    reply = _call(f"{gateway.url}/echo?status=open&status=new", token=token)

    # Then the handler saw the path under the stage, the query and the tenant claim
    assert reply.status == 200
    assert reply.json() == {
        "path": "/echo",
        "query": {"status": ["open", "new"]},
        "tenant": "acme",
        "roles": "recruiter",
        "body": None,
    }


def test_request_without_token_is_401_and_the_handler_is_not_invoked(gateway: Gateway) -> None:
    reply = _call(f"{gateway.url}/echo")

    assert (reply.status, reply.json()) == (401, {"message": "Unauthorized"})
    assert gateway.events == []


def test_a_route_declared_without_authorizer_is_public_for_its_method_only(gateway: Gateway) -> None:
    reply = _call(f"{gateway.url}/echo-public")
    assert reply.status == 200 and reply.json()["tenant"] is None  # reached the function, no claims
    assert _call(f"{gateway.url}/echo-public", method="POST", body=b"{}").status == 401
    assert len(gateway.events) == 1


def test_request_with_tampered_token_is_401(gateway: Gateway) -> None:
    # Given a valid token with one character of its signature changed
    token = gateway.token()
    tampered = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]

    # When / Then
    reply = _call(f"{gateway.url}/echo", token=tampered)
    assert (reply.status, reply.json()) == (401, {"message": "Unauthorized"})
    assert gateway.events == []


def test_handler_exception_is_502(gateway: Gateway) -> None:
    reply = _call(f"{gateway.url}/boom", token=gateway.token())

    assert (reply.status, reply.json()) == (502, {"message": "Internal server error"})
    assert len(gateway.events) == 1


def test_body_over_10_mb_is_413_and_the_handler_is_not_invoked(gateway: Gateway) -> None:
    body = b"x" * (MAX_BODY_BYTES + 1)

    reply = _call(f"{gateway.url}/echo", "POST", gateway.token(), body, {"Content-Type": "text/plain"})

    assert reply.status == 413
    assert gateway.events == []


def test_body_of_exactly_10_mb_is_accepted(gateway: Gateway) -> None:
    body = b"x" * MAX_BODY_BYTES

    reply = _call(f"{gateway.url}/echo", "POST", gateway.token(), body, {"Content-Type": "text/plain"})

    assert reply.status == 200
    assert len(reply.json()["body"]) == MAX_BODY_BYTES


def test_chunked_body_reaches_the_handler_whole(gateway: Gateway) -> None:
    # Given a body sent without Content-Length, in chunks
    chunks = [b"first,", b"second"]

    # When it is posted
    reply = _call(f"{gateway.url}/echo", "POST", gateway.token(), iter(chunks), {"Content-Type": "text/plain"})

    # Then the handler got the chunks joined
    assert (reply.status, reply.json()["body"]) == (200, "first,second")


def test_chunked_body_over_10_mb_is_413(gateway: Gateway) -> None:
    chunks = (b"x" * (1024 * 1024) for _ in range(11))

    reply = _call(f"{gateway.url}/echo", "POST", gateway.token(), chunks, {"Content-Type": "text/plain"})

    assert reply.status == 413
    assert gateway.events == []


def test_binary_body_round_trips_through_base64(gateway: Gateway) -> None:
    # Given bytes that are not UTF-8
    payload = bytes(range(256)) * 4

    # When they are posted as application/octet-stream and echoed back
    reply = _call(
        f"{gateway.url}/binary", "POST", gateway.token(), payload, {"Content-Type": "application/octet-stream"}
    )

    # Then the function saw them base64-encoded and the client gets the same bytes back
    assert gateway.events[0]["isBase64Encoded"] is True
    assert (reply.status, reply.body) == (200, payload)
    assert reply.headers["Content-Type"] == "application/octet-stream"


def test_cors_preflight_reaches_the_handler_without_a_token(gateway: Gateway) -> None:
    reply = _call(
        f"{gateway.url}/echo",
        "OPTIONS",
        headers={"Origin": "http://localhost:5173", "Access-Control-Request-Method": "POST"},
    )

    assert reply.status == 204
    assert reply.headers["Access-Control-Allow-Origin"] == "http://localhost:5173"
    assert "authorizer" not in gateway.events[0]["requestContext"]


def test_request_outside_the_stage_is_403(gateway: Gateway) -> None:
    base = gateway.url.rsplit("/", 1)[0]

    reply = _call(f"{base}/prod/echo", token=gateway.token())

    assert reply.status == 403
    assert gateway.events == []


@pytest.mark.parametrize("length", [MAX_URL_CHARS, 20_000, 100_000])
def test_an_overlong_url_is_414_and_the_server_keeps_serving(gateway: Gateway, length: int) -> None:
    # Given a path longer than API Gateway accepts: past its URL limit, and past the stdlib's 64 KiB
    # request line (which the stdlib refuses itself, before any path is parsed)
    long_path = "/echo/" + "a" * length

    # When it is requested
    reply = _call(gateway.url + long_path, token=gateway.token())

    # Then the answer is 414, the function never ran, and the next request is served as usual
    assert reply.status == 414
    assert gateway.events == []
    assert _call(f"{gateway.url}/echo", token=gateway.token()).status == 200
