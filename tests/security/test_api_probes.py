"""The outside probe's attempts on the HR API that already failed, kept as regressions: forged tokens (alg
none, a foreign key, HS256 keyed with the public key) are 401 at the gateway, and another tenant's ids are
404 (never 403, which would confirm they exist), for reads and writes alike, with nothing changed. Plus the
roles probe of finding 9: a roles attribute the user wrote on themselves grants nothing.

The real HR API function runs behind the local API Gateway adapter over HTTP on 127.0.0.1, against moto.
"""

from __future__ import annotations

import base64
import hmac
import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from hashlib import sha256
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from talent.adapters.dynamodb_store import DynamoStore
from talent.domain.models import Application, ApplicationStatus, Job, JobStatus
from talent_tools.local.api_gateway import ApiGatewayAdapter
from talent_tools.local.auth import LOCAL_CLIENT_ID, LOCAL_ISSUER, LocalAuthority
from talent_tools.local.invoker import invoke_in_process
from talent_tools.local.template import Template

pytestmark = pytest.mark.integration
NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
VICTIM_PATHS = [
    ("GET", "/jobs/job-1"),
    ("GET", "/jobs/job-1/applications"),
    ("GET", "/jobs/job-1/shortlist"),
    ("GET", "/jobs/job-1/fairness"),
    ("GET", "/applications/app-1/audit"),
    ("GET", "/applications/app-1/profile"),
    ("POST", "/applications/app-1/decisions"),
    ("POST", "/candidates/cand-1/erasure"),
]


@dataclass
class Stack:
    url: str
    authority: LocalAuthority
    key: rsa.RSAPrivateKey
    victim: str
    attacker: str
    store: DynamoStore

    def call(self, method: str, path: str, token: str | None, body: Any = None) -> tuple[int, Any]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if token is not None:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            with error:
                return error.code, json.loads(error.read() or b"null")


@pytest.fixture
def stack(function_env, repo_root: Path, broker, tmp_path: Path, unique: str) -> Iterator[Stack]:
    # Given a victim tenant with a job and an application, and an attacker tenant of the same deployment
    victim, attacker = f"victim-{unique}", f"attacker-{unique}"
    store = DynamoStore(function_env.refs["TalentTable"])
    store.put_job_if_newer(
        Job(tenant=victim, job_id="job-1", version=1, status=JobStatus.OPEN, title="t", description="d", updated_at=NOW)
    )
    store.put_application_if_absent(
        Application(
            tenant=victim,
            application_id="app-1",
            candidate_id="cand-1",
            job_id="job-1",
            submitted_at=NOW,
            status=ApplicationStatus.RECEIVED,
        )
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    authority = LocalAuthority(key)
    hr_api = Template(repo_root / "template.yaml", {"KafkaBootstrapServers": broker.address}, names=function_env)
    function = hr_api.functions()["hr_api"]

    def invoke(event: dict[str, Any]) -> dict[str, Any]:
        return invoke_in_process(function, event, function_name="hr_api")

    with ApiGatewayAdapter(invoke, "dev", authority) as gateway:
        yield Stack(gateway.url, authority, key, victim, attacker, store)


def _claims(tenant: str) -> dict[str, Any]:
    now = int(time.time())
    return {
        "iss": LOCAL_ISSUER,
        "aud": LOCAL_CLIENT_ID,
        "token_use": "id",
        "sub": "mallory",
        "custom:tenant_id": tenant,
        "cognito:groups": ["recruiter", "personal-data"],
        "iat": now,
        "exp": now + 600,
    }


def _b64(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def test_the_victims_own_token_reads_its_job(stack: Stack) -> None:
    # The baseline the probes below are measured against: the same request with a genuine token works
    token = stack.authority.issue_token("hr-1", stack.victim, ["recruiter"])

    assert stack.call("GET", "/jobs/job-1", token)[0] == 200


def test_a_token_with_alg_none_is_401(stack: Stack) -> None:
    header = _b64(b'{"alg":"none","typ":"JWT"}')
    token = (header + b"." + _b64(json.dumps(_claims(stack.victim)).encode()) + b".").decode()

    assert stack.call("GET", "/jobs/job-1", token)[0] == 401


def test_a_token_signed_by_a_foreign_key_is_401(stack: Stack) -> None:
    foreign = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    token = jwt.encode(_claims(stack.victim), foreign, algorithm="RS256")

    assert stack.call("GET", "/jobs/job-1", token)[0] == 401


def test_a_token_signed_hs256_with_the_public_key_is_401(stack: Stack) -> None:
    # The algorithm-confusion forgery: the verifier's public key (PEM) used as an HMAC secret
    public_pem = stack.key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    signing_input = _b64(b'{"alg":"HS256","typ":"JWT"}') + b"." + _b64(json.dumps(_claims(stack.victim)).encode())
    token = (signing_input + b"." + _b64(hmac.new(public_pem, signing_input, sha256).digest())).decode()

    assert stack.call("GET", "/jobs/job-1", token)[0] == 401


@pytest.mark.parametrize(("method", "path"), VICTIM_PATHS, ids=[f"{m} {p}" for m, p in VICTIM_PATHS])
def test_another_tenants_ids_are_404_and_change_nothing(stack: Stack, method: str, path: str) -> None:
    # Given a genuine token of the attacker's tenant, with every role
    token = stack.authority.issue_token("mallory", stack.attacker, ["recruiter", "personal-data"])
    body = {"to_stage": "rejected"} if path.endswith("/decisions") else {} if method == "POST" else None

    # When it names the victim's ids
    status, _ = stack.call(method, path, token, body)

    # Then the answer is the one for an id that does not exist, and the victim's records are untouched
    assert status == 404
    application = stack.store.get_application(stack.victim, "app-1")
    assert application is not None and application.stage.value == "applied"


def test_a_roles_attribute_the_user_wrote_on_themselves_grants_nothing(stack: Stack) -> None:
    # Given a genuine token whose user is in no group but carries custom:roles (UpdateUserAttributes)
    claims = {**_claims(stack.victim), "custom:roles": "recruiter,personal-data"}
    del claims["cognito:groups"]
    token = jwt.encode(claims, stack.key, algorithm="RS256")

    # When it asks for the full profile
    status, body = stack.call("GET", "/applications/app-1/profile?view=full", token)

    # Then the personal-data role is missing
    assert (status, body["message"]) == (403, "the full profile needs the personal-data role")
