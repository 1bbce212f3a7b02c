"""Invoke a handler once inside this process: for `talent invoke`, debugging and handler tests."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import uuid
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import boto3

from talent_tools.local.function_env import function_arn, runtime_environment
from talent_tools.local.invocation import FunctionError, FunctionInitError, InvocationResult
from talent_tools.local.lambda_context import LocalLambdaContext, deadline_after
from talent_tools.local.template_specs import FunctionSpec
from talent_tools.local.tenant_keys import ensure_local_secrets, signers
from talent_tools.local.worker import HandlerLoadError, error_payload, load_handler


@contextlib.contextmanager
def function_environment(env: dict[str, str]) -> Iterator[None]:
    """`env` applied to this process for the block, the process's own restored after."""
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _ensure_local_secrets(spec: FunctionSpec, event: dict[str, Any]) -> None:
    """Give the local endpoint the secrets the function reads: the tombstone key, and the local signing key of
    every tenant this event's records are signed as (what onboarding a tenant does in AWS). Only ever on a
    127.0.0.1 endpoint: local keys are public and must never reach a real account."""
    endpoint = os.environ.get("AWS_ENDPOINT_URL", "")
    if urlsplit(endpoint).hostname not in {"127.0.0.1", "localhost"}:
        return
    if not {"SIGNING_KEYS_PATH", "TOMBSTONE_KEY_PARAMETER"} <= spec.environment.keys():
        return
    ensure_local_secrets(boto3.client("ssm"), spec.environment, signers(event))


def invoke_in_process(
    spec: FunctionSpec,
    event: dict[str, Any],
    *,
    function_name: str | None = None,
    timeout_s: float | None = None,
) -> Any:
    """Import the handler module fresh with the function's environment applied, call it once.

    For `talent invoke` and debugging: same environment, module name and context as the worker, but
    no process isolation and no timeout enforcement (the context still reports the remaining time).
    Returns the JSON round-tripped result; raises FunctionInitError / FunctionError on failure.
    """
    name = function_name or spec.logical_id
    # Layered on top of our own environment (restored afterwards): the host keeps everything else.
    env = runtime_environment(spec, function_name=name)
    saved_module = sys.modules.pop("app", None)
    saved_path = list(sys.path)
    request_id = str(uuid.uuid4())
    try:
        with function_environment(env):
            _ensure_local_secrets(spec, event)
            try:
                handler = load_handler(spec.module_path.resolve(), spec.handler_attr)
            except HandlerLoadError as exc:
                raise FunctionInitError(
                    InvocationResult(
                        request_id=request_id,
                        ok=False,
                        error_type=exc.error_type,
                        error_message=str(exc),
                        stack_trace=tuple(exc.stack_trace),
                    )
                ) from exc
            context = LocalLambdaContext.from_environment(
                invoked_function_arn=function_arn(name),
                deadline_ms=deadline_after(float(spec.timeout_s if timeout_s is None else timeout_s)),
                request_id=request_id,
            )
            payload = json.loads(json.dumps(event))  # the handler gets what Lambda would deserialize
            try:
                result = handler(payload, context)
            except Exception as exc:
                error = error_payload(exc)
                raise FunctionError(error["errorType"], error["errorMessage"], error["stackTrace"]) from exc
            try:
                return json.loads(json.dumps(result))
            except (TypeError, ValueError) as exc:
                raise FunctionError("Runtime.MarshalError", str(exc), []) from exc
    finally:
        sys.modules.pop("app", None)
        if saved_module is not None:
            sys.modules["app"] = saved_module
        sys.path[:] = saved_path
