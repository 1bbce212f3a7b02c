"""A purpose-built HR-API-shaped function: echoes what API Gateway delivered, so tests can assert on it."""

from __future__ import annotations

import base64
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, CORSConfig, Response
from aws_lambda_powertools.utilities.typing import LambdaContext

app = APIGatewayRestResolver(cors=CORSConfig(allow_origin="http://localhost:5173"))


class EchoFailure(RuntimeError):
    pass


@app.route("/echo-public", method=["GET", "POST"])
@app.route("/echo", method=["GET", "POST"])
def echo() -> dict[str, Any]:
    event = app.current_event
    claims = event.request_context.authorizer.claims or {}
    return {
        "path": event.path,
        "query": event.multi_value_query_string_parameters,
        "tenant": claims.get("custom:tenant_id"),
        "roles": claims.get("cognito:groups"),
        "body": event.body,
    }


@app.post("/binary")
def binary() -> Response[bytes]:
    event = app.current_event
    raw = base64.b64decode(event.body or "") if event.is_base64_encoded else (event.body or "").encode()
    return Response(status_code=200, content_type="application/octet-stream", body=raw)


@app.get("/boom")
def boom() -> dict[str, Any]:
    raise EchoFailure("the handler failed")


def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
