"""The gateway's part of a request (routing, limit, authorizer, invoke, gateway responses), without a socket."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest

from talent_tools.local.api_event import HttpRequest, HttpResponse
from talent_tools.local.api_gateway import ApiGatewayAdapter, LocalRestApi
from talent_tools.local.auth import LocalAuthority

SECRET_BODY = b'{"full_name": "Ada Candidate"}'


class RecordingFunction:
    """A function that records its events and answers with `result`, or raises `error`."""

    def __init__(self, result: Any = None, error: Exception | None = None) -> None:
        self.events: list[dict[str, Any]] = []
        self.result = result if result is not None else {"statusCode": 200, "body": '{"ok": true}'}
        self.error = error

    def __call__(self, event: dict[str, Any]) -> dict[str, Any]:
        self.events.append(event)
        if self.error is not None:
            raise self.error
        return self.result


def _request(method: str = "GET", token: str | None = None, body: bytes = b"", target: str = "/dev/x") -> HttpRequest:
    headers = [("Content-Type", "application/json")]
    if token is not None:
        headers.append(("Authorization", f"Bearer {token}"))
    return HttpRequest(method=method, target=target, headers=headers, body=body)


def _message(response: HttpResponse) -> str:
    return str(json.loads(response.body)["message"])


@pytest.fixture
def token(authority: LocalAuthority) -> str:
    return authority.issue_token("user-1", "acme", ["recruiter"])


def test_request_without_token_is_401_and_never_reaches_the_function(authority: LocalAuthority) -> None:
    function = RecordingFunction()

    response = LocalRestApi(function, "dev", authority).handle(_request())

    assert (response.status, _message(response)) == (401, "Unauthorized")
    assert function.events == []


def test_request_with_invalid_token_is_401_and_never_reaches_the_function(authority: LocalAuthority) -> None:
    function = RecordingFunction()

    response = LocalRestApi(function, "dev", authority).handle(_request(token="a.b.c"))

    assert response.status == 401
    assert function.events == []


def test_authorised_request_reaches_the_function_with_its_claims(authority: LocalAuthority, token: str) -> None:
    # Given the function answers 200
    function = RecordingFunction()

    # When an authorised request comes in
    response = LocalRestApi(function, "dev", authority).handle(_request(token=token))

    # Then the function saw the tenant claim and its answer is the HTTP response
    assert function.events[0]["requestContext"]["authorizer"]["claims"]["custom:tenant_id"] == "acme"
    assert (response.status, response.body) == (200, b'{"ok": true}')


def test_cors_preflight_reaches_the_function_without_a_token(authority: LocalAuthority) -> None:
    function = RecordingFunction({"statusCode": 204, "body": ""})

    response = LocalRestApi(function, "dev", authority).handle(_request(method="OPTIONS"))

    assert response.status == 204
    assert len(function.events) == 1


def test_function_error_is_502_and_logged_without_the_body(
    authority: LocalAuthority, token: str, caplog: pytest.LogCaptureFixture
) -> None:
    # Given a function that fails with a message quoting its input
    function = RecordingFunction(error=ValueError(SECRET_BODY.decode()))

    # When a request with a candidate's data reaches it
    with caplog.at_level(logging.DEBUG, logger="talent_tools.local.api_gateway"):
        response = LocalRestApi(function, "dev", authority).handle(_request("POST", token, SECRET_BODY))

    # Then API Gateway's 502 comes back and the log names the failure, not the data
    assert (response.status, _message(response)) == (502, "Internal server error")
    assert any(getattr(r, "error_type", None) == "ValueError" for r in caplog.records)
    assert not [r for r in caplog.records if "Ada Candidate" in f"{r.getMessage()} {vars(r)}"]


def test_function_timeout_is_504(authority: LocalAuthority, token: str) -> None:
    function = RecordingFunction(error=TimeoutError())

    response = LocalRestApi(function, "dev", authority).handle(_request(token=token))

    assert (response.status, _message(response)) == (504, "Endpoint request timed out")


def test_malformed_function_result_is_502(authority: LocalAuthority, token: str) -> None:
    function = RecordingFunction({"body": "no status"})

    response = LocalRestApi(function, "dev", authority).handle(_request(token=token))

    assert response.status == 502


def test_body_over_the_limit_is_413_and_never_reaches_the_function(authority: LocalAuthority, token: str) -> None:
    function = RecordingFunction()
    api = LocalRestApi(function, "dev", authority, max_body_bytes=8)

    response = api.handle(_request("POST", token, b"123456789"))

    assert response.status == 413
    assert function.events == []


@pytest.mark.parametrize("target", ["/prod/x", "/"])
def test_request_outside_the_stage_is_403(authority: LocalAuthority, token: str, target: str) -> None:
    function = RecordingFunction()

    response = LocalRestApi(function, "dev", authority).handle(_request(token=token, target=target))

    assert (response.status, _message(response)) == (403, "Forbidden")
    assert function.events == []


def test_stage_root_has_no_method(authority: LocalAuthority, token: str) -> None:
    response = LocalRestApi(RecordingFunction(), "dev", authority).handle(_request(token=token, target="/dev"))

    assert (response.status, _message(response)) == (403, "Missing Authentication Token")


def test_every_response_names_its_request(authority: LocalAuthority, token: str) -> None:
    function = RecordingFunction()

    response = LocalRestApi(function, "dev", authority).handle(_request(token=token))

    request_id = function.events[0]["requestContext"]["requestId"]
    assert ("x-amzn-RequestId", request_id) in response.headers


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::1"])
def test_adapter_refuses_to_bind_anything_but_ipv4_loopback(authority: LocalAuthority, host: str) -> None:
    with pytest.raises(ValueError, match="loopback"):
        ApiGatewayAdapter(RecordingFunction(), "dev", authority, host=host)
