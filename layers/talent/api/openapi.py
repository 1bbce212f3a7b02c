"""The HR API's OpenAPI document, generated from the routes and models (committed as docs/openapi.json)."""

from __future__ import annotations

import json
from pathlib import Path

from aws_lambda_powertools.event_handler.openapi.models import HTTPBearer

from talent import __version__
from talent.api.app import app

OPENAPI_PATH = Path("docs") / "openapi.json"


def openapi_document() -> str:
    raw = app.get_openapi_json_schema(
        title="Talent screening HR API",
        version=__version__,
        description=(
            "Jobs, applicants (blind by default) and audit trails for HR. Every request needs a JWT from the "
            "deployment's Cognito user pool; the tenant comes from its `custom:tenant_id` claim, "
            "never from the request."
        ),
        security_schemes={"hrJwt": HTTPBearer(bearerFormat="JWT")},
        security=[{"hrJwt": []}],
    )
    return json.dumps(json.loads(raw), indent=2, sort_keys=True) + "\n"


def write_openapi(path: Path = OPENAPI_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(openapi_document(), encoding="utf-8")
    return path
