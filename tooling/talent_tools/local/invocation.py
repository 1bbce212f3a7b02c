"""What a local invocation returns, and the errors that carry Lambda's error fields."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class InvocationResult:
    request_id: str
    ok: bool
    result: Any = None
    error_type: str | None = None
    error_message: str | None = None
    stack_trace: tuple[str, ...] = ()
    duration_ms: float = 0.0
    cold_start: bool = False
    init_duration_ms: float | None = None

    def error(self) -> dict[str, Any]:
        """Lambda's error response body."""
        return {
            "errorType": self.error_type,
            "errorMessage": self.error_message,
            "stackTrace": list(self.stack_trace),
        }


class Invocable(Protocol):
    """What an event source mapping runner needs from a function."""

    @property
    def function_arn(self) -> str: ...

    def invoke(self, event: dict[str, Any], timeout_s: float | None = None) -> InvocationResult: ...


class FunctionInitError(RuntimeError):
    """The handler module failed to import (or the worker died or hung) during init."""

    def __init__(self, result: InvocationResult) -> None:
        super().__init__(f"{result.error_type}: {result.error_message}")
        self.result = result


class FunctionError(RuntimeError):
    """The handler raised (in-process invocation); carries Lambda's error fields."""

    def __init__(self, error_type: str, error_message: str, stack_trace: list[str]) -> None:
        super().__init__(f"{error_type}: {error_message}")
        self.error_type = error_type
        self.error_message = error_message
        self.stack_trace = stack_trace
