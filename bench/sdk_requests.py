"""Every AWS SDK request made inside a block, timed: what the store benchmarks count and clock.

Every client's HTTP request (the store, the documents, the lake, Powertools' idempotency table, SSM) passes
botocore's `Endpoint.make_request`; `observed` wraps it for the block and reports each request with the seconds
the caller waited on it (HTTP to the endpoint, its work, the answer parsed).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from typing import Any

import botocore.endpoint

OnRequest = Callable[[Any, dict[str, Any], float], None]


@contextlib.contextmanager
def observed(on_request: OnRequest) -> Iterator[None]:
    """Calls `on_request(operation_model, request_dict, seconds)` after each SDK request made inside the block."""
    original = botocore.endpoint.Endpoint.make_request

    def timed(endpoint: Any, model: Any, request_dict: dict[str, Any]) -> Any:
        started = time.perf_counter()
        try:
            return original(endpoint, model, request_dict)
        finally:
            on_request(model, request_dict, time.perf_counter() - started)

    botocore.endpoint.Endpoint.make_request = timed  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        botocore.endpoint.Endpoint.make_request = original  # type: ignore[method-assign]
