"""The Lambda Runtime Interface Emulator's invoke API, both sides, so a runner invokes a local worker pool and
a function container behind RIE the same way.

RIE (in every AWS Lambda base image, and what `sam local` runs) answers
`POST /2015-03-31/functions/function/invocations` with the event as the body: 200 and the handler's JSON
result, or 200 and Lambda's error body (`errorType`, `errorMessage`, `stackTrace`) when the handler failed.
`RieServer` serves a local `Invocable` (a `FunctionPool`) that way, adding Lambda's own
`X-Amz-Function-Error: Unhandled` header on failures; `RieClient` is an `Invocable` that posts to any such
endpoint. RIE itself sends no such header, so the client also reads a body that is exactly an error body
(`errorType` and `errorMessage`, nothing but `stackTrace` beside) as a failure, as RIE's users must.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from talent_tools.local.invocation import Invocable, InvocationResult

INVOKE_PATH = "/2015-03-31/functions/function/invocations"
FUNCTION_ERROR = "X-Amz-Function-Error"
_ERROR_KEYS = {"errorType", "errorMessage"}
_CONNECT_MARGIN_S = 5.0  # on top of the function's timeout: the server answers a timeout itself


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, function: Invocable, port: int) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.function = function


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return  # requests are not logged: an event may carry a resume

    def do_POST(self) -> None:
        if urlsplit(self.path).path != INVOKE_PATH:
            self._reply(404, {"errorType": "NotFound", "errorMessage": f"no function at {self.path}"})
            return
        length = int(self.headers.get("Content-Length") or 0)
        try:
            event = json.loads(self.rfile.read(length) or b"{}")
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            self._reply(400, {"errorType": "InvalidRequestContentException", "errorMessage": str(exc)})
            return
        result = self.server.function.invoke(event)
        if result.ok:
            self._reply(200, result.result)
        else:
            self._reply(200, result.error(), {FUNCTION_ERROR: "Unhandled"})

    def _reply(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)


class RieServer:
    """A local function behind RIE's invoke API on 127.0.0.1 (port 0: any free port)."""

    def __init__(self, function: Invocable, port: int = 0) -> None:
        self._server = _Server(function, port)
        self._thread = threading.Thread(target=self._server.serve_forever, name="rie-server", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}{INVOKE_PATH}"

    def start(self) -> RieServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(10)

    def __enter__(self) -> RieServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class RieClient:
    """Invokes a function through RIE's invoke API: a local RieServer, or a container running RIE."""

    def __init__(self, url: str, function_arn: str, timeout_s: float) -> None:
        parts = urlsplit(url)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"an RIE endpoint is an http:// URL, got {url!r}")
        self.url = url
        self._host, self._port = parts.hostname, parts.port or 80
        self._path = parts.path or INVOKE_PATH
        self._arn = function_arn
        self.timeout_s = timeout_s

    @property
    def function_arn(self) -> str:
        return self._arn

    def invoke(self, event: dict[str, Any], timeout_s: float | None = None) -> InvocationResult:
        request_id = str(uuid.uuid4())
        started = time.monotonic()
        connection = http.client.HTTPConnection(
            self._host, self._port, timeout=(timeout_s or self.timeout_s) + _CONNECT_MARGIN_S
        )
        try:
            connection.request(
                "POST", self._path, body=json.dumps(event).encode(), headers={"Content-Type": "application/json"}
            )
            response = connection.getresponse()
            status, raw, marked = response.status, response.read(), response.getheader(FUNCTION_ERROR)
        except (OSError, http.client.HTTPException) as exc:
            return self._failure(request_id, started, "Runtime.Unreachable", f"{self.url}: {exc}")
        finally:
            connection.close()
        duration_ms = (time.monotonic() - started) * 1000
        try:
            body = json.loads(raw) if raw else None
        except (UnicodeDecodeError, json.JSONDecodeError):
            return self._failure(request_id, started, "Runtime.InvalidResponse", f"not JSON: {raw[:200]!r}")
        if status != 200:
            message = body.get("errorMessage") if isinstance(body, dict) else raw[:200].decode(errors="replace")
            return self._failure(request_id, started, f"Http{status}", str(message))
        is_error_body = isinstance(body, dict) and _ERROR_KEYS <= body.keys() <= _ERROR_KEYS | {"stackTrace"}
        if marked or is_error_body:
            error = body if isinstance(body, dict) else {}
            return InvocationResult(
                request_id=request_id,
                ok=False,
                error_type=str(error.get("errorType") or "Unhandled"),
                error_message=str(error.get("errorMessage") or ""),
                stack_trace=tuple(str(line) for line in error.get("stackTrace") or ()),
                duration_ms=duration_ms,
            )
        return InvocationResult(request_id=request_id, ok=True, result=body, duration_ms=duration_ms)

    def _failure(self, request_id: str, started: float, error_type: str, message: str) -> InvocationResult:
        return InvocationResult(
            request_id=request_id,
            ok=False,
            error_type=error_type,
            error_message=message,
            duration_ms=(time.monotonic() - started) * 1000,
        )
