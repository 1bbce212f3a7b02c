"""Hostile input to the real HR API function behind the local gateway: forged page cursors and deeply nested
JSON bodies are client errors (400 with a message), never a 5xx; an error the API did not expect is a 500
that names a correlation id, and the function's own log holds that id with the error's type.

Beside test_api_schemathesis.py: schemathesis generates schema-shaped input, these generate the shapes
an attacker writes by hand (well-formed cursors with the wrong keys, another partition's key, bodies
nested 100,000 levels deep).
"""

from __future__ import annotations

import base64
import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talent.adapters.dynamodb_store import DynamoStore
from talent.domain.models import Application, ApplicationStatus, Job, JobStatus
from talent_tools.local.api_gateway import ApiGatewayAdapter
from talent_tools.local.auth import LocalAuthority
from talent_tools.local.invoker import invoke_in_process
from talent_tools.local.template import Template

pytestmark = pytest.mark.integration
TENANT = "hostile-tenant"
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
HYPOTHESIS = settings(
    max_examples=40,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


class Api:
    def __init__(self, url: str, token: str) -> None:
        self.url = url
        self.token = token

    def call(self, path: str, method: str = "GET", body: bytes | None = None) -> tuple[int, dict[str, str], Any]:
        request = urllib.request.Request(self.url + path, data=body, method=method)
        request.add_header("Authorization", f"Bearer {self.token}")
        if body is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, dict(response.headers), json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            with error:
                return error.code, dict(error.headers), json.loads(error.read() or b"null")


@pytest.fixture
def api(function_env, repo_root: Path, broker, tmp_path: Path) -> Iterator[Api]:
    # Given a tenant with one job and one application, written straight to the store (no screening needed)
    store = DynamoStore(function_env.refs["TalentTable"])
    store.put_job_if_newer(
        Job(tenant=TENANT, job_id="job-data-eng-1", version=1, status=JobStatus.OPEN, title="t", description="d",
            updated_at=NOW)
    )  # fmt: skip
    store.put_application_if_absent(
        Application(tenant=TENANT, application_id="app-1001", candidate_id="cand-1", job_id="job-data-eng-1",
                    submitted_at=NOW, status=ApplicationStatus.RECEIVED)
    )  # fmt: skip
    functions = Template(repo_root / "template.yaml", {"KafkaBootstrapServers": broker.address}, names=function_env)
    hr_api = functions.functions()["hr_api"]
    authority = LocalAuthority.from_dir(tmp_path / "jwt")
    token = authority.issue_token("hr-user-1", TENANT, ["recruiter"])

    def invoke(event: dict[str, Any]) -> dict[str, Any]:
        return invoke_in_process(hr_api, event, function_name="hr_api")

    with ApiGatewayAdapter(invoke, "dev", authority) as gateway:
        yield Api(gateway.url, token)


def _cursor(value: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).decode()


def _deep(levels: int, opener: str = "[", closer: str = "]") -> bytes:
    return (opener * levels + closer * levels).encode()


def test_a_well_formed_cursor_with_foreign_keys_is_a_400(api: Api) -> None:
    # Given the probe's cursor: valid base64 of a JSON object, but not a key of ours
    cursor = urllib.parse.quote("eyJmb28iOiJiYXIifQ==")

    # When HR lists jobs with it
    status, _, body = api.call(f"/jobs?cursor={cursor}")

    # Then it is a client error that says what is wrong
    assert (status, body) == (400, {"message": "invalid page cursor"})


def test_a_cursor_of_another_tenants_partition_is_a_400(api: Api) -> None:
    # Given a cursor with exactly our key names, pointing into another tenant's index partition
    cursor = _cursor({"PK": "x", "SK": "JOB", "GSI1PK": "TENANT#other#JOBS", "GSI1SK": "JOB#job-1"})

    # When / Then
    assert api.call(f"/jobs?cursor={urllib.parse.quote(cursor)}")[:1] == (400,)
    assert api.call(f"/jobs/job-data-eng-1/shortlist?cursor={urllib.parse.quote(cursor)}")[:1] == (400,)


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
_hostile_cursors = st.one_of(
    st.dictionaries(st.text(max_size=12), _json_values, max_size=5).map(_cursor),
    _json_values.map(_cursor),
    st.text(max_size=200),
    st.binary(max_size=150).map(lambda b: base64.urlsafe_b64encode(b).decode()),
)


@HYPOTHESIS
@given(cursor=_hostile_cursors)
def test_no_cursor_a_client_can_write_causes_a_server_error(api: Api, cursor: str) -> None:
    for path in ("/jobs", "/jobs/job-data-eng-1/shortlist"):
        status, _, _ = api.call(f"{path}?cursor={urllib.parse.quote(cursor, safe='')}")
        assert status in (200, 400, 422), (path, cursor, status)


@pytest.mark.parametrize(("opener", "closer"), [("[", "]"), ('{"a":', "}")])
def test_a_decision_nested_100000_levels_deep_is_a_400(api: Api, opener: str, closer: str) -> None:
    # Given a decision body nested 100,000 levels deep (fits well under the 10 MB payload limit)
    body = _deep(100_000, opener, closer)
    if opener != "[":
        body = (opener * 100_000 + "1" + closer * 100_000).encode()

    # When HR posts it
    status, _, answer = api.call("/applications/app-1001/decisions", method="POST", body=body)

    # Then it is refused as a client error, with a message
    assert status == 400
    assert "nested" in answer["message"]


@HYPOTHESIS
@given(levels=st.integers(min_value=1, max_value=5_000))
def test_no_nesting_depth_causes_a_server_error(api: Api, levels: int) -> None:
    status, _, _ = api.call("/applications/app-1001/decisions", method="POST", body=_deep(levels))
    assert status in (400, 422), (levels, status)


def queries_over(store: Any) -> Any:
    """The HR routes' service with every port played by `store`."""
    from talent.domain.hr_queries import HrQueries, HrQueryPorts

    return HrQueries(HrQueryPorts(store, store, store, store, store, store))


def test_an_unexpected_error_is_a_500_with_a_correlation_id_that_the_log_holds(
    api: Api, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Given a store that fails in a way the API does not expect (a bug, not a client error)
    from talent.runtime import wiring

    detail = "-".join(["internal", "detail"])  # built at run time: the traceback's source lines never hold it

    class Broken:
        def list_jobs(self, *_: Any) -> Any:
            raise KeyError(detail)

    monkeypatch.setattr(wiring, "hr_queries", lambda: queries_over(Broken()))

    # When HR lists jobs
    status, headers, body = api.call("/jobs")

    # Then the answer is a 500 naming a correlation id, and nothing of the error's text
    assert status == 500
    correlation_id = body["correlation_id"]
    assert correlation_id and headers["x-correlation-id"] == correlation_id
    assert detail not in json.dumps(body)
    # And the function logged the failure with that id and the error's type (not its text), as its
    # Powertools logger writes the line (the formatter holds the request's correlation id)
    (record,) = [r for r in caplog.records if r.getMessage() == "unhandled error"]
    (handler,) = logging.getLogger("talent").handlers
    entry = json.loads(handler.format(record))
    assert (entry["correlation_id"], entry["error_type"], entry["level"]) == (correlation_id, "KeyError", "ERROR")
    assert detail not in json.dumps(entry)


def test_a_percent_encoded_id_is_decoded_once_as_api_gateway_decodes_path_parameters(api: Api) -> None:
    # When the probe's encoded id is requested, and the same id encoded twice
    status, _, job = api.call("/jobs/job%2Ddata%2Deng%2D1")
    twice, _, _ = api.call("/jobs/job%252Ddata%252Deng%252D1")

    # Then the first is the job; the second names the id "job%2Ddata..." which does not exist
    assert (status, job["job_id"]) == (200, "job-data-eng-1")
    assert twice == 404


def test_an_encoded_slash_in_an_id_stays_in_the_id(api: Api) -> None:
    # %2F is decoded after routing: it cannot turn /jobs/{id} into /jobs/{id}/applications
    status, _, _ = api.call("/jobs/job-data-eng-1%2Fapplications")

    assert status == 404


def test_a_busy_store_is_a_503_that_names_the_correlation_id_it_was_logged_under(
    api: Api, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # Given a store that throttles
    from talent.domain.errors import TransientStoreError
    from talent.runtime import wiring

    class Throttled:
        def list_jobs(self, *_: Any) -> Any:
            raise TransientStoreError("query GSI1: ThrottlingException")

    monkeypatch.setattr(wiring, "hr_queries", lambda: queries_over(Throttled()))

    # When HR lists jobs
    status, headers, body = api.call("/jobs")

    # Then it is a 503 to retry, naming the id of the function's log line about it
    assert (status, headers["Retry-After"]) == (503, "1")
    assert body["correlation_id"] == headers["x-correlation-id"]
    (record,) = [r for r in caplog.records if r.getMessage() == "store busy"]
    (handler,) = logging.getLogger("talent").handlers
    assert json.loads(handler.format(record))["correlation_id"] == body["correlation_id"]


@pytest.mark.parametrize(
    "content_type",
    ["multipart/form-data", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "text/plain"],
)
def test_a_body_that_is_not_json_is_a_415(api: Api, content_type: str) -> None:
    # Given a decision sent with another Content-Type (a multipart one without a boundary made Powertools
    # raise a bare ValueError)
    request = urllib.request.Request(
        f"{api.url}/applications/app-1001/decisions", data=b'{"to_stage": "rejected"}', method="POST"
    )
    request.add_header("Authorization", f"Bearer {api.token}")
    request.add_header("Content-Type", content_type)

    # When / Then
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 415


def test_a_json_body_that_is_not_utf8_is_a_client_error(api: Api) -> None:
    # The gateway hands the function such a body base64-encoded; decoding it raised a bare UnicodeDecodeError
    status, _, _ = api.call("/applications/app-1001/decisions", method="POST", body=b'{"to_stage": "\xff\xfe"}')

    assert status == 422
