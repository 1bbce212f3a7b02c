"""`talent provision --endpoint`: the template's resources, keys and topics on a local endpoint (moto server and
the local broker here; LocalStack and compose's Kafka for docker/compose.yaml), and the env files the function
containers read, naming exactly what was created."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import boto3
import pytest
from confluent_kafka.admin import AdminClient
from typer.testing import CliRunner

from talent.contracts.topics import Topic
from talent_tools.cli.main import app
from talent_tools.local.processes import ServerProcess

pytestmark = pytest.mark.integration
runner = CliRunner()


def _provision(repo_root: Path, *args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["provision", "--template", str(repo_root / "template.yaml"), *args])
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def _env(path: Path) -> dict[str, str]:
    return dict(line.split("=", 1) for line in path.read_text(encoding="utf-8").splitlines())


def test_resources_topics_and_env_files_agree(
    repo_root: Path, moto_endpoint: str, broker: ServerProcess, tmp_path: Path
) -> None:
    # Given a prefix of our own on moto server and the local broker
    prefix = f"p{uuid.uuid4().hex[:8]}"
    args = ["--endpoint", moto_endpoint, "--prefix", prefix, "--bootstrap", broker.address]
    args += ["--function-endpoint", "http://localstack:4566", "--function-bootstrap", "kafka:19092"]
    # When talent provision runs
    report = _provision(repo_root, *args, "--env-dir", str(tmp_path))
    # Then every template table, bucket and queue exists under the prefix
    ddb = boto3.client("dynamodb", endpoint_url=moto_endpoint, region_name="us-east-1")
    s3 = boto3.client("s3", endpoint_url=moto_endpoint, region_name="us-east-1")
    resources = report["resources"]
    assert resources["TalentTable"] == f"{prefix}-TalentTable"
    assert ddb.describe_table(TableName=resources["TalentTable"])["Table"]["TableStatus"] == "ACTIVE"
    s3.head_bucket(Bucket=resources["DocumentsBucket"])
    # And the topics the functions read and the code publishes to exist on the broker
    listed = AdminClient({"bootstrap.servers": broker.address}).list_topics(timeout=10).topics
    assert {str(t) for t in Topic} <= set(listed) and set(report["topics"]) <= set(listed)
    # And each function's env file names those resources, as the containers reach them
    ingest = _env(tmp_path / "ingest_application.env")
    assert ingest["TALENT_TABLE"] == resources["TalentTable"]
    assert ingest["DOCUMENTS_BUCKET"] == resources["DocumentsBucket"]
    assert ingest["FAILURE_QUEUE_URL"].startswith("http://localstack:4566/")
    assert ingest["FAILURE_QUEUE_URL"].endswith(f"/{prefix}-FailureQueue")
    assert ingest["KAFKA_BOOTSTRAP_SERVERS"] == "kafka:19092"
    assert {p.name for p in tmp_path.iterdir()} == {Path(f).name for f in report["env_files"]}
    # And the local signing keys the functions verify envelopes with are in SSM
    ssm = boto3.client("ssm", endpoint_url=moto_endpoint, region_name="us-east-1")
    assert ssm.get_parameter(Name=ingest["TOMBSTONE_KEY_PARAMETER"], WithDecryption=True)["Parameter"]["Value"]


def test_running_it_again_gives_the_same_names(repo_root: Path, moto_endpoint: str) -> None:
    prefix = f"p{uuid.uuid4().hex[:8]}"
    first = _provision(repo_root, "--endpoint", moto_endpoint, "--prefix", prefix)
    assert _provision(repo_root, "--endpoint", moto_endpoint, "--prefix", prefix) == first


def test_an_aws_endpoint_or_a_bad_prefix_is_refused_before_anything_is_created(repo_root: Path) -> None:
    aws = runner.invoke(app, ["provision", "--endpoint", "https://dynamodb.us-east-1.amazonaws.com"])
    assert aws.exit_code == 2 and "sam deploy" in aws.output
    bad = runner.invoke(
        app,
        [
            "provision",
            "--template",
            str(repo_root / "template.yaml"),
            "--endpoint",
            "http://127.0.0.1:9",
            "--prefix",
            "Bad Prefix!",
        ],
    )
    assert bad.exit_code == 2 and "prefix" in bad.output.lower()
