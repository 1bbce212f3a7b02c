"""The HR API's OpenAPI document, generated from the routes and models (committed as docs/openapi.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aws_lambda_powertools.event_handler.openapi.models import HTTPBearer

from talent import __version__
from talent.api.app import app

OPENAPI_PATH = Path("docs") / "openapi.json"


def openapi_document() -> str:
    raw = app.get_openapi_json_schema(
        title="Talent screening HR API",
        version=__version__,
        description=(
            "Jobs, applicants (blind by default) and audit trails for HR. Every request needs a JWT from the "
            "deployment's Cognito user pool; the tenant comes from its `custom:tenant_id` claim, "
            "never from the request."
        ),
        security_schemes={"hrJwt": HTTPBearer(bearerFormat="JWT")},
        security=[{"hrJwt": []}],
    )
    return json.dumps(_with_error_responses(json.loads(raw)), indent=2, sort_keys=True) + "\n"


ERROR_SCHEMA = {
    "type": "object",
    "title": "Error",
    "required": ["message"],
    "properties": {
        "message": {"type": "string"},
        "statusCode": {"type": "integer"},
        "correlation_id": {"type": "string", "description": "On a 500: the id the function logged the error under."},
    },
}
# Answered by API Gateway or its authorizer before the function runs, or by the function's error handlers.
EVERY_OPERATION = {
    "400": "The request cannot be interpreted (a malformed or foreign cursor, a body nested too deep).",
    "401": "No valid bearer token (answered by the gateway's authorizer).",
    "403": "The token carries no tenant, or lacks the role the request needs.",
    "405": "The path exists, the method does not (the Allow header lists the methods).",
    "414": "The URL is longer than the gateway accepts (8,192 characters).",
    "429": "Throttled by the gateway's usage plan.",
    "500": "An error the API did not expect; correlation_id (also the x-correlation-id header) finds it in the log.",
    "503": "The store is busy (throttled); retry after the Retry-After seconds.",
}
WITH_PATH_PARAMETERS = {"404": "Nothing with that id in the token's tenant (another tenant's ids look the same)."}
WITH_BODY = {
    "413": "The request body is larger than the gateway (10 MB) or this API (64 KiB) accepts.",
    "415": "The request body is not JSON (Content-Type other than application/json).",
}


def _with_error_responses(doc: dict[str, Any]) -> dict[str, Any]:
    """Document the error answers every route can give, so clients (and schemathesis) know them."""
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR_SCHEMA
    # Powertools sends validation errors without "msg" (it hides pydantic's messages) yet documents it as
    # required; document what is sent.
    if "ValidationError" in schemas:
        schemas["ValidationError"]["required"] = ["loc", "type"]
    body = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, item in doc["paths"].items():
        for method, operation in item.items():
            codes = dict(EVERY_OPERATION)
            if "{" in path:
                codes.update(WITH_PATH_PARAMETERS)
            if method in ("post", "put", "patch"):
                codes.update(WITH_BODY)
            for code, text in codes.items():
                operation["responses"].setdefault(code, {"description": text, "content": body})
    return doc


def write_openapi(path: Path = OPENAPI_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(openapi_document(), encoding="utf-8")
    return path
