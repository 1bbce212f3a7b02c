"""A function in its own worker process behaves like a Lambda execution environment."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from talent_tools.local.invoker import FunctionInitError, FunctionWorker
from talent_tools.local.template_specs import FunctionSpec
from tests.integration.esm_support import HANDLERS

pytestmark = [pytest.mark.integration, pytest.mark.timeout(60)]


def probe_spec(timeout_s: int = 5, module_path: Path = HANDLERS / "probe.py", handler: str = "handler") -> FunctionSpec:
    return FunctionSpec(
        logical_id="ProbeFunction",
        name="probe",
        module_path=module_path,
        handler_attr=handler,
        timeout_s=timeout_s,
        memory_mb=512,
        environment={"TABLE_NAME": "talent-local", "POWERTOOLS_SERVICE_NAME": "probe"},
    )


@pytest.fixture
def worker(tmp_path: Path) -> Iterator[FunctionWorker]:
    with FunctionWorker(probe_spec(), log_path=tmp_path / "probe.log") as started:
        yield started


def test_first_invocation_is_a_cold_start_and_the_next_reuses_the_process(worker):
    first = worker.invoke({"action": "describe"})
    second = worker.invoke({"action": "describe"})
    assert (first.cold_start, second.cold_start) == (True, False)
    assert first.init_duration_ms is not None and second.init_duration_ms is None
    assert first.result["pid"] == second.result["pid"] == worker.pid
    assert second.result["invocations"] == 2


def test_the_function_sees_its_template_environment_and_lambda_variables_not_the_host(worker, monkeypatch):
    monkeypatch.setenv("HOST_ONLY_SETTING", "leaks")
    names = [
        "TABLE_NAME",
        "HOST_ONLY_SETTING",
        "AWS_LAMBDA_FUNCTION_NAME",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
        "_HANDLER",
    ]
    result = worker.invoke({"action": "describe", "env": names}).result
    assert result["env"] == {
        "TABLE_NAME": "talent-local",
        "HOST_ONLY_SETTING": None,
        "AWS_LAMBDA_FUNCTION_NAME": "ProbeFunction",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "512",
        "_HANDLER": "app.handler",
    }
    assert result["cwd"] == str(HANDLERS)


def test_the_context_carries_the_function_identity_and_its_remaining_time(worker):
    result = worker.invoke({"action": "describe"})
    context = result.result["context"]
    assert context["aws_request_id"] == result.request_id
    assert context["function_version"] == "$LATEST"
    assert context["invoked_function_arn"] == "arn:aws:lambda:us-east-1:123456789012:function:ProbeFunction"
    assert context["memory_limit_in_mb"] == 512
    assert context["log_group_name"] == "/aws/lambda/ProbeFunction"
    assert 0 < context["remaining_ms"] <= 5000


def test_prints_go_to_the_log_and_never_into_the_protocol(worker, tmp_path):
    assert worker.invoke({"action": "print"}).result == {"printed": True}
    assert worker.invoke({"action": "describe"}).ok
    log = (tmp_path / "probe.log").read_text()
    assert "hello from the function's stdout" in log and "hello from the function's stderr" in log


def test_a_handler_exception_is_an_error_result_and_the_environment_stays_warm(worker):
    failed = worker.invoke({"action": "raise"})
    assert (failed.ok, failed.error_type, failed.error_message) == (False, "ProbeError", "asked to fail")
    assert any("probe.py" in frame for frame in failed.stack_trace)
    assert worker.invoke({"action": "describe"}).cold_start is False


def test_a_handler_exceeding_its_timeout_is_killed_and_the_next_invocation_is_cold(tmp_path):
    with FunctionWorker(probe_spec(timeout_s=1)) as worker:
        first_pid = worker.invoke({"action": "describe"}).result["pid"]
        timed_out = worker.invoke({"action": "sleep", "seconds": 30})
        assert (timed_out.ok, timed_out.error_type) == (False, "Sandbox.Timedout")
        assert timed_out.error_message == "Task timed out after 1.00 seconds"
        assert not worker.alive()
        after = worker.invoke({"action": "describe"})
        assert after.cold_start and after.result["pid"] != first_pid


def test_a_worker_dying_mid_invocation_is_an_error_result_and_is_restarted(worker):
    crashed = worker.invoke({"action": "exit"})
    assert (crashed.ok, crashed.error_type) == (False, "Runtime.ExitError")
    assert "exit status 7" in (crashed.error_message or "")
    assert worker.invoke({"action": "describe"}).cold_start


def test_a_result_that_is_not_json_is_a_marshal_error(worker):
    result = worker.invoke({"action": "unserializable"})
    assert (result.ok, result.error_type) == (False, "Runtime.MarshalError")


def test_an_import_error_fails_init_and_each_invocation_says_why(tmp_path):
    module = tmp_path / "broken.py"
    module.write_text("import module_that_does_not_exist\n")
    with FunctionWorker(probe_spec(module_path=module)) as worker:
        with pytest.raises(FunctionInitError, match=r"Runtime\.ImportModuleError"):
            worker.start()
        result = worker.invoke({})
        assert (result.ok, result.error_type) == (False, "Runtime.ImportModuleError")
        assert "module_that_does_not_exist" in (result.error_message or "")


def test_a_missing_handler_attribute_is_handler_not_found():
    with FunctionWorker(probe_spec(handler="nope")) as worker:
        result = worker.invoke({})
    assert (result.ok, result.error_type) == (False, "Runtime.HandlerNotFound")
