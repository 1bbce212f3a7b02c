"""Pure translation between HTTP and API Gateway REST (v1) Lambda proxy integration payloads.

No sockets here: the HTTP server in api_gateway.py reads and writes bytes, this module shapes them
the way API Gateway does for the `/{proxy+}` resource of HrApi.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

PROXY_RESOURCE = "/{proxy+}"
MAX_BODY_BYTES = 10 * 1024 * 1024  # API Gateway's payload limit
# "Length, in characters, of the URL for an edge-optimized API" (HrApi sets no EndpointConfiguration, and
# SAM's default is EDGE); a regional API allows 10240.
MAX_URL_CHARS = 8192
LOCAL_ACCOUNT_ID = "123456789012"
LOCAL_API_ID = "localhrapi"
_UNSAFE_HEADER = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # tab is allowed
_TEXT_TYPES = (
    "application/json",
    "application/xml",
    "application/javascript",
    "application/x-www-form-urlencoded",
    "application/problem+json",
)


@dataclass(frozen=True)
class HttpRequest:
    method: str
    target: str  # request-target as sent: path and query, percent-encoded
    headers: list[tuple[str, str]]
    body: bytes
    source_ip: str = "127.0.0.1"


@dataclass(frozen=True)
class HttpResponse:
    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""


class MalformedProxyResponse(ValueError):
    """The function returned something API Gateway cannot map to HTTP (it answers 502)."""


def gateway_error(status: int, message: str, error_type: str, request_id: str) -> HttpResponse:
    """A gateway response: what API Gateway itself answers when the function is not (properly) reached."""
    return HttpResponse(
        status=status,
        headers=[
            ("Content-Type", "application/json"),
            ("x-amzn-RequestId", request_id),
            ("x-amzn-ErrorType", error_type),
        ],
        body=json.dumps({"message": message}).encode(),
    )


def stage_path(target: str, stage: str) -> str | None:
    """The resource path under /<stage>, still percent-encoded; None when it is not under the stage."""
    path = urlsplit(target).path
    prefix = f"/{stage}"
    if path != prefix and not path.startswith(prefix + "/"):
        return None
    return path[len(prefix) :] or "/"


def is_text(content_type: str | None) -> bool:
    if not content_type:
        return True
    media = content_type.split(";", 1)[0].strip().lower()
    return media.startswith("text/") or media in _TEXT_TYPES or media.endswith(("+json", "+xml"))


def build_proxy_event(
    request: HttpRequest,
    *,
    stage: str,
    claims: dict[str, str] | None,
    request_id: str | None = None,
    now: float | None = None,
    api_id: str = LOCAL_API_ID,
    account_id: str = LOCAL_ACCOUNT_ID,
) -> dict[str, Any]:
    """The event API Gateway sends for `request` to the `/{proxy+}` ANY integration of `stage`."""
    path = stage_path(request.target, stage)
    if path is None:
        raise ValueError(f"{request.target!r} is not under stage {stage!r}")
    request_id = request_id or str(uuid.uuid4())
    now = time.time() if now is None else now
    headers, multi_headers = _headers(request.headers)
    query, multi_query = _query(urlsplit(request.target).query)
    body, is_base64 = _event_body(request.body, header_value(request.headers, "content-type"))
    context: dict[str, Any] = {
        "accountId": account_id,
        "apiId": api_id,
        "stage": stage,
        "protocol": "HTTP/1.1",
        "requestId": request_id,
        "extendedRequestId": request_id,
        "requestTime": time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(now)),
        "requestTimeEpoch": int(now * 1000),
        "resourceId": "proxy0",
        "resourcePath": PROXY_RESOURCE,
        "httpMethod": request.method,
        "path": f"/{stage}{path}",
        "domainName": header_value(request.headers, "host") or "127.0.0.1",
        "identity": {"sourceIp": request.source_ip, "userAgent": header_value(request.headers, "user-agent")},
    }
    if claims is not None:
        context["authorizer"] = {"claims": dict(claims)}
    return {
        "resource": PROXY_RESOURCE,
        "path": path,
        "httpMethod": request.method,
        "headers": headers,
        "multiValueHeaders": multi_headers,
        "queryStringParameters": query,
        "multiValueQueryStringParameters": multi_query,
        "pathParameters": {"proxy": unquote(path.lstrip("/"))},
        "stageVariables": None,
        "requestContext": context,
        "body": body,
        "isBase64Encoded": is_base64,
    }


def header_value(headers: list[tuple[str, str]], name: str) -> str | None:
    """The last value of a header, matched case-insensitively; name in lower case."""
    found = [value for key, value in headers if key.lower() == name]
    return found[-1] if found else None


def _headers(pairs: list[tuple[str, str]]) -> tuple[dict[str, str], dict[str, list[str]]]:
    single: dict[str, str] = {}
    multi: dict[str, list[str]] = {}
    for name, value in pairs:
        single[name] = value  # like API Gateway, the last value of a repeated header wins
        multi.setdefault(name, []).append(value)
    return single, multi


def _query(raw: str) -> tuple[dict[str, str] | None, dict[str, list[str]] | None]:
    pairs = parse_qsl(raw, keep_blank_values=True)
    if not pairs:
        return None, None
    multi: dict[str, list[str]] = {}
    for name, value in pairs:
        multi.setdefault(name, []).append(value)
    return {name: values[-1] for name, values in multi.items()}, multi


def _event_body(body: bytes, content_type: str | None) -> tuple[str | None, bool]:
    if not body:
        return None, False
    if is_text(content_type):
        try:
            return body.decode("utf-8"), False
        except UnicodeDecodeError:
            pass
    return base64.b64encode(body).decode("ascii"), True


def http_response(result: Any, request_id: str) -> HttpResponse:
    """The HTTP response API Gateway makes of a Lambda proxy integration result."""
    if not isinstance(result, dict):
        raise MalformedProxyResponse(f"result is {type(result).__name__}, not an object")
    status = result.get("statusCode")
    if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599:
        raise MalformedProxyResponse(f"statusCode {status!r} is not an HTTP status")
    body = _response_body(result.get("body"), bool(result.get("isBase64Encoded")))
    headers = _response_headers(result.get("headers"), result.get("multiValueHeaders"))
    if not any(name.lower() == "content-type" for name, _ in headers):
        headers.append(("Content-Type", "application/json"))  # API Gateway's default
    headers.append(("x-amzn-RequestId", request_id))
    return HttpResponse(status=status, headers=headers, body=body)


def _response_body(body: Any, is_base64: bool) -> bytes:
    if body is None:
        return b""
    if not isinstance(body, str):
        raise MalformedProxyResponse(f"body is {type(body).__name__}, not a string")
    if not is_base64:
        return body.encode("utf-8")
    try:
        return base64.b64decode(body, validate=True)
    except binascii.Error as exc:
        raise MalformedProxyResponse("isBase64Encoded body is not base64") from exc


def _response_headers(single: Any, multi: Any) -> list[tuple[str, str]]:
    if not isinstance(single or {}, dict) or not isinstance(multi or {}, dict):
        raise MalformedProxyResponse("headers and multiValueHeaders must be objects")
    merged: dict[str, list[str]] = {}
    for name, values in (multi or {}).items():
        if not isinstance(values, list):
            raise MalformedProxyResponse(f"multiValueHeaders[{name!r}] is not a list")
        merged[str(name)] = [str(value) for value in values]
    for name, value in (single or {}).items():
        values = merged.setdefault(str(name), [])
        if str(value) not in values:  # a pair given in both appears once, as API Gateway merges them
            values.append(str(value))
    pairs = [(name, value) for name, values in merged.items() for value in values]
    if any(_UNSAFE_HEADER.search(text) for pair in pairs for text in pair):
        raise MalformedProxyResponse("a header name or value holds a control character")
    return pairs
