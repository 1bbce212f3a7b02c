"""The HR API's one map from exceptions to HTTP answers.

Client errors say what is wrong. Anything the API did not expect is a 500 that carries a correlation id (API
Gateway's request id, the one Powertools puts in every log line of the request) and nothing of the error's
text; the function logs the error's type and where it arose with that id, never its message (a message may
quote the request or a candidate's data: pydantic's input_value does).
"""

from __future__ import annotations

import traceback
from http import HTTPStatus
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types
from aws_lambda_powertools.event_handler.api_gateway import ResponseBuilder, Route

from talent.api import json_body
from talent.api.models import ErrorBody
from talent.domain.errors import InvalidPageCursor, NotFound, TransientStoreError

logger = Logger(child=True)
CORRELATION_HEADER = "x-correlation-id"


def _error(status: HTTPStatus, message: str, headers: dict[str, str] | None = None) -> Response[str]:
    return Response(
        status_code=status,
        content_type=content_types.APPLICATION_JSON,
        body=ErrorBody(message=message).model_dump_json(exclude_none=True),
        headers=headers,
    )


def _correlation_id(event: Any) -> str:
    return str(event.request_context.request_id or "unknown")


class HrApiResolver(APIGatewayRestResolver):
    """Powertools' REST resolver whose last resort is a logged 500 instead of a raise (which API Gateway
    would turn into a 502 with nothing in the function's log)."""

    def __init__(self) -> None:
        super().__init__(enable_validation=True, json_body_deserializer=json_body.loads)
        # Powertools reads its request validation from this attribute when it builds each route's stack.
        self._request_validation_middleware = json_body.JsonOnlyRequestValidation()

    def _call_exception_handler(self, exp: Exception, route: Route) -> ResponseBuilder | None:
        handled = super()._call_exception_handler(exp, route)
        if handled is not None:
            return handled
        correlation_id = _correlation_id(self.current_event)
        where = "".join(traceback.format_tb(exp.__traceback__))
        logger.error("unhandled error", extra={"error_type": type(exp).__name__, "traceback": where})
        response = Response(
            status_code=HTTPStatus.INTERNAL_SERVER_ERROR,
            content_type=content_types.APPLICATION_JSON,
            body=ErrorBody(message="internal error", correlation_id=correlation_id).model_dump_json(),
            headers={CORRELATION_HEADER: correlation_id},
        )
        return self._response_builder_class(response=response, serializer=self._serializer, route=route)


def install(app: APIGatewayRestResolver) -> None:
    @app.exception_handler(NotFound)
    def _not_found(exc: NotFound) -> Response[str]:
        return _error(HTTPStatus.NOT_FOUND, str(exc))

    @app.exception_handler(InvalidPageCursor)
    def _invalid_cursor(exc: InvalidPageCursor) -> Response[str]:
        return _error(HTTPStatus.BAD_REQUEST, str(exc))

    @app.exception_handler(json_body.BodyNestedTooDeep)
    def _too_deep(exc: json_body.BodyNestedTooDeep) -> Response[str]:
        return _error(HTTPStatus.BAD_REQUEST, str(exc))

    @app.exception_handler(json_body.BodyTooLarge)
    def _too_large(exc: json_body.BodyTooLarge) -> Response[str]:
        return _error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, str(exc))

    @app.exception_handler(TransientStoreError)
    def _store_busy(exc: TransientStoreError) -> Response[str]:
        # A 5xx like the 500 below: logged under the request's correlation id, which the answer names.
        correlation_id = _correlation_id(app.current_event)
        logger.warning("store busy", extra={"error": str(exc)})
        return Response(
            status_code=HTTPStatus.SERVICE_UNAVAILABLE,
            content_type=content_types.APPLICATION_JSON,
            body=ErrorBody(message="the store is busy, retry shortly", correlation_id=correlation_id).model_dump_json(),
            headers={"Retry-After": "1", CORRELATION_HEADER: correlation_id},
        )
