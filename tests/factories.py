"""Build valid events for tests from the committed samples in events/ats, with overrides."""

from __future__ import annotations

import base64
import copy
import json
from pathlib import Path
from typing import Any

from talent.contracts.registry import parse_event

SAMPLES = Path(__file__).resolve().parent.parent / "events" / "ats"


def sample(name: str, *, tenant: str | None = None, event_id: str | None = None, **data: Any) -> dict[str, Any]:
    """The JSON of events/ats/<name>.json with the envelope's tenant/id and data fields replaced."""
    doc: dict[str, Any] = copy.deepcopy(json.loads((SAMPLES / f"{name}.json").read_text()))
    if tenant is not None:
        doc["tenant"] = tenant
    if event_id is not None:
        doc["id"] = event_id
    doc["data"].update(data)
    return doc


def event(name: str, **overrides: Any) -> Any:
    """Typed Any on purpose: tests pass it to functions that take one concrete event type."""
    return parse_event(sample(name, **overrides))


def inline_resume(content: bytes, content_type: str = "text/plain") -> dict[str, Any]:
    return {
        "content_type": content_type,
        "filename": "resume.txt",
        "location": {"kind": "inline", "content_base64": base64.b64encode(content).decode()},
    }


def lambda_context(function_name: str, memory_mb: int = 1024, seconds_left: float = 60) -> Any:
    """The context Lambda hands a handler, for `function_name` with `seconds_left` of its timeout (typed Any:
    handlers take Powertools' LambdaContext, which the local one matches)."""
    from talent_tools.local.lambda_context import LocalLambdaContext, deadline_after

    return LocalLambdaContext(
        function_name=function_name,
        function_version="$LATEST",
        invoked_function_arn=f"arn:aws:lambda:us-east-1:123456789012:function:{function_name}",
        memory_limit_in_mb=memory_mb,
        aws_request_id="req-1",
        log_group_name=f"/aws/lambda/{function_name}",
        log_stream_name="local",
        deadline_ms=deadline_after(seconds_left),
    )


# The HR page's sign-in settings as the template writes them for Cognito's hosted UI (talent.api.sign_in).
COGNITO_HOSTED_UI = "https://talent-hr-dev-1.auth.eu-west-1.amazoncognito.com"
COGNITO_SIGN_IN = {
    "authorize_url": f"{COGNITO_HOSTED_UI}/oauth2/authorize",
    "token_url": f"{COGNITO_HOSTED_UI}/oauth2/token",
    "logout_url": f"{COGNITO_HOSTED_UI}/logout",
    "client_id": "abc1",
}
