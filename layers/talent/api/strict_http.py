"""HTTP rules the resolver leaves loose: 405 (with Allow) for a known path under another method, 422 for a
query parameter the route does not declare (a typo such as `?limt=5` must not silently fall back to a
default), both in the documented error shapes (docs/openapi.json); and path parameters percent-decoded once.

API Gateway (REST) hands the function `path` as the client sent it, percent-encoded, and decodes only
`pathParameters`; the resolver captures route parameters from `path`, so `/jobs/job%2D1` would look up the
id `job%2D1`. Each captured parameter is decoded once after matching, so `%2F` in an id never splits a route.

Reads the resolver's registered routes (`_static_routes`, `_dynamic_routes`): Powertools 3 keeps them
there and exposes no public accessor; tests/integration/test_api_schemathesis.py fails if that changes.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any
from urllib.parse import unquote

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types
from aws_lambda_powertools.event_handler.exceptions import NotFoundError
from aws_lambda_powertools.event_handler.middlewares import NextMiddleware


def _routes(app: APIGatewayRestResolver) -> list[Any]:
    return [*app._static_routes, *app._dynamic_routes]


def install(app: APIGatewayRestResolver) -> None:
    @app.not_found
    def _not_found(exc: NotFoundError) -> Response[str]:
        method = app.current_event.http_method.upper()
        path = app._remove_prefix(app.current_event.path)
        allowed = sorted({r.method for r in _routes(app) if r.rule.match(path)})
        if allowed and method not in allowed:
            return Response(
                status_code=HTTPStatus.METHOD_NOT_ALLOWED,
                content_type=content_types.APPLICATION_JSON,
                body=json.dumps({"statusCode": 405, "message": f"{method} is not allowed here"}),
                headers={"Allow": ", ".join(allowed)},
            )
        return Response(
            status_code=HTTPStatus.NOT_FOUND,
            content_type=content_types.APPLICATION_JSON,
            body=json.dumps({"statusCode": 404, "message": exc.msg or "Not found"}),
        )

    def _reject_unknown_query_parameters(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response:
        route = app.context.get("_route")
        given = app.current_event.query_string_parameters or {}
        if route is not None and given and any(route is r for r in _routes(app)):
            unknown = sorted(set(given) - {p.alias for p in route.dependant.query_params})
            if unknown:
                detail = [{"loc": ["query", name], "type": "extra_forbidden"} for name in unknown]
                return Response(
                    status_code=HTTPStatus.UNPROCESSABLE_ENTITY,
                    content_type=content_types.APPLICATION_JSON,
                    body=json.dumps({"statusCode": 422, "detail": detail}),
                )
        return next_middleware(app)

    def _decode_path_parameters(app: APIGatewayRestResolver, next_middleware: NextMiddleware) -> Response:
        arguments = app.context.get("_route_args") or {}
        app.context["_route_args"] = {k: unquote(v) if isinstance(v, str) else v for k, v in arguments.items()}
        return next_middleware(app)

    app.use(middlewares=[_reject_unknown_query_parameters, _decode_path_parameters])
