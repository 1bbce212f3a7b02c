"""The local sign-in server on 127.0.0.1: Cognito's hosted UI endpoints in front of `SignInFlow`.

GET /oauth2/authorize shows a login form; POST /login checks it and redirects back with a code; POST
/oauth2/token answers the page's code exchange (CORS for the page's origin, as Cognito's token endpoint does);
GET /logout redirects to an allowed sign-out URL.
"""

from __future__ import annotations

import html
import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from talent_tools.local.sign_in_flow import AuthorizeRequest, OAuthError, SignInFlow, WrongCredentials

logger = logging.getLogger(__name__)
_MAX_FORM_BYTES = 16 * 1024


def login_page(request: AuthorizeRequest, error: str = "") -> str:
    hidden = "".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in request.fields().items()
    )
    alert = f'<p id="login-error" role="alert">{html.escape(error)}</p>' if error else ""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in — talent screening (local)</title>
<link rel="icon" href="data:,">
<style>body{{font:15px/1.4 system-ui,sans-serif;max-width:22rem;margin:4rem auto;color:#1d2733}}
label,input,button{{display:block;width:100%;margin:.3rem 0;font:inherit}}input{{padding:.4rem}}
#login-error{{color:#a4262c}}:focus-visible{{outline:2px solid #0b5cad}}</style></head>
<body><h1>Sign in</h1><p>Local stack: the users are in the state folder's sign-in-users.json.</p>{alert}
<form method="post" action="/login">{hidden}
<label for="username">User name</label><input id="username" name="username" autocomplete="username" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button id="submit" type="submit">Sign in</button></form></body></html>"""


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        params = dict(parse_qsl(parts.query))
        try:
            if parts.path == "/oauth2/authorize":
                self._html(200, login_page(self.server.flow.authorize(params)))
            elif parts.path == "/logout":
                self._redirect(self.server.flow.logout_target(params))
            else:
                self._html(404, "not found")
        except OAuthError as exc:
            self._html(400, f"<p role='alert'>{html.escape(exc.description)}</p>")

    def do_POST(self) -> None:
        form = self._form()
        if form is None:
            return
        path = urlsplit(self.path).path
        if path == "/login":
            self._login(form)
        elif path == "/oauth2/token":
            self._token(form)
        else:
            self._html(404, "not found")

    def do_OPTIONS(self) -> None:
        self.send_response(204)
        self._cors()
        self.send_header("Access-Control-Allow-Methods", "POST")
        self.send_header("Access-Control-Allow-Headers", "Content-Type")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _login(self, form: dict[str, str]) -> None:
        try:
            request = self.server.flow.authorize(form)
        except OAuthError as exc:
            self._html(400, f"<p role='alert'>{html.escape(exc.description)}</p>")
            return
        try:
            self._redirect(self.server.flow.log_in(request, form.get("username", ""), form.get("password", "")))
        except WrongCredentials:
            logger.info("local sign-in refused", extra={"user": form.get("username", "")[:64]})
            self._html(200, login_page(request, "Wrong user name or password."))  # a page, as Cognito answers

    def _token(self, form: dict[str, str]) -> None:
        try:
            status, body = 200, self.server.flow.exchange(form)
        except OAuthError as exc:
            status, body = 400, {"error": exc.error, "error_description": exc.description}
        payload = json.dumps(body).encode()
        self.send_response(status)
        self._cors()
        self.send_header("Content-Type", "application/json")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _form(self) -> dict[str, str] | None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_FORM_BYTES:
            self._html(413, "request too large")
            return None
        return dict(parse_qsl(self.rfile.read(length).decode("utf-8", "replace")))

    def _cors(self) -> None:
        origin = self.headers.get("Origin")
        if origin and origin in self.server.flow.allowed_origins():
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Vary", "Origin")

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _html(self, status: int, body: str) -> None:
        payload = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        # form-action covers the redirect that follows the form too: back to the page's origin is allowed.
        back = " ".join(sorted(self.server.flow.allowed_origins()))
        self.send_header(
            "Content-Security-Policy",
            f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self' {back}",
        )
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        logger.debug("sign-in server: " + format, *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, flow: SignInFlow) -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.flow = flow


class LocalSignInServer:
    def __init__(self, flow: SignInFlow, *, port: int = 0) -> None:
        self.flow = flow
        self._server = _Server(port, flow)
        self._thread = threading.Thread(target=self._server.serve_forever, name="sign-in-server", daemon=True)

    def start(self) -> LocalSignInServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def settings(self) -> dict[str, str]:
        """What the HR page needs (talent.api.sign_in.SignIn), as the template writes it for Cognito."""
        return {
            "authorize_url": f"{self.url}/oauth2/authorize",
            "token_url": f"{self.url}/oauth2/token",
            "logout_url": f"{self.url}/logout",
            "client_id": self.flow.client_id,
        }
