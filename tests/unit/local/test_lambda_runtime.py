"""The local runtime's context, environment and in-process invocation."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from aws_lambda_powertools import Logger

from talent_tools.local.function_env import runtime_environment
from talent_tools.local.invoker import FunctionError, FunctionInitError, invoke_in_process
from talent_tools.local.lambda_context import LocalLambdaContext, deadline_after
from talent_tools.local.template_specs import FunctionSpec


def spec(module_path: Path, environment: dict[str, str] | None = None, handler: str = "handler") -> FunctionSpec:
    return FunctionSpec(
        logical_id="DemoFunction",
        name="demo",
        module_path=module_path,
        handler_attr=handler,
        timeout_s=7,
        memory_mb=1024,
        environment=environment or {},
    )


def write(tmp_path: Path, source: str) -> Path:
    path = tmp_path / "app.py"
    path.write_text(source)
    return path


# ---------------------------------------------------------------- context
def test_context_reads_the_reserved_variables_like_the_python_runtime():
    env = runtime_environment(spec(Path("/f/app.py")), function_name="Demo", inherited={}, log_stream_name="s")
    context = LocalLambdaContext.from_environment(
        invoked_function_arn="arn:x", deadline_ms=deadline_after(7), request_id="req-1", env=env
    )
    assert (context.function_name, context.function_version, context.memory_limit_in_mb) == ("Demo", "$LATEST", 1024)
    assert (context.log_group_name, context.log_stream_name, context.aws_request_id) == (
        "/aws/lambda/Demo",
        "s",
        "req-1",
    )
    assert 6000 < context.get_remaining_time_in_millis() <= 7000


def test_remaining_time_never_goes_negative():
    context = LocalLambdaContext("f", "$LATEST", "arn", 128, "r", "g", "s", deadline_ms=int(time.time() * 1000) - 5)
    assert context.get_remaining_time_in_millis() == 0


def test_powertools_logger_injects_the_context_fields():
    logger = Logger(service="demo")
    context = LocalLambdaContext("Demo", "$LATEST", "arn:aws:lambda:x", 256, "req-7", "g", "s", deadline_after(3))

    @logger.inject_lambda_context
    def handler(event: dict, ctx: object) -> dict:
        return {
            k: logger.get_current_keys().get(k)
            for k in ("function_name", "function_request_id", "function_memory_size")
        }

    assert handler({}, context) == {
        "function_name": "Demo",
        "function_request_id": "req-7",
        "function_memory_size": 256,
    }


# ------------------------------------------------------------ environment
def test_environment_layers_host_basics_then_template_then_reserved_variables():
    host = {
        "PATH": "/bin",
        "AWS_ENDPOINT_URL": "http://127.0.0.1:5000",
        "SECRET_OF_THE_HOST": "x",
        "AWS_REGION": "eu-west-1",
    }
    template_env = {"TABLE_NAME": "t", "AWS_LAMBDA_FUNCTION_NAME": "cannot-override"}
    env = runtime_environment(spec(Path("/fn/demo/app.py"), template_env), function_name="Demo", inherited=host)
    assert env["PATH"] == "/bin" and env["AWS_ENDPOINT_URL"] == "http://127.0.0.1:5000"
    assert "SECRET_OF_THE_HOST" not in env
    assert env["TABLE_NAME"] == "t" and env["AWS_LAMBDA_FUNCTION_NAME"] == "Demo"
    assert env["AWS_REGION"] == env["AWS_DEFAULT_REGION"] == "eu-west-1"
    assert env["LAMBDA_TASK_ROOT"] == "/fn/demo" and env["_HANDLER"] == "app.handler"


# -------------------------------------------------------------- in-process
def test_in_process_invocation_sees_the_function_environment_only_while_it_runs(tmp_path, monkeypatch):
    monkeypatch.delenv("TABLE_NAME", raising=False)
    module = write(
        tmp_path,
        "import os\n"
        "TABLE = os.environ['TABLE_NAME']\n"
        "def handler(event, context):\n"
        "    left = context.get_remaining_time_in_millis()\n"
        "    return {'table': TABLE, 'echo': event, 'name': context.function_name, 'left': left}\n",
    )
    result = invoke_in_process(spec(module, {"TABLE_NAME": "talent"}), {"a": [1, 2]}, function_name="demo")
    assert result["table"] == "talent" and result["echo"] == {"a": [1, 2]} and result["name"] == "demo"
    assert 0 < result["left"] <= 7000
    assert "TABLE_NAME" not in os.environ
    assert "app" not in sys.modules and str(tmp_path) not in sys.path


def test_in_process_invocation_imports_the_module_fresh_each_time(tmp_path):
    module = write(
        tmp_path, "COUNT = 0\ndef handler(event, context):\n    global COUNT\n    COUNT += 1\n    return COUNT\n"
    )
    assert [invoke_in_process(spec(module), {}) for _ in range(2)] == [1, 1]


def test_a_raising_handler_is_a_function_error_with_lambdas_fields(tmp_path):
    module = write(tmp_path, "class Bad(Exception):\n    pass\ndef handler(event, context):\n    raise Bad('no')\n")
    with pytest.raises(FunctionError) as caught:
        invoke_in_process(spec(module), {})
    assert (caught.value.error_type, caught.value.error_message) == ("Bad", "no")
    assert caught.value.stack_trace


def test_an_unimportable_module_is_a_function_init_error(tmp_path):
    module = write(tmp_path, "import not_a_module_anywhere\n")
    with pytest.raises(FunctionInitError, match=r"Runtime\.ImportModuleError"):
        invoke_in_process(spec(module), {})


def test_a_result_that_is_not_json_is_a_marshal_error(tmp_path):
    module = write(tmp_path, "def handler(event, context):\n    return {1, 2}\n")
    with pytest.raises(FunctionError, match=r"Runtime\.MarshalError"):
        invoke_in_process(spec(module), {})
