"""Every file in events/ has the exact AWS shape (Powertools' parser models) and carries valid contracts."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from aws_lambda_powertools.utilities.parser.models import (
    APIGatewayProxyEventModel,
    KafkaMskEventModel,
    KafkaSelfManagedEventModel,
)

from talent.contracts.registry import parse_event
from talent.runtime.consumers import ACCEPTS
from talent.runtime.envelopes import EnvelopeVerifier
from talent_tools.local.template import Template
from tests.signing import LocalKeys

EVENTS = Path(__file__).resolve().parents[2] / "events"
KAFKA_FILES = sorted(EVENTS.glob("*.msk.json")) + sorted(EVENTS.glob("*.self-managed.json"))
API_FILES = sorted(EVENTS.glob("hr_api.*.json"))


def test_every_event_file_is_covered_by_a_shape_check():
    assert set(EVENTS.glob("*.json")) == set(KAFKA_FILES) | set(API_FILES)


def test_every_kafka_function_has_an_msk_and_a_self_managed_sample(repo_root):
    functions = Template(repo_root / "template.yaml").doc["Resources"]
    names = {
        r["Metadata"]["DockerBuildArgs"]["FUNCTION"]
        for r in functions.values()
        if r["Type"] == "AWS::Serverless::Function"
    } - {"hr_api"}
    assert {p.name.split(".")[0] for p in EVENTS.glob("*.msk.json")} == names
    assert {p.name.split(".")[0] for p in EVENTS.glob("*.self-managed.json")} == names


@pytest.mark.parametrize("path", KAFKA_FILES, ids=lambda p: p.name)
def test_kafka_sample_matches_aws_shape_and_contracts(path):
    doc = json.loads(path.read_text())
    model = KafkaMskEventModel if path.name.endswith(".msk.json") else KafkaSelfManagedEventModel
    model.model_validate(doc)
    function = path.name.split(".")[0]
    for records in doc["records"].values():
        for record in records:
            event = parse_event(base64.b64decode(record["value"]), accepts=ACCEPTS[function])
            assert event.tenant == "acme"


@pytest.mark.parametrize("path", API_FILES, ids=lambda p: p.name)
def test_api_sample_matches_aws_shape_and_carries_a_tenant_claim(path):
    doc = json.loads(path.read_text())
    APIGatewayProxyEventModel.model_validate(doc)
    assert doc["requestContext"]["authorizer"]["claims"]["custom:tenant_id"] == "acme"


@pytest.mark.parametrize("path", KAFKA_FILES, ids=lambda p: p.name)
def test_kafka_sample_records_are_signed_by_their_tenant_with_the_local_key(path):
    # Re-sign a changed record with talent_tools.local.tenant_keys.sign_locally (the local stack's public keys).
    doc = json.loads(path.read_text())
    verifier = EnvelopeVerifier(LocalKeys())
    for records in doc["records"].values():
        for record in records:
            value = base64.b64decode(record["value"])
            key = base64.b64decode(record["key"]) if record.get("key") is not None else None
            event = parse_event(value)
            signer = verifier.verify(
                event, topic=record["topic"], record_key=key, value=value, headers=record["headers"]
            )
            assert signer == event.tenant
