"""HrApi on 127.0.0.1: an HTTP server that behaves like API Gateway in front of the HR API function.

`LocalRestApi.handle` is the gateway itself (stage routing, payload limit, the HrJwt authorizer,
invocation, gateway responses) and opens no socket; `ApiGatewayAdapter` only moves its bytes.
"""

from __future__ import annotations

import ipaddress
import logging
import threading
import traceback
import uuid
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import urlsplit

from talent_tools.local.api_event import (
    LOCAL_ACCOUNT_ID,
    LOCAL_API_ID,
    MAX_BODY_BYTES,
    MAX_URL_CHARS,
    HttpRequest,
    HttpResponse,
    MalformedProxyResponse,
    build_proxy_event,
    gateway_error,
    header_value,
    http_response,
    stage_path,
)
from talent_tools.local.auth import Unauthorized

logger = logging.getLogger(__name__)

Invoke = Callable[[dict[str, Any]], dict[str, Any]]
_DRAIN_LIMIT = 64 * 1024 * 1024  # past this an oversized body is not read, the connection is dropped
_HOP_BY_HOP = {"connection", "content-length", "transfer-encoding", "keep-alive"}
_LOGGED_PATH_CHARS = 256


class Authorizer(Protocol):
    def authorize(self, authorization: str | None) -> dict[str, str]:
        """The claims for requestContext.authorizer.claims, or raise Unauthorized."""
        ...


class LocalRestApi:
    """API Gateway's part of a request: everything between the HTTP bytes and the function."""

    def __init__(
        self,
        invoke: Invoke,
        stage: str,
        authority: Authorizer,
        *,
        api_id: str = LOCAL_API_ID,
        account_id: str = LOCAL_ACCOUNT_ID,
        max_body_bytes: int = MAX_BODY_BYTES,
        public: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self._invoke = invoke
        self.stage = stage
        self._authority = authority
        self._public = frozenset(public)
        self._api_id = api_id
        self._account_id = account_id
        self.max_body_bytes = max_body_bytes

    def too_large(self, request_id: str | None = None) -> HttpResponse:
        return gateway_error(413, "Request Too Long", "RequestTooLongException", request_id or str(uuid.uuid4()))

    def handle(self, request: HttpRequest) -> HttpResponse:
        request_id = str(uuid.uuid4())
        if len(request.target) > MAX_URL_CHARS:
            logger.info(
                "request refused: URL too long", extra={"request_id": request_id, "length": len(request.target)}
            )
            return gateway_error(414, "Request-URI Too Long", "RequestUriTooLong", request_id)
        log = {"request_id": request_id, "method": request.method, "path": urlsplit(request.target).path}
        path = stage_path(request.target, self.stage)
        if path is None:
            return gateway_error(403, "Forbidden", "ForbiddenException", request_id)
        if path == "/":  # only /{proxy+} has a method; the root resource has none
            return gateway_error(403, "Missing Authentication Token", "MissingAuthenticationTokenException", request_id)
        if len(request.body) > self.max_body_bytes:
            return self.too_large(request_id)
        claims = None
        public = (request.method, path) in self._public  # a route declared with Auth: {Authorizer: NONE}
        if request.method != "OPTIONS" and not public:  # AddDefaultAuthorizerToCorsPreflight: false
            try:
                claims = self._authority.authorize(header_value(request.headers, "authorization"))
            except Unauthorized as exc:
                logger.info("request refused by authorizer", extra={**log, "reason": str(exc.reason)})
                return gateway_error(401, "Unauthorized", "UnauthorizedException", request_id)
        event = build_proxy_event(
            request,
            stage=self.stage,
            claims=claims,
            request_id=request_id,
            api_id=self._api_id,
            account_id=self._account_id,
        )
        return self._call(event, request_id, log)

    def _call(self, event: dict[str, Any], request_id: str, log: dict[str, str]) -> HttpResponse:
        # Error messages are not logged, only where the error arose: a message may quote the payload
        # (pydantic's input_value does).
        try:
            result = self._invoke(event)
        except TimeoutError:
            logger.error("function timed out", extra=log)
            return gateway_error(504, "Endpoint request timed out", "IntegrationTimeout", request_id)
        except Exception as exc:  # noqa: BLE001 - any function error is a 502, as in API Gateway
            where = "".join(traceback.format_tb(exc.__traceback__))
            logger.error("function failed", extra={**log, "error_type": type(exc).__name__, "traceback": where})
            return gateway_error(502, "Internal server error", "InternalServerErrorException", request_id)
        try:
            return http_response(result, request_id)
        except MalformedProxyResponse as exc:
            logger.error("malformed Lambda proxy response", extra={**log, "problem": str(exc)})
            return gateway_error(502, "Internal server error", "InternalServerErrorException", request_id)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], api: LocalRestApi) -> None:
        self.api = api
        super().__init__(address, _Handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def _serve(self) -> None:
        api = self.server.api
        try:
            body = self._read_body(api.max_body_bytes)
        except ValueError:  # a Content-Length or chunk size that is not a number
            self.close_connection = True
            self._write(gateway_error(400, "Bad Request", "BadRequestException", str(uuid.uuid4())))
            return
        if body is None:
            self._write(api.too_large())
            return
        request = HttpRequest(
            method=self.command,
            target=self.path,
            headers=list(self.headers.items()),
            body=body,
            source_ip=self.client_address[0],
        )
        self._write(api.handle(request))

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _serve

    def __getattr__(self, name: str) -> Any:
        """Any other method (TRACE, QUERY...) is forwarded too, as the API's ANY route does; the function
        answers 405 with its Allow header (the stdlib server would answer 501)."""
        if name.startswith("do_"):
            return self._serve
        raise AttributeError(name)

    def _read_body(self, limit: int) -> bytes | None:
        """The request body, or None when it exceeds limit (then drained, or the connection dropped)."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked(limit)
        length = int(self.headers.get("Content-Length") or 0)
        if length < 0:
            raise ValueError("negative Content-Length")
        if length <= limit:
            return self.rfile.read(length)
        if length <= _DRAIN_LIMIT:
            self._discard(length)
        else:
            self.close_connection = True
        return None

    def _read_chunked(self, limit: int) -> bytes | None:
        chunks: list[bytes] = []
        total = 0
        while True:
            size = int(self.rfile.readline(1024).split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline(1024).strip():  # trailers
                    pass
                return b"".join(chunks) if total <= limit else None
            total += size
            if total > _DRAIN_LIMIT:
                self.close_connection = True
                return None
            chunk = self.rfile.read(size)
            if total <= limit:
                chunks.append(chunk)
            self.rfile.readline(1024)  # the CRLF after each chunk

    def _discard(self, length: int) -> None:
        while length > 0:
            chunk = self.rfile.read(min(length, 1024 * 1024))
            if not chunk:
                return
            length -= len(chunk)

    def _write(self, response: HttpResponse) -> None:
        self.send_response(response.status)
        for name, value in response.headers:
            if name.lower() not in _HOP_BY_HOP:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        # The query string stays out of the log: it may carry a candidate's data. A request line the stdlib
        # refused before parsing it (over 64 KiB: its own 414) has no path or command yet.
        path = urlsplit(getattr(self, "path", "") or "").path[:_LOGGED_PATH_CHARS]
        command = getattr(self, "command", "") or "-"
        logger.debug("request served", extra={"method": command, "path": path, "status": str(code)})

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("http server: " + format, *args)


class ApiGatewayAdapter:
    """The local HrApi endpoint; url is the invoke URL, stage included (like execute-api's)."""

    def __init__(
        self,
        invoke: Invoke,
        stage: str,
        authority: Authorizer,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        api_id: str = LOCAL_API_ID,
        account_id: str = LOCAL_ACCOUNT_ID,
        max_body_bytes: int = MAX_BODY_BYTES,
        public: tuple[tuple[str, str], ...] = (),
    ) -> None:
        if not ipaddress.ip_address(host).is_loopback or ipaddress.ip_address(host).version != 4:
            raise ValueError(f"the local API binds an IPv4 loopback address only, not {host!r}")
        self.api = LocalRestApi(
            invoke,
            stage,
            authority,
            api_id=api_id,
            account_id=account_id,
            max_body_bytes=max_body_bytes,
            public=public,
        )
        self._address = (host, port)
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> ApiGatewayAdapter:
        if self._server is not None:
            raise RuntimeError("adapter already started")
        self._server = _Server(self._address, self.api)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},  # how long stop() may wait for the serving loop to notice
            name="local-api-gateway",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is None:
            return
        server.shutdown()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("adapter not started")
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{self._address[0]}:{self.port}/{self.api.stage}"

    def __enter__(self) -> ApiGatewayAdapter:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
