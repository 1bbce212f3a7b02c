"""Schemathesis against the committed OpenAPI document: the real HR API function behind the local gateway.

Every operation of docs/openapi.json gets generated requests (valid and invalid parameters and bodies)
over HTTP on 127.0.0.1 with a valid JWT (auth on), against moto holding a screened application of the
token's tenant. Schemathesis's default checks: no server error, status codes, content types, headers and
bodies as documented, invalid input rejected, auth not ignored. Fixed seed and example budget for CI.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from talent.contracts.topics import Topic
from talent_tools.local.api_gateway import ApiGatewayAdapter
from talent_tools.local.auth import LocalAuthority
from talent_tools.local.invoker import invoke_in_process
from talent_tools.local.kafka_event import build_kafka_event, json_record
from talent_tools.local.template import Template
from tests.factories import sample

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
# A cursor is opaque: a schema-valid string that is not one of ours is a client error (400), which the
# positive-data check must accept like a 404 for an id that does not exist. A schema-violating value long
# enough to push the URL past the gateway's 8,192 characters is refused by the gateway itself (414): a
# rejection, which the negative-data check must count as one.
CONFIG = SchemathesisConfig.from_str(
    """
[checks.positive_data_acceptance]
expected-statuses = ["2xx", "400", "401", "403", "404", "409", "429"]

[checks.negative_data_rejection]
expected-statuses = ["400", "401", "403", "404", "405", "406", "409", "414", "415", "422", "428", "429", "5xx"]
"""
)
schema = schemathesis.openapi.from_path(ROOT / "docs" / "openapi.json", config=CONFIG)
TENANT = "fuzz-tenant"


def _kafka(records: list[Any]) -> dict[str, Any]:
    return build_kafka_event(records, event_source="aws:kafka", event_source_arn="arn:aws:kafka:::cluster/t/1")


@pytest.fixture
def api(function_env, repo_root: Path, broker, tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    functions = Template(repo_root / "template.yaml", {"KafkaBootstrapServers": broker.address}, names=function_env)
    handlers = functions.functions()
    invoke_in_process(handlers["sync_jobs"], _kafka([json_record(Topic.JOBS, sample("job.posted", tenant=TENANT))]))
    application = json_record(Topic.APPLICATIONS, sample("application.submitted.1", tenant=TENANT))
    invoke_in_process(handlers["ingest_application"], _kafka([application]))
    authority = LocalAuthority.from_dir(tmp_path / "jwt")
    token = authority.issue_token("hr-user-1", TENANT, ["recruiter"])

    def invoke(event: dict[str, Any]) -> dict[str, Any]:
        return invoke_in_process(handlers["hr_api"], event, function_name="hr_api")

    with ApiGatewayAdapter(invoke, "dev", authority) as gateway:
        yield gateway.url, {"Authorization": f"Bearer {token}"}


@schema.parametrize()
@settings(
    max_examples=30,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_operation_behaves_as_documented(case: Any, api: tuple[str, dict[str, str]]) -> None:
    base_url, headers = api
    case.call_and_validate(base_url=base_url, headers=headers)
