"""The HR API function's own time per shortlist request, with the store's time apart (issue 18: ≤ 10 ms p99).

Called by bench/hr_api_load.py on the stack it seeded. The hr_api handler runs in this process with the
function's environment, as one warm execution environment would; every call the AWS SDK makes goes through
botocore's `Endpoint.make_request`, which is timed, so each request splits into the store's time (the round
trips: HTTP to moto, moto's work, reading the answer) and the function's own (routing, validation, our code,
the SDK's request building and response parsing, the JSON answer and its log line).
"""

from __future__ import annotations

import contextlib
import os
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sdk_requests import observed


class StoreClock:
    """Seconds spent inside the SDK's HTTP requests since the last reset."""

    def __init__(self) -> None:
        self.seconds = 0.0

    @contextlib.contextmanager
    def installed(self) -> Iterator[StoreClock]:
        def add(_model: Any, _request: dict[str, Any], seconds: float) -> None:
            self.seconds += seconds

        with observed(add):
            yield self


def function_time(session: Any, tenant: str, job_id: str, repeat: int = 300) -> list[str]:
    from hr_api_load import percentile  # the load test's own, so both tables read the same way

    from talent.config import settings
    from talent.runtime import wiring
    from talent_tools.local.api_event import HttpRequest, build_proxy_event
    from talent_tools.local.function_env import function_arn, runtime_environment
    from talent_tools.local.in_process import function_environment
    from talent_tools.local.lambda_context import LocalLambdaContext, deadline_after
    from talent_tools.local.worker import load_handler

    spec = session.stack.template.functions()["hr_api"]
    stage = session.stack.template.api().stage
    env = {**runtime_environment(spec, function_name="hr_api"), **session.stack.function_env("hr_api")}
    request = HttpRequest(
        method="GET", target=f"/{stage}/jobs/{job_id}/shortlist?limit=20", headers=[("accept", "*/*")], body=b""
    )
    claims = {"custom:tenant_id": tenant, "sub": "hr-bench", "cognito:groups": "recruiter"}
    totals, stores = [], []
    clock = StoreClock()
    with (
        Path(os.devnull).open("w") as quiet,
        contextlib.redirect_stdout(quiet),  # the function's log lines, one per request
        function_environment(env),
        clock.installed(),
    ):
        settings.cache_clear()
        wiring.reset()
        handler = load_handler(spec.module_path.resolve(), spec.handler_attr)
        for i in range(repeat + 20):  # the first 20 warm the environment
            event = build_proxy_event(request, stage=stage, claims=claims)
            context = LocalLambdaContext.from_environment(
                invoked_function_arn=function_arn("hr_api"), deadline_ms=deadline_after(float(spec.timeout_s))
            )
            clock.seconds = 0.0
            started = time.perf_counter()
            result = handler(event, context)
            elapsed = time.perf_counter() - started
            if result["statusCode"] != 200:
                raise RuntimeError(f"the shortlist answered {result['statusCode']}: {result.get('body', '')[:200]}")
            if i >= 20:
                totals.append(1000 * elapsed)
                stores.append(1000 * clock.seconds)
        settings.cache_clear()
        wiring.reset()
    sys.modules.pop("app", None)
    own = [t - s for t, s in zip(totals, stores, strict=True)]
    row = "| {} | {:.1f} | {:.1f} | {:.1f} |"
    return [
        "",
        f"the HR function's own time per shortlist request, store apart ({repeat} warm requests in one "
        "environment, in-process; ms):",
        "| part | p50 | p95 | p99 |",
        "|---|---:|---:|---:|",
        *(
            row.format(name, statistics.median(v), percentile(v, 0.95), percentile(v, 0.99))
            for name, v in (("whole request", totals), ("store (SDK HTTP round trips)", stores), ("function", own))
        ),
        f"goal: function p99 ≤ 10 ms: {'met' if percentile(own, 0.99) <= 10 else 'MISSED'}",
    ]
