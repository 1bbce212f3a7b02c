"""HTTP <-> API Gateway REST (v1) proxy payloads, translated the way API Gateway does, without a socket."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from aws_lambda_powertools.utilities.parser.models import APIGatewayProxyEventModel

from talent_tools.local.api_event import (
    HttpRequest,
    MalformedProxyResponse,
    build_proxy_event,
    http_response,
    stage_path,
)

CLAIMS = {"sub": "user-1", "custom:tenant_id": "acme", "cognito:groups": "recruiter"}


def _request(
    target: str = "/dev/applications",
    method: str = "GET",
    headers: list[tuple[str, str]] | None = None,
    body: bytes = b"",
) -> HttpRequest:
    return HttpRequest(
        method=method,
        target=target,
        headers=headers if headers is not None else [("Host", "127.0.0.1:8080")],
        body=body,
    )


def _event(request: HttpRequest, claims: dict[str, str] | None = CLAIMS) -> dict[str, Any]:
    return build_proxy_event(request, stage="dev", claims=claims, request_id="req-1", now=1_800_000_000.5)


def test_get_event_is_a_valid_api_gateway_proxy_event() -> None:
    # Given a GET with a query string and headers
    request = _request("/dev/applications?status=open", headers=[("Host", "h"), ("Accept", "*/*")])

    # When it is turned into an event
    event = _event(request)

    # Then Powertools' model of the REST proxy event accepts it
    parsed = APIGatewayProxyEventModel.model_validate(event)
    assert parsed.requestContext.authorizer is not None
    assert parsed.requestContext.authorizer.claims == CLAIMS


def test_json_post_event_is_valid_and_carries_the_body_as_text() -> None:
    request = _request(method="POST", headers=[("Content-Type", "application/json")], body=b'{"a": 1}')

    event = _event(request)

    APIGatewayProxyEventModel.model_validate(event)
    assert (event["body"], event["isBase64Encoded"]) == ('{"a": 1}', False)


def test_event_path_is_under_the_stage_and_the_proxy_parameter_is_decoded() -> None:
    event = _event(_request("/dev/candidates/a%20b/score"))

    assert event["resource"] == "/{proxy+}"
    assert event["path"] == "/candidates/a%20b/score"
    assert event["requestContext"]["path"] == "/dev/candidates/a%20b/score"
    assert event["pathParameters"] == {"proxy": "candidates/a b/score"}


def test_absent_query_string_gives_null_query_parameters() -> None:
    event = _event(_request("/dev/applications"))

    assert event["queryStringParameters"] is None
    assert event["multiValueQueryStringParameters"] is None


def test_repeated_query_parameter_keeps_all_values_and_the_last_as_single() -> None:
    event = _event(_request("/dev/applications?role=a&role=b&q=x%20y"))

    assert event["multiValueQueryStringParameters"] == {"role": ["a", "b"], "q": ["x y"]}
    assert event["queryStringParameters"] == {"role": "b", "q": "x y"}


def test_repeated_header_keeps_all_values_and_the_last_as_single() -> None:
    event = _event(_request(headers=[("X-Tag", "a"), ("X-Tag", "b")]))

    assert event["multiValueHeaders"]["X-Tag"] == ["a", "b"]
    assert event["headers"]["X-Tag"] == "b"


def test_binary_body_is_base64_encoded() -> None:
    payload = bytes(range(256))
    request = _request(method="POST", headers=[("Content-Type", "application/pdf")], body=payload)

    event = _event(request)

    assert event["isBase64Encoded"] is True
    assert base64.b64decode(event["body"]) == payload


def test_text_typed_body_that_is_not_utf8_is_base64_encoded() -> None:
    request = _request(method="POST", headers=[("Content-Type", "text/plain")], body=b"\xff\xfe")

    event = _event(request)

    assert (event["isBase64Encoded"], base64.b64decode(event["body"])) == (True, b"\xff\xfe")


def test_empty_body_is_null() -> None:
    assert _event(_request())["body"] is None


def test_claims_reach_the_authorizer_context_as_given() -> None:
    assert _event(_request())["requestContext"]["authorizer"] == {"claims": CLAIMS}


def test_unauthenticated_event_has_no_authorizer_context() -> None:
    event = _event(_request(method="OPTIONS"), claims=None)

    APIGatewayProxyEventModel.model_validate(event)
    assert "authorizer" not in event["requestContext"]


def test_request_context_names_the_request_and_its_time() -> None:
    context = _event(_request())["requestContext"]

    assert (context["requestId"], context["stage"], context["resourcePath"]) == ("req-1", "dev", "/{proxy+}")
    assert context["requestTimeEpoch"] == 1_800_000_000_500
    assert context["requestTime"] == "15/Jan/2027:08:00:00 +0000"


@pytest.mark.parametrize(("target", "expected"), [("/dev/a", "/a"), ("/dev", "/"), ("/prod/a", None), ("/devx", None)])
def test_stage_path_strips_only_the_configured_stage(target: str, expected: str | None) -> None:
    assert stage_path(target, "dev") == expected


def test_base64_response_body_is_decoded_to_bytes() -> None:
    result = {"statusCode": 200, "body": base64.b64encode(b"\x00\x01").decode(), "isBase64Encoded": True}

    assert http_response(result, "req-1").body == b"\x00\x01"


def test_response_status_and_text_body_pass_through() -> None:
    response = http_response({"statusCode": 201, "body": "créé"}, "req-1")

    assert (response.status, response.body) == (201, "créé".encode())


def test_response_headers_merge_single_and_multi_values_once_each() -> None:
    result = {
        "statusCode": 200,
        "headers": {"X-A": "1", "X-B": "2"},
        "multiValueHeaders": {"X-A": ["1", "3"]},
    }

    headers = http_response(result, "req-1").headers

    assert sorted(value for name, value in headers if name == "X-A") == ["1", "3"]
    assert [value for name, value in headers if name == "X-B"] == ["2"]


def test_response_without_content_type_gets_json() -> None:
    headers = http_response({"statusCode": 200, "body": "{}"}, "req-1").headers

    assert ("Content-Type", "application/json") in headers


def test_response_with_content_type_keeps_it() -> None:
    result = {"statusCode": 200, "headers": {"content-type": "text/csv"}, "body": "a,b"}

    headers = http_response(result, "req-1").headers

    assert [value for name, value in headers if name.lower() == "content-type"] == ["text/csv"]


@pytest.mark.parametrize(
    "result",
    [
        None,
        {"body": "{}"},
        {"statusCode": "200"},
        {"statusCode": 200, "body": {"a": 1}},
        {"statusCode": 200, "body": "%%%", "isBase64Encoded": True},
        {"statusCode": 200, "headers": {"X-A": "1\r\nSet-Cookie: x=1"}},
        {"statusCode": 200, "multiValueHeaders": {"X-A": "1"}},
    ],
    ids=["null", "no-status", "string-status", "object-body", "bad-base64", "header-injection", "multi-not-list"],
)
def test_malformed_proxy_response_is_refused(result: Any) -> None:
    with pytest.raises(MalformedProxyResponse):
        http_response(result, "req-1")
