"""The environment of a local execution environment: what a deployed function would see.

A deployed function sees its template Environment plus Lambda's reserved variables, not the
developer's shell; locally it also needs the few host variables that let it run at all (PATH, the
fake or real AWS credentials, the local endpoint). Everything else from the host is left out so a
function cannot silently depend on it.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Mapping

from talent_tools.local.template_specs import FunctionSpec

ACCOUNT_ID = "123456789012"  # the template's local AWS::AccountId
DEFAULT_REGION = "us-east-1"

_INHERITED = frozenset(
    {
        "PATH",
        "HOME",
        "LANG",
        "LC_ALL",
        "TMPDIR",
        "PYTHONPATH",
        "VIRTUAL_ENV",
        "AWS_ACCESS_KEY_ID",
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_PROFILE",
        "AWS_CONFIG_FILE",
        "AWS_SHARED_CREDENTIALS_FILE",
        "AWS_ENDPOINT_URL",
        "HF_HUB_OFFLINE",
        "MLFLOW_DISABLE_TELEMETRY",
    }
)
# Service-specific endpoints (AWS_ENDPOINT_URL_DYNAMODB...) and Powertools switches set for local runs.
_INHERITED_PREFIXES = ("AWS_ENDPOINT_URL_", "POWERTOOLS_")


def region(env: Mapping[str, str] | None = None) -> str:
    source = os.environ if env is None else env
    return source.get("AWS_REGION") or source.get("AWS_DEFAULT_REGION") or DEFAULT_REGION


def function_arn(function_name: str, aws_region: str | None = None) -> str:
    return f"arn:aws:lambda:{aws_region or region()}:{ACCOUNT_ID}:function:{function_name}"


def new_log_stream_name() -> str:
    """One log stream per execution environment, named like Lambda's."""
    return time.strftime("%Y/%m/%d", time.gmtime()) + f"/[$LATEST]{uuid.uuid4().hex}"


def runtime_environment(
    spec: FunctionSpec,
    *,
    function_name: str,
    inherited: Mapping[str, str] | None = None,
    log_stream_name: str | None = None,
) -> dict[str, str]:
    """Host basics < the function's template Environment < Lambda's reserved variables."""
    host = os.environ if inherited is None else inherited
    env = {k: v for k, v in host.items() if k in _INHERITED or k.startswith(_INHERITED_PREFIXES)}
    env.update(spec.environment)
    aws_region = region(host)
    env.update(
        {
            "AWS_REGION": aws_region,
            "AWS_DEFAULT_REGION": aws_region,
            "AWS_LAMBDA_FUNCTION_NAME": function_name,
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(spec.memory_mb),
            "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/{function_name}",
            "AWS_LAMBDA_LOG_STREAM_NAME": log_stream_name or new_log_stream_name(),
            "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
            "LAMBDA_TASK_ROOT": str(spec.module_path.parent),
            "_HANDLER": f"app.{spec.handler_attr}",  # the file is always imported as module `app`
            "TZ": ":UTC",
            # What `sam local` sets: Powertools' Tracer then stays off instead of looking for X-Ray.
            "AWS_SAM_LOCAL": "true",
        }
    )
    return env
