"""Provisioning template.yaml into moto server, and topics into the broker: what exists afterwards."""

from __future__ import annotations

import copy
import uuid
from pathlib import Path
from typing import Any

import boto3
import pytest
from confluent_kafka.admin import AdminClient

from talent_tools.local.kafka_topics import create_topics
from talent_tools.local.processes import ServerProcess
from talent_tools.local.provision import ProvisionError, bind, provision
from talent_tools.local.template import PhysicalNames, Template

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def template(repo_root: Path) -> Template:
    return Template(repo_root / "template.yaml")


@pytest.fixture(scope="module")
def prefix() -> str:
    return f"t{uuid.uuid4().hex[:10]}"


@pytest.fixture(scope="module")
def names(template: Template, prefix: str, moto_endpoint: str) -> PhysicalNames:
    return provision(template, prefix=prefix, endpoint=moto_endpoint)


def _client(service: str, endpoint: str) -> Any:
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1")  # type: ignore[call-overload]


def _key_schemas(indexes: list[dict[str, Any]] | None) -> dict[str, Any]:
    return {index["IndexName"]: index["KeySchema"] for index in indexes or []}


def test_every_table_exists_with_its_keys_indexes_and_encryption(
    template: Template, names: PhysicalNames, moto_endpoint: str
) -> None:
    # Given template.yaml provisioned into moto / When each table is described
    ddb = _client("dynamodb", moto_endpoint)
    for spec in template.tables():
        table = ddb.describe_table(TableName=names.refs[spec.logical_id])["Table"]
        # Then keys, GSIs, billing and SSE are those the template declares
        assert table["KeySchema"] == spec.properties["KeySchema"]
        assert _key_schemas(table.get("GlobalSecondaryIndexes")) == _key_schemas(
            spec.properties.get("GlobalSecondaryIndexes")
        )
        assert table["BillingModeSummary"]["BillingMode"] == spec.properties["BillingMode"]
        assert table["SSEDescription"]["Status"] == "ENABLED"
        assert names.attrs[(spec.logical_id, "Arn")] == table["TableArn"]


def test_time_to_live_and_point_in_time_recovery_are_on_where_declared(
    template: Template, names: PhysicalNames, moto_endpoint: str
) -> None:
    # Given the provisioned tables
    ddb = _client("dynamodb", moto_endpoint)
    for spec in template.tables():
        name = names.refs[spec.logical_id]
        ttl = ddb.describe_time_to_live(TableName=name)["TimeToLiveDescription"]
        backups = ddb.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]
        # Then TTL is enabled on the declared attribute only where declared, and PITR is on
        declared_ttl = spec.properties.get("TimeToLiveSpecification")
        if declared_ttl:
            assert (ttl["TimeToLiveStatus"], ttl["AttributeName"]) == ("ENABLED", declared_ttl["AttributeName"])
        else:
            assert ttl["TimeToLiveStatus"] == "DISABLED"
        pitr = backups["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"]
        assert pitr == "ENABLED"


def test_every_bucket_blocks_public_access_and_encrypts_by_default(
    template: Template, names: PhysicalNames, moto_endpoint: str
) -> None:
    # Given the provisioned buckets
    s3 = _client("s3", moto_endpoint)
    for spec in template.buckets():
        bucket = names.refs[spec.logical_id]
        block = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
        rules = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
        ownership = s3.get_bucket_ownership_controls(Bucket=bucket)["OwnershipControls"]
        versioning = s3.get_bucket_versioning(Bucket=bucket).get("Status")
        # Then each setting is the template's
        assert block == spec.properties["PublicAccessBlockConfiguration"]
        assert [r["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"] for r in rules] == ["aws:kms"]
        assert all(r["BucketKeyEnabled"] for r in rules)
        assert ownership == spec.properties["OwnershipControls"]
        assert versioning == spec.properties.get("VersioningConfiguration", {}).get("Status")
        assert names.attrs[(spec.logical_id, "Arn")] == f"arn:aws:s3:::{bucket}"


def test_every_queue_exists_with_its_attributes(template: Template, names: PhysicalNames, moto_endpoint: str) -> None:
    # Given the provisioned queues
    sqs = _client("sqs", moto_endpoint)
    for spec in template.queues():
        url = names.refs[spec.logical_id]
        attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        # Then declared attributes hold, and Ref / GetAtt resolve to what SQS reports
        assert attributes["MessageRetentionPeriod"] == str(spec.properties["MessageRetentionPeriod"])
        assert attributes["SqsManagedSseEnabled"] == "true"
        assert names.attrs[(spec.logical_id, "Arn")] == attributes["QueueArn"]
        assert names.attrs[(spec.logical_id, "QueueUrl")] == url
        assert sqs.get_queue_url(QueueName=names.attrs[(spec.logical_id, "QueueName")])["QueueUrl"] == url


def test_reprovisioning_keeps_resources_and_their_data(
    template: Template, prefix: str, names: PhysicalNames, moto_endpoint: str
) -> None:
    # Given data in a table, a bucket and a queue created by a first provision
    ddb, s3, sqs = (_client(s, moto_endpoint) for s in ("dynamodb", "s3", "sqs"))
    ddb.put_item(TableName=names.refs["TalentTable"], Item={"PK": {"S": "p"}, "SK": {"S": "s"}})
    s3.put_object(Bucket=names.refs["DocumentsBucket"], Key="k", Body=b"resume")
    sqs.send_message(QueueUrl=names.refs["FailureQueue"], MessageBody="m")
    # When the same template is provisioned again with the same prefix
    again = provision(template, prefix=prefix, endpoint=moto_endpoint)
    # Then the names are the same and nothing was recreated
    assert again == names
    assert "Item" in ddb.get_item(TableName=names.refs["TalentTable"], Key={"PK": {"S": "p"}, "SK": {"S": "s"}})
    assert s3.get_object(Bucket=names.refs["DocumentsBucket"], Key="k")["Body"].read() == b"resume"
    messages = sqs.receive_message(QueueUrl=names.refs["FailureQueue"], WaitTimeSeconds=1).get("Messages", [])
    assert [m["Body"] for m in messages] == ["m"]


def test_reprovisioning_applies_a_changed_queue_attribute(
    template: Template, prefix: str, names: PhysicalNames, moto_endpoint: str
) -> None:
    # Given the template's failure queue retention changed to one day after a first provision
    changed = copy.copy(template)
    changed.doc = copy.deepcopy(template.doc)
    changed.doc["Resources"]["FailureQueue"]["Properties"]["MessageRetentionPeriod"] = 86400
    try:
        # When provisioned again
        provision(changed, prefix=prefix, endpoint=moto_endpoint)
        # Then the existing queue has the new retention
        sqs = _client("sqs", moto_endpoint)
        attributes = sqs.get_queue_attributes(QueueUrl=names.refs["FailureQueue"], AttributeNames=["All"])
        assert attributes["Attributes"]["MessageRetentionPeriod"] == "86400"
    finally:
        provision(template, prefix=prefix, endpoint=moto_endpoint)


def test_a_table_with_other_keys_under_the_same_name_is_refused(template: Template, moto_endpoint: str) -> None:
    # Given a table already named like TalentTable but keyed on "id"
    prefix = f"t{uuid.uuid4().hex[:10]}"
    _client("dynamodb", moto_endpoint).create_table(
        TableName=f"{prefix}-TalentTable",
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
    )
    # When the template is provisioned with that prefix / Then it refuses to reuse the table
    with pytest.raises(ProvisionError, match=f"{prefix}-TalentTable exists with other keys"):
        provision(template, prefix=prefix, endpoint=moto_endpoint)


def test_the_endpoint_defaults_to_aws_endpoint_url(template: Template, moto_endpoint: str) -> None:
    # Given AWS_ENDPOINT_URL points at moto (the moto_endpoint fixture) and no endpoint is passed
    prefix = f"t{uuid.uuid4().hex[:10]}"
    # When provisioned
    names = provision(template, prefix=prefix)
    # Then the tables are in moto
    tables = _client("dynamodb", moto_endpoint).list_tables()["TableNames"]
    assert names.refs["TalentTable"] in tables


def test_function_environments_resolve_to_the_created_resources(
    template: Template, names: PhysicalNames, moto_endpoint: str
) -> None:
    # Given the template bound to the provisioned names
    functions = bind(template, names).functions()
    ddb, s3, sqs = (_client(s, moto_endpoint) for s in ("dynamodb", "s3", "sqs"))
    for spec in functions.values():
        env = spec.environment
        # Then every store a function is told about exists under that name
        for variable in ("TALENT_TABLE", "IDEMPOTENCY_TABLE"):
            assert ddb.describe_table(TableName=env[variable])["Table"]["TableStatus"] == "ACTIVE"
        for variable in ("DOCUMENTS_BUCKET", "LAKE_BUCKET"):
            s3.head_bucket(Bucket=env[variable])
        sqs.get_queue_attributes(QueueUrl=env["FAILURE_QUEUE_URL"], AttributeNames=["QueueArn"])
        assert env["TALENT_TABLE"] == names.refs["TalentTable"]
    assert "ingest_application" in functions


# -------------------------------------------------------------------- topics
def test_create_topics_creates_them_with_their_partitions(broker: ServerProcess, unique: str) -> None:
    # Given two new topic names
    topics = {f"a-{unique}": 3, f"b-{unique}": 1}
    # When created
    create_topics(broker.address, topics)
    # Then the broker lists them with those partition counts
    listed = AdminClient({"bootstrap.servers": broker.address}).list_topics(timeout=10).topics
    assert {name: len(listed[name].partitions) for name in topics} == topics


def test_create_topics_again_is_fine(broker: ServerProcess, unique: str) -> None:
    # Given a topic that exists
    create_topics(broker.address, {f"c-{unique}": 2})
    # When created again (a restart of `talent dev`) / Then no error, and it keeps its partitions
    create_topics(broker.address, {f"c-{unique}": 2})
    listed = AdminClient({"bootstrap.servers": broker.address}).list_topics(timeout=10).topics
    assert len(listed[f"c-{unique}"].partitions) == 2
