"""A stand-in for the Lambda Runtime Interface Emulator (aws-lambda-rie), for images built without the AWS base.

The real emulator is a Go binary shipped in public.ecr.aws/lambda/* images and on GitHub, neither reachable
here, and no PyPI package carries it. This one speaks the same two APIs, stdlib only:

* the invoke API on :8080, `POST /2015-03-31/functions/function/invocations` with the event as the body,
  answered 200 with the handler's result, or 200 with Lambda's error body (as RIE: no error header);
* the Runtime API on 127.0.0.1:9001 (`/2018-06-01/runtime/...`), which the runtime interface client
  (`python -m awslambdaric app.handler`, from PyPI) polls for the next event and posts results to.

As RIE, it starts the runtime on the first invocation (that invocation is the cold start), serves one
invocation at a time, and kills the runtime when the function timeout passes (`Task timed out`), starting
a fresh one on the next invocation. Not the real emulator: no extensions API, no logs API, no init timeout.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

INVOKE_PATH = "/2015-03-31/functions/function/invocations"
RUNTIME_PREFIX = "/2018-06-01/runtime"
# RIE's ports. The tests run it on free loopback ports instead (tests/integration/test_lambda_emulator.py).
RUNTIME_PORT = int(os.environ.get("EMULATOR_RUNTIME_PORT", "9001"))
INVOKE_HOST = os.environ.get("EMULATOR_INVOKE_HOST", "0.0.0.0")  # noqa: S104 - the container's own namespace
INVOKE_PORT = int(os.environ.get("EMULATOR_INVOKE_PORT", "8080"))
FUNCTION_NAME = os.environ.setdefault("AWS_LAMBDA_FUNCTION_NAME", "test_function")
REGION = os.environ.get("AWS_REGION", "us-east-1")
FUNCTION_ARN = f"arn:aws:lambda:{REGION}:012345678912:function:{FUNCTION_NAME}"
TIMEOUT_S = int(os.environ.get("AWS_LAMBDA_FUNCTION_TIMEOUT", "300"))


class Runtime:
    """The runtime process and the one invocation in flight, shared by both servers."""

    def __init__(self, handler: str) -> None:
        self.handler = handler
        self.process: subprocess.Popen[bytes] | None = None
        self.pending: queue.Queue[tuple[str, bytes]] = queue.Queue()
        self.results: dict[str, queue.Queue[tuple[bool, bytes]]] = {}
        self.lock = threading.Lock()  # one invocation at a time, as one execution environment
        self.init_error: bytes | None = None  # what the runtime reported before exiting, answered as RIE does

    def _ensure_started(self) -> None:
        if self.process is not None and self.process.poll() is None:
            return
        self.init_error = None
        env = dict(os.environ)
        env.update(
            AWS_LAMBDA_RUNTIME_API=f"127.0.0.1:{RUNTIME_PORT}",
            _HANDLER=self.handler,
            AWS_LAMBDA_FUNCTION_VERSION="$LATEST",
            AWS_LAMBDA_FUNCTION_MEMORY_SIZE=os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "3008"),
            AWS_LAMBDA_LOG_GROUP_NAME=f"/aws/lambda/{FUNCTION_NAME}",
            AWS_LAMBDA_LOG_STREAM_NAME="$LATEST",
        )
        task_root = os.environ.get("LAMBDA_TASK_ROOT", "/var/task")
        # A fresh queue per process: a killed runtime's pending `next` request holds the old one, never an event.
        self.pending = queue.Queue()
        self.process = subprocess.Popen(  # noqa: S603 - this interpreter, the client module, the image's CMD
            [sys.executable, "-m", "awslambdaric", self.handler], cwd=task_root, env=env
        )

    def invoke(self, event: bytes) -> tuple[bool, bytes]:
        with self.lock:
            self._ensure_started()
            request_id = str(uuid.uuid4())
            answer: queue.Queue[tuple[bool, bytes]] = queue.Queue()
            self.results[request_id] = answer
            self.pending.put((request_id, event))
            deadline = time.monotonic() + TIMEOUT_S
            try:
                while True:
                    try:
                        return answer.get(timeout=0.2)
                    except queue.Empty:
                        pass
                    if self.process is not None and self.process.poll() is not None:
                        exited = _error("Runtime.ExitError", f"runtime exited: {self.process.returncode}")
                        return False, self.init_error or exited
                    if time.monotonic() > deadline:
                        self._kill()
                        return False, _error("TimeoutError", f"Task timed out after {TIMEOUT_S}.00 seconds")
            finally:
                self.results.pop(request_id, None)
                _drain(self.pending)

    def answer(self, request_id: str, ok: bool, body: bytes) -> None:
        found = self.results.get(request_id)
        if found is not None:
            found.put((ok, body))

    def stop(self) -> None:
        """SIGTERM: end the runtime and this process, as RIE does on shutdown."""
        self._kill()
        sys.exit(0)

    def _kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


def _error(error_type: str, message: str) -> bytes:
    return json.dumps({"errorType": error_type, "errorMessage": message}).encode()


def _drain(pending: queue.Queue[tuple[str, bytes]]) -> None:
    while not pending.empty():
        pending.get_nowait()


class _Handler(BaseHTTPRequestHandler):
    runtime: Runtime
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return  # requests are not logged: an event may carry a resume

    def _body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def _reply(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


class InvokeHandler(_Handler):
    def do_POST(self) -> None:
        if self.path.split("?")[0] != INVOKE_PATH:
            self._reply(404, _error("NotFound", self.path))
            return
        _ok, body = self.runtime.invoke(self._body() or b"{}")
        self._reply(200, body)


class RuntimeApiHandler(_Handler):
    def do_GET(self) -> None:
        if self.path != f"{RUNTIME_PREFIX}/invocation/next":
            self._reply(404)
            return
        request_id, event = self.runtime.pending.get()
        deadline_ms = int((time.time() + TIMEOUT_S) * 1000)
        self._reply(
            200,
            event,
            {
                "Lambda-Runtime-Aws-Request-Id": request_id,
                "Lambda-Runtime-Deadline-Ms": str(deadline_ms),
                "Lambda-Runtime-Invoked-Function-Arn": FUNCTION_ARN,
                "Lambda-Runtime-Trace-Id": f"Root=1-{int(time.time()):08x}-{uuid.uuid4().hex[:24]};Sampled=0",
            },
        )

    def do_POST(self) -> None:
        body = self._body()
        parts = self.path.removeprefix(RUNTIME_PREFIX).strip("/").split("/")
        if parts[:1] == ["invocation"] and len(parts) == 3 and parts[2] in {"response", "error"}:
            self.runtime.answer(parts[1], parts[2] == "response", body)
            self._reply(202, b"{}")
        elif parts == ["init", "error"]:
            self.runtime.init_error = body
            self._reply(202, b"{}")
        else:
            self._reply(404)


def _serve(handler: type[_Handler], address: tuple[str, int]) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer(address, handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: lambda_emulator.py MODULE.FUNCTION")
    runtime = Runtime(sys.argv[1])
    # PID 1 of the container: without a handler SIGTERM is ignored and `docker stop` waits its 10 s for SIGKILL.
    signal.signal(signal.SIGTERM, lambda _signum, _frame: runtime.stop())
    _Handler.runtime = runtime
    _serve(RuntimeApiHandler, ("127.0.0.1", RUNTIME_PORT))
    # All interfaces of the container's own network namespace: compose publishes it on the host's 127.0.0.1.
    invoke = ThreadingHTTPServer((INVOKE_HOST, INVOKE_PORT), InvokeHandler)
    invoke.daemon_threads = True
    invoke.serve_forever()


if __name__ == "__main__":
    main()
