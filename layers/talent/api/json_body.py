"""Request bodies are JSON only, and parsed only when they are small and shallow.

`json.loads` recurses once per level: a body of 100,000 `[` fits in the gateway's 10 MB and raises
RecursionError, which no client error handler expects. Every body this API accepts is a small, flat object
(a decision's reason is at most 2,000 characters), so a body past MAX_BYTES or nested past MAX_DEPTH (far
below the interpreter's limit) is refused before parsing; the size bound also bounds the depth scan.
"""

from __future__ import annotations

import binascii
import json
import re
from typing import Any

from aws_lambda_powertools.event_handler.middlewares.openapi_validation import OpenAPIRequestValidationMiddleware
from aws_lambda_powertools.event_handler.openapi.exceptions import (
    RequestUnsupportedContentType,
    RequestValidationError,
)

MAX_DEPTH = 32
MAX_BYTES = 64 * 1024
# A JSON string (skipped whole, so brackets inside strings do not count; an unterminated one runs to the
# end, which keeps the scan linear) or one structural bracket.
_TOKEN = re.compile(r'"[^"\\]*(?:\\[\s\S]?[^"\\]*)*(?:"|\Z)|[\[\]{}]')


class BodyNestedTooDeep(Exception):
    """The request body nests arrays or objects deeper than MAX_DEPTH levels."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the request body is nested deeper than {limit} levels")
        self.limit = limit


class BodyTooLarge(Exception):
    """The request body is larger than any body this API accepts."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"the request body is larger than {limit} bytes")
        self.limit = limit


def nesting_depth_exceeds(text: str, limit: int) -> bool:
    depth = 0
    for token in _TOKEN.finditer(text):
        char = token.group()
        if char in ("[", "{"):
            depth += 1
            if depth > limit:
                return True
        elif char in ("]", "}"):
            depth -= 1
    return False


def loads(text: str | bytes) -> Any:
    """json.loads for request bodies: BodyTooLarge past MAX_BYTES, BodyNestedTooDeep past MAX_DEPTH levels,
    JSONDecodeError as usual."""
    decoded = text.decode("utf-8", errors="replace") if isinstance(text, bytes) else text
    # Depth first, over a bounded prefix: a deep body says so in its first levels, whatever its size.
    if nesting_depth_exceeds(decoded[:MAX_BYTES], MAX_DEPTH):
        raise BodyNestedTooDeep(MAX_DEPTH)
    if len(decoded.encode("utf-8", errors="surrogatepass")) > MAX_BYTES:
        raise BodyTooLarge(MAX_BYTES)
    return json.loads(decoded)


class JsonOnlyRequestValidation(OpenAPIRequestValidationMiddleware):
    """Powertools' request validation, refusing every body that is not JSON with a 415 before parsing it,
    and a JSON body that is not UTF-8 as invalid JSON (422).

    Powertools also parses form and multipart bodies, and raises a bare ValueError for a multipart
    Content-Type without a boundary; no route of this API takes either.
    """

    def _get_body(self, app: Any) -> dict[str, Any]:
        content_type = str(app.current_event.headers.get("content-type") or "").strip()
        if content_type and not content_type.lower().startswith("application/json"):
            raise RequestUnsupportedContentType(
                "Unsupported content type",
                errors=[
                    {"type": "unsupported_content_type", "loc": ("body",), "msg": "JSON only", "input": {}, "ctx": {}}
                ],
            )
        try:  # JSON is UTF-8 (RFC 8259); Powertools' decoding raises a bare UnicodeDecodeError otherwise
            app.current_event.decoded_body  # noqa: B018 - a cached property: decoding is the check
        except (UnicodeDecodeError, binascii.Error) as exc:
            raise RequestValidationError(
                [{"type": "json_invalid", "loc": ("body",), "msg": "not UTF-8", "input": {}, "ctx": {}}]
            ) from exc
        return super()._get_body(app)
