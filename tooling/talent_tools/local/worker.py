"""One local execution environment: `python -m talent_tools.local.worker --module-path P --handler NAME`.

The parent (talent_tools.local.invoker.FunctionWorker) starts it with the function's environment already
in place, so the handler module sees at import (cold start) what it would see in Lambda. Protocol,
one JSON object per line:

- parent -> worker (stdin): {"request_id", "event", "deadline_ms", "invoked_function_arn"}
- worker -> parent (the fd that was stdout at startup):
  first {"kind": "init", "ok": true, "init_ms"} or {"kind": "init", "ok": false, <error>}, then per
  request {"kind": "invoke", "request_id", "ok": true, "result"} or {..., "ok": false, <error>}
  where <error> is Lambda's {"errorType", "errorMessage", "stackTrace"}.

The function's own prints and logs must never corrupt that channel, so at startup the protocol keeps
private duplicates of fds 0 and 1, fd 1 is pointed at stderr and fd 0 at /dev/null.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from talent_tools.local.lambda_context import LocalLambdaContext

Handler = Callable[[Any, Any], Any]


class HandlerLoadError(Exception):
    """The module could not be imported or has no such handler: Lambda's init errors."""

    def __init__(self, error_type: str, message: str, stack_trace: list[str]) -> None:
        super().__init__(message)
        self.error_type = error_type
        self.stack_trace = stack_trace


def error_payload(exc: BaseException, error_type: str | None = None) -> dict[str, Any]:
    """Lambda's error shape for an exception raised by user code."""
    return {
        "errorType": error_type or type(exc).__name__,
        "errorMessage": str(exc),
        "stackTrace": traceback.format_tb(exc.__traceback__),
    }


def load_handler(module_path: Path, handler_attr: str, module_name: str = "app") -> Handler:
    """Import `module_path` as `module_name` (the folder first on sys.path) and return the handler.

    Error types follow the Lambda Python runtime: ImportError -> Runtime.ImportModuleError, a syntax
    error -> Runtime.UserCodeSyntaxError, a missing attribute -> Runtime.HandlerNotFound; any other
    exception raised at import keeps its own type.
    """
    folder = str(module_path.parent)
    if folder not in sys.path:
        sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location(module_name, module_path)
    if spec is None or spec.loader is None:
        raise HandlerLoadError("Runtime.ImportModuleError", f"Unable to import module from {module_path}", [])
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except ImportError as exc:
        sys.modules.pop(module_name, None)
        raise HandlerLoadError(
            "Runtime.ImportModuleError",
            f"Unable to import module '{module_name}': {exc}",
            traceback.format_tb(exc.__traceback__),
        ) from exc
    except SyntaxError as exc:
        sys.modules.pop(module_name, None)
        raise HandlerLoadError(
            "Runtime.UserCodeSyntaxError", f"Syntax error in module '{module_name}': {exc}", []
        ) from exc
    except Exception as exc:
        sys.modules.pop(module_name, None)
        raise HandlerLoadError(type(exc).__name__, str(exc), traceback.format_tb(exc.__traceback__)) from exc
    handler = getattr(module, handler_attr, None)
    if not callable(handler):
        raise HandlerLoadError(
            "Runtime.HandlerNotFound", f"Handler '{handler_attr}' missing on module '{module_name}'", []
        )
    return handler


def _private_channels() -> tuple[BinaryIO, BinaryIO]:
    """Requests and responses on private fds; fd 1 -> stderr and fd 0 -> /dev/null for user code."""
    sys.stdout.flush()
    requests = os.fdopen(os.dup(0), "rb")
    responses = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    # Logs reach the developer line by line, as CloudWatch shows them, even though fd 1 is a pipe.
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    return requests, responses


def _send(channel: BinaryIO, message: dict[str, Any]) -> None:
    channel.write(json.dumps(message, separators=(",", ":")).encode() + b"\n")
    channel.flush()


def _invoke(handler: Handler, request: dict[str, Any]) -> dict[str, Any]:
    context = LocalLambdaContext.from_environment(
        invoked_function_arn=request["invoked_function_arn"],
        deadline_ms=int(request["deadline_ms"]),
        request_id=request["request_id"],
    )
    reply: dict[str, Any] = {"kind": "invoke", "request_id": request["request_id"]}
    try:
        result = handler(request["event"], context)
    except Exception as exc:  # noqa: BLE001 - the runtime's job: every handler error goes back to the caller
        return {**reply, "ok": False, **error_payload(exc)}
    try:
        json.dumps(result)
    except (TypeError, ValueError) as exc:
        return {**reply, "ok": False, **error_payload(exc, "Runtime.MarshalError")}
    return {**reply, "ok": True, "result": result}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m talent_tools.local.worker")
    parser.add_argument("--module-path", type=Path, required=True)
    parser.add_argument("--handler", required=True)
    args = parser.parse_args(argv)

    requests, responses = _private_channels()
    started = time.monotonic()
    try:
        handler = load_handler(args.module_path, args.handler)
    except HandlerLoadError as exc:
        traceback.print_exc()  # to stderr: the developer's log, like CloudWatch's init error
        _send(
            responses,
            {
                "kind": "init",
                "ok": False,
                "errorType": exc.error_type,
                "errorMessage": str(exc),
                "stackTrace": exc.stack_trace,
            },
        )
        return 1
    _send(responses, {"kind": "init", "ok": True, "init_ms": (time.monotonic() - started) * 1000})

    for line in requests:  # EOF: the parent closed stdin or died; the environment shuts down
        _send(responses, _invoke(handler, json.loads(line)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
