"""Invoke a function in its own worker process, like a Lambda execution environment.

`FunctionWorker` is the parent side of talent_tools.local.worker: it enforces the function's Timeout by
killing the worker ("Task timed out after N seconds"), turns a worker that dies mid-invocation into an
error result (Runtime.ExitError) and starts a fresh one (a cold start) on the next invoke.
The bytes between the two go through talent_tools.local.worker_channel.
The in-process variant lives in talent_tools.local.in_process and is re-exported here.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import IO, Any

from talent_tools.local.function_env import function_arn, new_log_stream_name, runtime_environment
from talent_tools.local.in_process import invoke_in_process
from talent_tools.local.invocation import FunctionError, FunctionInitError, Invocable, InvocationResult
from talent_tools.local.lambda_context import deadline_after
from talent_tools.local.template_specs import FunctionSpec
from talent_tools.local.worker_channel import DeadlineExceeded, WorkerChannel, WorkerGone, exit_description

__all__ = [
    "FunctionError",
    "FunctionInitError",
    "FunctionWorker",
    "Invocable",
    "InvocationResult",
    "invoke_in_process",
]


class FunctionWorker:
    """A function in its own process; one invocation at a time, like one execution environment."""

    def __init__(
        self,
        spec: FunctionSpec,
        *,
        function_name: str | None = None,
        log_path: Path | None = None,
        init_timeout_s: float = 30.0,  # Lambda allows 10 s; a loaded dev machine should not fail init
        python: str = sys.executable,
    ) -> None:
        self.spec = spec
        self.function_name = function_name or spec.logical_id
        self._log_path = log_path
        self._init_timeout_s = init_timeout_s
        self._python = python
        self._lock = threading.Lock()
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self._channel: WorkerChannel | None = None
        self._invoked_since_start = False
        self._init_duration_ms: float | None = None

    # ------------------------------------------------------------ lifecycle
    @property
    def function_arn(self) -> str:
        return function_arn(self.function_name)

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    @property
    def busy(self) -> bool:
        """An invocation (or the init before it) is in flight."""
        return self._lock.locked()

    def start(self) -> None:
        """Start the worker and wait for its init (the module import); no-op when already running.

        Raises FunctionInitError when the import fails; the worker is then gone and the next
        start()/invoke() tries again, as Lambda re-runs a failed init on the next invocation.
        """
        with self._lock:
            self._start_locked()

    def kill(self) -> None:
        """SIGKILL the worker (safe from another thread while an invocation is in flight)."""
        proc = self._proc
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()

    def restart(self) -> None:
        self.kill()
        with self._lock:
            self._discard_locked()
            self._start_locked()

    def close(self) -> None:
        self.kill()
        with self._lock:
            self._discard_locked()

    def __enter__(self) -> FunctionWorker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start_locked(self) -> None:
        if self.alive():
            return
        self._discard_locked()
        env = runtime_environment(self.spec, function_name=self.function_name, log_stream_name=new_log_stream_name())
        if self._log_path is not None:
            self._log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log = self._log_path.open("ab")
        argv = [
            self._python,
            "-m",
            "talent_tools.local.worker",
            "--module-path",
            str(self.spec.module_path.resolve()),
            "--handler",
            self.spec.handler_attr,
        ]
        started = time.monotonic()
        self._proc = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            argv,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,  # None: the function's logs go to our stderr, like `sam local`
            env=env,
            cwd=self.spec.module_path.parent,  # the task root is the working directory in Lambda
        )
        self._channel = WorkerChannel(self._proc)
        self._invoked_since_start = False
        try:
            message = self._open_channel().read(started + self._init_timeout_s)
        except DeadlineExceeded:
            self.kill()
            self._discard_locked()
            raise FunctionInitError(
                self._failure("", "Runtime.InitTimeout", f"Init did not finish in {self._init_timeout_s} s")
            ) from None
        except WorkerGone:
            code = self._proc.wait()
            self._discard_locked()
            raise FunctionInitError(
                self._failure("", "Runtime.ExitError", f"Runtime exited during init: {exit_description(code)}")
            ) from None
        if not message.get("ok"):
            self.kill()
            self._discard_locked()
            raise FunctionInitError(
                InvocationResult(
                    request_id="",
                    ok=False,
                    error_type=str(message.get("errorType")),
                    error_message=str(message.get("errorMessage")),
                    stack_trace=tuple(message.get("stackTrace") or ()),
                )
            )
        self._init_duration_ms = float(message["init_ms"])

    def _discard_locked(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            for stream in (proc.stdin, proc.stdout):
                if stream is not None:
                    with contextlib.suppress(BrokenPipeError):  # the worker is gone; nothing to flush
                        stream.close()
        if self._log is not None:
            self._log.close()
            self._log = None
        self._channel = None

    # ----------------------------------------------------------- invocation
    def invoke(self, event: dict[str, Any], timeout_s: float | None = None) -> InvocationResult:
        """Run the handler on `event`; never raises for function failures, returns them as results."""
        timeout = float(self.spec.timeout_s if timeout_s is None else timeout_s)
        request_id = str(uuid.uuid4())
        with self._lock:
            try:
                self._start_locked()
            except FunctionInitError as exc:
                return InvocationResult(
                    request_id=request_id,
                    ok=False,
                    error_type=exc.result.error_type,
                    error_message=exc.result.error_message,
                    stack_trace=exc.result.stack_trace,
                    cold_start=True,
                )
            cold = not self._invoked_since_start
            self._invoked_since_start = True
            started = time.monotonic()
            request = {
                "request_id": request_id,
                "event": event,
                "deadline_ms": deadline_after(timeout),
                "invoked_function_arn": self.function_arn,
            }
            try:
                channel = self._open_channel()
                channel.send(request)
                message = channel.read(started + timeout)
            except DeadlineExceeded:
                self.kill()
                self._discard_locked()
                return self._failure(
                    request_id, "Sandbox.Timedout", f"Task timed out after {timeout:.2f} seconds", started, cold
                )
            except WorkerGone:
                code = self._proc.wait() if self._proc is not None else None
                self._discard_locked()
                return self._failure(
                    request_id,
                    "Runtime.ExitError",
                    f"RequestId: {request_id} Error: Runtime exited with error: {exit_description(code)}",
                    started,
                    cold,
                )
            duration_ms = (time.monotonic() - started) * 1000
            init_ms = self._init_duration_ms if cold else None
            if message.get("ok"):
                return InvocationResult(
                    request_id=request_id,
                    ok=True,
                    result=message.get("result"),
                    duration_ms=duration_ms,
                    cold_start=cold,
                    init_duration_ms=init_ms,
                )
            return InvocationResult(
                request_id=request_id,
                ok=False,
                error_type=str(message.get("errorType")),
                error_message=str(message.get("errorMessage")),
                stack_trace=tuple(message.get("stackTrace") or ()),
                duration_ms=duration_ms,
                cold_start=cold,
                init_duration_ms=init_ms,
            )

    def _failure(
        self,
        request_id: str,
        error_type: str,
        message: str,
        started: float | None = None,
        cold: bool = False,
    ) -> InvocationResult:
        duration = 0.0 if started is None else (time.monotonic() - started) * 1000
        return InvocationResult(
            request_id=request_id,
            ok=False,
            error_type=error_type,
            error_message=message,
            duration_ms=duration,
            cold_start=cold,
        )

    # -------------------------------------------------------------- channel
    def _open_channel(self) -> WorkerChannel:
        if self._channel is None:
            raise WorkerGone
        return self._channel
