"""docker/local-images/lambda_emulator.py, the stand-in for the Lambda Runtime Interface Emulator: the project's
RieClient invokes it as it invokes a function container, and it hands each event to a runtime over the Runtime
API. The runtime here is a minimal client of that API written for this test (the image runs awslambdaric,
which the venv does not carry), so what is tested is the emulator's side of both APIs."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from talent_tools.local.processes import free_port
from talent_tools.local.rie import INVOKE_PATH, RieClient

pytestmark = [pytest.mark.integration, pytest.mark.timeout(60)]
EMULATOR = Path(__file__).resolve().parents[2] / "docker" / "local-images" / "lambda_emulator.py"

RUNTIME_CLIENT = """
import importlib, json, os, sys, urllib.request

api = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime"
module_name, function_name = sys.argv[1].rsplit(".", 1)
sys.path.insert(0, os.getcwd())


def post(path, body):
    request = urllib.request.Request(api + path, data=json.dumps(body).encode(), method="POST")
    urllib.request.urlopen(request).close()


try:
    handler = getattr(importlib.import_module(module_name), function_name)
except Exception as exc:
    post("/init/error", {"errorType": type(exc).__name__, "errorMessage": str(exc)})
    sys.exit(1)
while True:
    with urllib.request.urlopen(api + "/invocation/next") as response:
        request_id = response.headers["Lambda-Runtime-Aws-Request-Id"]
        event = json.loads(response.read())
    try:
        result = handler(event, None)
    except Exception as exc:
        post(f"/invocation/{request_id}/error", {"errorType": type(exc).__name__, "errorMessage": str(exc)})
    else:
        post(f"/invocation/{request_id}/response", result)
"""

HANDLER = """
import time


def handler(event, context):
    if event.get("fail"):
        raise ValueError("asked to fail")
    time.sleep(event.get("sleep", 0))
    return {"echo": event}
"""


def _emulator(tmp_path: Path, app: str, timeout_s: int) -> tuple[subprocess.Popen[bytes], RieClient]:
    client_dir, task_root = tmp_path / "client", tmp_path / "task"
    (client_dir / "awslambdaric").mkdir(parents=True)
    (client_dir / "awslambdaric" / "__init__.py").write_text("")
    (client_dir / "awslambdaric" / "__main__.py").write_text(RUNTIME_CLIENT)
    task_root.mkdir()
    (task_root / "app.py").write_text(app)
    invoke_port = free_port()
    env = dict(
        os.environ,
        PYTHONPATH=str(client_dir),
        LAMBDA_TASK_ROOT=str(task_root),
        AWS_LAMBDA_FUNCTION_TIMEOUT=str(timeout_s),
        EMULATOR_INVOKE_HOST="127.0.0.1",
        EMULATOR_INVOKE_PORT=str(invoke_port),
        EMULATOR_RUNTIME_PORT=str(free_port()),
    )
    proc = subprocess.Popen([sys.executable, str(EMULATOR), "app.handler"], env=env)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", invoke_port)) == 0:
                break
        time.sleep(0.05)
    url = f"http://127.0.0.1:{invoke_port}{INVOKE_PATH}"
    return proc, RieClient(url, "arn:aws:lambda:us-east-1:012345678912:function:test_function", timeout_s=10)


@pytest.fixture
def emulator(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], RieClient]]:
    proc, client = _emulator(tmp_path, HANDLER, timeout_s=1)
    yield proc, client
    if proc.poll() is None:
        proc.kill()
        proc.wait()


def test_an_event_reaches_the_handler_and_its_result_comes_back(emulator):
    _, client = emulator
    # Given the emulator with a handler behind it / When an event is invoked
    result = client.invoke({"a": 1})
    # Then the handler's result is the answer
    assert result.ok, result
    assert result.result == {"echo": {"a": 1}}


def test_a_handler_error_comes_back_as_lambdas_error_body(emulator):
    _, client = emulator
    # Given the emulator / When the handler raises
    result = client.invoke({"fail": True})
    # Then the client reads a function error with the exception's type and message
    assert not result.ok
    assert (result.error_type, result.error_message) == ("ValueError", "asked to fail")


def test_a_timeout_kills_the_runtime_and_the_next_invocation_gets_a_fresh_one(emulator):
    _, client = emulator
    # Given a function timeout of 1 s / When a handler runs past it
    timed_out = client.invoke({"sleep": 5})
    after = client.invoke({"b": 2})
    # Then that invocation times out as Lambda says it, and the next one is served
    assert not timed_out.ok
    assert timed_out.error_message == "Task timed out after 1.00 seconds"
    assert after.ok and after.result == {"echo": {"b": 2}}


def test_an_init_error_is_the_answer_when_the_handler_cannot_load(tmp_path):
    # Given a handler module that raises on import
    proc, client = _emulator(tmp_path, 'raise RuntimeError("broken at import")\n', timeout_s=5)
    try:
        # When it is invoked
        result = client.invoke({})
    finally:
        proc.kill()
        proc.wait()
    # Then the runtime's init error is the answer
    assert not result.ok
    assert (result.error_type, result.error_message) == ("RuntimeError", "broken at import")


def test_sigterm_stops_the_emulator_at_once(emulator):
    proc, client = emulator
    # Given an emulator whose runtime has started
    assert client.invoke({}).ok
    # When it gets SIGTERM (docker stop)
    started = time.monotonic()
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(timeout=5)
    # Then it exits cleanly, without waiting for a SIGKILL
    assert code == 0
    assert time.monotonic() - started < 5
