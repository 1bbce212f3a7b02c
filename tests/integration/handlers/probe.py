"""A test double of a function that reports on its execution environment, or misbehaves on request.

event["action"]: "describe" (environment, context, pid), "print" (writes to stdout and stderr),
"raise", "exit", "sleep", "unserializable".
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

IMPORTED_AT = time.time()
INVOCATIONS = 0


class ProbeError(RuntimeError):
    pass


def handler(event: dict[str, Any], context: Any) -> Any:
    global INVOCATIONS  # module state is what a warm start keeps
    INVOCATIONS += 1
    action = event.get("action")
    if action == "print":
        print("hello from the function's stdout")
        print("hello from the function's stderr", file=sys.stderr)
        return {"printed": True}
    if action == "raise":
        raise ProbeError("asked to fail")
    if action == "exit":
        os._exit(7)
    if action == "sleep":
        time.sleep(float(event["seconds"]))
        return {"slept": True}
    if action == "unserializable":
        return {"when": object()}
    return {
        "pid": os.getpid(),
        "cwd": str(Path.cwd()),
        "invocations": INVOCATIONS,
        "imported_at": IMPORTED_AT,
        "env": {k: os.environ.get(k) for k in event.get("env", [])},
        "context": {
            "function_name": context.function_name,
            "function_version": context.function_version,
            "invoked_function_arn": context.invoked_function_arn,
            "memory_limit_in_mb": context.memory_limit_in_mb,
            "aws_request_id": context.aws_request_id,
            "log_group_name": context.log_group_name,
            "log_stream_name": context.log_stream_name,
            "remaining_ms": context.get_remaining_time_in_millis(),
        },
    }
