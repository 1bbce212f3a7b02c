"""moto's HTTP server with keep-alive connections, each answer in one write and no line logged per request.

moto's server runs Werkzeug's development server, which closes the connection after every answer (it cannot
tell a request's unread body from the next request line) and then waits up to 10 ms for stray bytes. Every
SDK request on the local stack therefore opened a TCP connection and a server thread, and the answer went out
in several socket writes, with a log line per request. A back-fill makes ~17 requests per application and an
HR page several, so these fixed costs were a large share of moto's time (docs/benchmarks-notes.md).

This handler keeps the connection open. It reads exactly the request's body: the application gets the body
as a stream limited to Content-Length, and whatever it left unread is read and dropped before the next
request line. A chunked body, a body without a usable Content-Length, a body cut short, an answer the
application failed to produce or a client asking for `Connection: close` closes the connection as before. The
answer is collected, given a Content-Length, and written with its status line and headers at once. Errors are
still logged, with their traceback.

`tests/integration/test_moto_keep_alive.py` runs requests over one connection (bodies read in full, in part
and not at all, chunked, cut short, HEAD, an application error), then S3 and DynamoDB calls through moto with
boto3, and checks each answer and how many connections were opened.
"""

from __future__ import annotations

import socket
import traceback
from collections.abc import Iterable
from typing import IO, Any, cast

from moto.moto_server.werkzeug_app import MotoRequestHandler
from werkzeug.exceptions import ClientDisconnected
from werkzeug.wsgi import LimitedStream

_NO_BODY_STATUS = (204, 304)
_FAILED = ("500 INTERNAL SERVER ERROR", [("Content-Type", "text/plain")], [b"Internal Server Error"])


class KeepAliveMotoHandler(MotoRequestHandler):
    """moto's request handler (it keeps S3 metadata headers' spelling), serving HTTP/1.1 keep-alive."""

    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        # Answers go out as soon as they are written. Without this an S3 PutObject took 48 ms here instead of 2:
        # on a kept connection, Nagle's algorithm can hold the answer until the client acknowledges the
        # "100 Continue" sent before it, which a delayed ACK puts off.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def run_wsgi(self) -> None:
        if self.headers.get("Expect", "").lower().strip(" \t") == "100-continue":
            self.wfile.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        environ = self.make_environ()
        body: LimitedStream | None = None
        if environ.get("wsgi.input_terminated"):  # chunked: read to its end by Werkzeug's DechunkedInput
            self.close_connection = True
        else:
            length = _content_length(environ)
            if length is None:  # a body of unknown length: read what the application reads, then close
                self.close_connection = True
            else:
                body = LimitedStream(cast(IO[bytes], self.rfile), length)
                environ["wsgi.input"] = body
        status, headers, chunks = self._answer(environ)
        if body is not None and not self.close_connection:
            try:
                body.exhaust()  # the next request line starts right after this request's body
            except ClientDisconnected:  # the body ended early: nothing more can come on this connection
                self.close_connection = True
        self._write(status, headers, b"" if self.command == "HEAD" else b"".join(chunks))

    def _answer(self, environ: dict[str, Any]) -> tuple[str, list[tuple[str, str]], list[bytes]]:
        started: list[Any] = []
        chunks: list[bytes] = []

        def start_response(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            started[:] = [status, headers]  # nothing is sent before the application returns, so it may restart
            return chunks.append

        try:
            result: Iterable[bytes] = self.server.app(environ, start_response)
            try:
                chunks.extend(result)
            finally:
                close = getattr(result, "close", None)
                if close is not None:
                    close()
        except Exception:  # noqa: BLE001 - the application failed: answer 500 as Werkzeug's server does, log why
            self.close_connection = True
            self.log_error("Error on request %s %s:\n%s", self.command, self.path, traceback.format_exc())
            return _FAILED
        if not started:
            self.close_connection = True
            self.log_error("Error on request %s %s: the application never started a response", self.command, self.path)
            return _FAILED
        return started[0], started[1], chunks

    def _write(self, status: str, headers: list[tuple[str, str]], payload: bytes) -> None:
        code = int(status.split(None, 1)[0])
        names = {name.lower() for name, _ in headers}
        lines = [f"{self.protocol_version} {status}", f"Date: {self.date_time_string()}"]
        lines += [f"{name}: {value}" for name, value in headers]
        if "content-length" not in names and code not in _NO_BODY_STATUS and code >= 200 and self.command != "HEAD":
            lines.append(f"Content-Length: {len(payload)}")
        if self.close_connection:
            lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        self.wfile.write(head + payload)

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """No line per request: at the stack's request rates the log itself was a measurable share of moto."""


def _content_length(environ: dict[str, Any]) -> int | None:
    """The body's length: 0 without the header, None when the header is not a length."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    return length if length >= 0 else None


def install() -> None:
    """moto's `main` serves with this handler (it names the handler it passes to Werkzeug's `run_simple`)."""
    import moto.server

    moto.server.MotoRequestHandler = KeepAliveMotoHandler  # type: ignore[misc]
