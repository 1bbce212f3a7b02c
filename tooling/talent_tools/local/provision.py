"""Create a template's tables, buckets and queues in an AWS endpoint (its Kafka topics: `kafka_topics`).

Everything is read from the template resources (never a second, hand-written list). Running it again
against what it created before re-applies the settings and returns the same names: that is how
`talent dev` restarts. The endpoint is moto server locally; nothing here is moto-specific.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import boto3
from botocore.exceptions import ClientError

from talent_tools.local.aws_requests import (
    QUEUE_LINK_ATTRIBUTES,
    BucketRequest,
    QueueRequest,
    TableRequest,
    Unsupported,
    bucket_name,
    bucket_request,
    check_prefix,
    queue_link_attributes,
    queue_name,
    queue_request,
    resolve_deep,
    table_name,
    table_request,
)
from talent_tools.local.template import PhysicalNames, Template

logger = logging.getLogger(__name__)

CREATED_HERE = frozenset({"AWS::DynamoDB::Table", "AWS::S3::Bucket", "AWS::SQS::Queue"})
# Resource types the local stack knowingly does not create, and who stands in for them.
NOT_CREATED_HERE: Mapping[str, str] = {
    "AWS::Serverless::Function": "handlers run in-process in the local stack",
    "AWS::Lambda::EventSourceMapping": "the local event-source-mapping runner reads Kafka",
    "AWS::Serverless::Api": "the local API Gateway adapter serves it",
    "AWS::Cognito::UserPool": "authorization is the local API adapter's concern",
    "AWS::Cognito::UserPoolGroup": "the local authority puts the roles it is given in cognito:groups",
    "AWS::Cognito::UserPoolClient": "the local authority issues its tokens for its own client id",
    "AWS::Cognito::UserPoolDomain": "talent dev serves its own sign-in pages (talent_tools.local.sign_in_server)",
    # The only parameter the template declares is the HR page's sign-in settings, which point at Cognito;
    # talent dev writes the local sign-in server's under the same name.
    "AWS::SSM::Parameter": "talent dev writes the HR page's sign-in settings itself",
    "AWS::IAM::ManagedPolicy": "the local endpoint does not enforce IAM",
    "AWS::S3::BucketPolicy": "the local endpoint does not enforce bucket policies",
    "AWS::MSK::Configuration": "the local broker's topics are created with the same retention.ms",
    "AWS::Logs::LogGroup": "the local functions' logs are files under the stack's state directory",
    "AWS::CloudWatch::Alarm": "alarms are CloudWatch's; locally the Prometheus endpoint shows the same numbers",
    "AWS::CloudWatch::Dashboard": "the Grafana dashboard in docker/observability/ shows the same panels",
    "AWS::SNS::Topic": "alarms are not raised locally, so nothing is notified",
}
_QUEUE_EXISTS = frozenset({"QueueAlreadyExists", "QueueNameExists", "AWS.SimpleQueueService.QueueNameExists"})


class ProvisionError(RuntimeError):
    """A resource could not be created or does not match what the template declares."""


def bind(template: Template, names: PhysicalNames) -> Template:
    """The same template, resolving Ref / GetAtt of created resources to `names`."""
    bound = copy.copy(template)
    bound.names = names
    return bound


def check_resource_types(template: Template) -> None:
    """Fail, naming them, on resources (whose condition holds) that the local stack cannot stand up."""
    unsupported = []
    for logical_id, resource in template.doc["Resources"].items():
        condition = resource.get("Condition")
        if condition and not template.condition(condition):
            continue
        cfn_type = resource.get("Type")
        if cfn_type not in CREATED_HERE and cfn_type not in NOT_CREATED_HERE:
            unsupported.append(f"{logical_id} ({cfn_type})")
    if unsupported:
        raise Unsupported(f"the local stack cannot create: {', '.join(unsupported)}")


def provision(
    template: Template,
    *,
    prefix: str,
    endpoint: str | None = None,
    session: boto3.Session | None = None,
) -> PhysicalNames:
    """Create every table, bucket and queue of `template` at `endpoint` (None: AWS_ENDPOINT_URL or AWS).

    Returns what Ref / GetAtt resolve to: table and bucket names and queue URLs as refs; Arn of each,
    plus QueueName / QueueUrl of queues (and StreamArn of tables with a stream) as attrs.
    """
    check_prefix(prefix)
    check_resource_types(template)
    session = session or boto3.Session()
    region = str(template.parameters["AWS::Region"])
    partition = str(template.parameters["AWS::Partition"])
    names = PhysicalNames()
    bound = bind(template, names)

    ddb = session.client("dynamodb", endpoint_url=endpoint, region_name=region)
    for table in template.tables():
        request = table_request(table.logical_id, resolve_deep(bound, table.properties))
        _log_not_applied(table.logical_id, request.not_applied)
        name = table_name(prefix, table.logical_id)
        with _named_errors(table.logical_id, name):
            description = _ensure_table(ddb, name, request)
        names.refs[table.logical_id] = name
        names.attrs[(table.logical_id, "Arn")] = description["TableArn"]
        if "LatestStreamArn" in description:
            names.attrs[(table.logical_id, "StreamArn")] = description["LatestStreamArn"]

    s3 = session.client("s3", endpoint_url=endpoint, region_name=region)
    for bucket in template.buckets():
        bucket_req = bucket_request(bucket.logical_id, resolve_deep(bound, bucket.properties))
        _log_not_applied(bucket.logical_id, bucket_req.not_applied)
        name = bucket_name(prefix, bucket.logical_id)
        with _named_errors(bucket.logical_id, name):
            ensure_bucket(s3, name, region)
            _configure_bucket(s3, name, bucket_req)
        names.refs[bucket.logical_id] = name
        names.attrs[(bucket.logical_id, "Arn")] = f"arn:{partition}:s3:::{name}"

    sqs = session.client("sqs", endpoint_url=endpoint, region_name=region)
    queues = template.queues()
    for queue in queues:
        own = {k: v for k, v in queue.properties.items() if k not in QUEUE_LINK_ATTRIBUTES}
        queue_req = queue_request(queue.logical_id, resolve_deep(bound, own))
        name = queue_name(prefix, queue.logical_id, fifo=queue_req.fifo)
        with _named_errors(queue.logical_id, name):
            url = _ensure_queue(sqs, name, queue_req)
            arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        names.refs[queue.logical_id] = url
        names.attrs.update(
            {(queue.logical_id, "Arn"): arn, (queue.logical_id, "QueueName"): name, (queue.logical_id, "QueueUrl"): url}
        )
    # Redrive policies name other queues by ARN: set them once every queue exists.
    for queue in queues:
        links = {k: v for k, v in queue.properties.items() if k in QUEUE_LINK_ATTRIBUTES}
        if links:
            with _named_errors(queue.logical_id, names.refs[queue.logical_id]):
                sqs.set_queue_attributes(
                    QueueUrl=names.refs[queue.logical_id],
                    Attributes=queue_link_attributes(resolve_deep(bound, links)),  # type: ignore[arg-type]
                )
    return names


@contextmanager
def _named_errors(logical_id: str, name: str) -> Iterator[None]:
    """Turn an AWS error into a ProvisionError naming the resource."""
    try:
        yield
    except ClientError as exc:
        error = exc.response.get("Error", {})
        raise ProvisionError(f"{logical_id} ({name}): {error.get('Code')}: {error.get('Message')}") from exc


def _log_not_applied(logical_id: str, reasons: list[str]) -> None:
    for reason in reasons:
        logger.info("%s: not applied locally: %s", logical_id, reason)


def _code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


# ----------------------------------------------------------------------- tables
def _ensure_table(ddb: Any, name: str, request: TableRequest) -> dict[str, Any]:
    try:
        ddb.create_table(TableName=name, **request.create)
    except ClientError as exc:
        if _code(exc) != "ResourceInUseException":
            raise
        _check_same_shape(name, ddb.describe_table(TableName=name)["Table"], request)
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 120})
    if request.time_to_live is not None:
        _ensure_time_to_live(ddb, name, request.time_to_live)
    if request.point_in_time_recovery is not None:
        ddb.update_continuous_backups(TableName=name, PointInTimeRecoverySpecification=request.point_in_time_recovery)
    return dict(ddb.describe_table(TableName=name)["Table"])


def _index_names(indexes: list[dict[str, Any]] | None) -> set[str]:
    return {index["IndexName"] for index in indexes or []}


def _check_same_shape(name: str, existing: dict[str, Any], request: TableRequest) -> None:
    """An existing table is reused only if its keys and indexes are those the template declares."""
    wanted = request.create
    same = (
        existing["KeySchema"] == wanted["KeySchema"]
        and _index_names(existing.get("GlobalSecondaryIndexes")) == _index_names(wanted.get("GlobalSecondaryIndexes"))
        and _index_names(existing.get("LocalSecondaryIndexes")) == _index_names(wanted.get("LocalSecondaryIndexes"))
    )
    if not same:
        raise ProvisionError(
            f"table {name} exists with other keys or indexes than the template's; "
            "delete it or provision with another prefix"
        )


def _ensure_time_to_live(ddb: Any, name: str, spec: dict[str, Any]) -> None:
    # AWS rejects re-enabling an enabled TTL (moto does not), so compare first.
    current = ddb.describe_time_to_live(TableName=name)["TimeToLiveDescription"]
    enabled = current.get("TimeToLiveStatus") in ("ENABLED", "ENABLING")
    if enabled == spec["Enabled"] and (not enabled or current.get("AttributeName") == spec["AttributeName"]):
        return
    ddb.update_time_to_live(TableName=name, TimeToLiveSpecification=spec)


# ---------------------------------------------------------------------- buckets
def ensure_bucket(s3: Any, name: str, region: str) -> None:
    """Create a bucket, or accept that we already own it."""
    location = {} if region == "us-east-1" else {"CreateBucketConfiguration": {"LocationConstraint": region}}
    try:
        s3.create_bucket(Bucket=name, **location)
    except ClientError as exc:
        if _code(exc) != "BucketAlreadyOwnedByYou":
            raise


def _configure_bucket(s3: Any, name: str, request: BucketRequest) -> None:
    if request.public_access_block is not None:
        s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=request.public_access_block)
    if request.encryption is not None:
        s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration=request.encryption)
    if request.versioning is not None:
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration=request.versioning)
    if request.ownership_controls is not None:
        s3.put_bucket_ownership_controls(Bucket=name, OwnershipControls=request.ownership_controls)
    if request.tags:
        s3.put_bucket_tagging(Bucket=name, Tagging={"TagSet": request.tags})


# ----------------------------------------------------------------------- queues
def _ensure_queue(sqs: Any, name: str, request: QueueRequest) -> str:
    tags = {"tags": request.tags} if request.tags else {}
    try:
        return str(sqs.create_queue(QueueName=name, Attributes=request.attributes, **tags)["QueueUrl"])
    except ClientError as exc:
        if _code(exc) not in _QUEUE_EXISTS:
            raise
    # It exists with other attributes (the template changed): bring it to the template's.
    url = str(sqs.get_queue_url(QueueName=name)["QueueUrl"])
    mutable = {k: v for k, v in request.attributes.items() if k != "FifoQueue"}
    if mutable:
        sqs.set_queue_attributes(QueueUrl=url, Attributes=mutable)
    if request.tags:
        sqs.tag_queue(QueueUrl=url, Tags=request.tags)
    return url
