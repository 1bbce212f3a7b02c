"""The context object a local invocation hands to a handler, built the way the Lambda runtime does.

The Python runtime reads the function's name, version, memory and log names from the reserved
environment variables of the execution environment, and the request id, ARN and deadline from each
invocation; Powertools' Logger, Metrics and BatchProcessor read exactly these attributes.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass
class LocalLambdaContext:
    function_name: str
    function_version: str
    invoked_function_arn: str
    memory_limit_in_mb: int
    aws_request_id: str
    log_group_name: str
    log_stream_name: str
    deadline_ms: int  # epoch milliseconds, as the Runtime API's Lambda-Runtime-Deadline-Ms
    identity: object | None = None
    client_context: object | None = None
    tenant_id: str | None = None

    def get_remaining_time_in_millis(self) -> int:
        return max(0, self.deadline_ms - int(time.time() * 1000))

    @classmethod
    def from_environment(
        cls,
        *,
        invoked_function_arn: str,
        deadline_ms: int,
        request_id: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> LocalLambdaContext:
        """The context inside an execution environment whose env holds Lambda's reserved variables."""
        source = os.environ if env is None else env
        return cls(
            function_name=source["AWS_LAMBDA_FUNCTION_NAME"],
            function_version=source.get("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
            invoked_function_arn=invoked_function_arn,
            memory_limit_in_mb=int(source["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"]),
            aws_request_id=request_id or str(uuid.uuid4()),
            log_group_name=source["AWS_LAMBDA_LOG_GROUP_NAME"],
            log_stream_name=source["AWS_LAMBDA_LOG_STREAM_NAME"],
            deadline_ms=deadline_ms,
        )


def deadline_after(timeout_s: float, start_epoch_s: float | None = None) -> int:
    """Epoch ms at which an invocation started at `start_epoch_s` (default: now) times out."""
    start = time.time() if start_epoch_s is None else start_epoch_s
    return int((start + timeout_s) * 1000)
