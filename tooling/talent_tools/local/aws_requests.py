"""Turn template resource properties into the AWS API requests that create them, and name them.

Pure: no clients, no network. CloudFormation and the service APIs spell the same settings
differently (SSEEnabled vs Enabled, ServerSideEncryptionByDefault vs ApplyServerSideEncryptionByDefault),
and the local stack must apply what the template declares, so every property is either translated,
listed as having no local effect, or refused with an error that names it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from talent_tools.local.template import Template, TemplateError


class Unsupported(TemplateError):
    """The template declares a resource type or property the local stack cannot create."""


# ----------------------------------------------------------------------------- names
_PREFIX = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")
_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def check_prefix(prefix: str) -> str:
    """A prefix valid in every service's names: lower-case letters, digits, hyphens, at most 32."""
    if not _PREFIX.match(prefix) or prefix.endswith("-"):
        raise ValueError(f"prefix {prefix!r}: use 1-32 lower-case letters, digits or inner hyphens")
    return prefix


def kebab(logical_id: str) -> str:
    """DocumentsBucket -> documents-bucket, HRApiV1 -> hr-api-v1."""
    return _WORD_BOUNDARY.sub("-", logical_id).lower()


def bucket_name(prefix: str, logical_id: str) -> str:
    """A valid S3 bucket name: lower case, 3-63 characters, no dots (virtual-host TLS friendly)."""
    name = re.sub(r"[^a-z0-9-]+", "-", f"{check_prefix(prefix)}-{kebab(logical_id)}")
    name = re.sub(r"-{2,}", "-", name).strip("-")
    if len(name) > 63 or name.endswith("-s3alias") or name.startswith("sthree-"):
        raise ValueError(f"{logical_id}: bucket name {name!r} is not valid; shorten the prefix or the id")
    return name


def table_name(prefix: str, logical_id: str) -> str:
    return f"{check_prefix(prefix)}-{logical_id}"


def queue_name(prefix: str, logical_id: str, *, fifo: bool = False) -> str:
    name = f"{check_prefix(prefix)}-{logical_id}" + (".fifo" if fifo else "")
    if len(name) > 80:
        raise ValueError(f"{logical_id}: queue name {name!r} is longer than 80 characters")
    return name


# ------------------------------------------------------------------- intrinsics
_NO_VALUE = object()


def resolve_deep(template: Template, value: Any) -> Any:
    """Resolve intrinsics anywhere inside a property value; `!Ref AWS::NoValue` drops the key."""
    if isinstance(value, list):
        items = (resolve_deep(template, v) for v in value)
        return [v for v in items if v is not _NO_VALUE]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        ((key, arg),) = value.items()
        if key == "Ref" and arg == "AWS::NoValue":
            return _NO_VALUE
        if key == "Fn::If":
            return resolve_deep(template, arg[1] if template.condition(arg[0]) else arg[2])
        if key == "Ref" or key.startswith("Fn::"):
            resolved = template.resolve(value)
            if resolved is value:
                raise Unsupported(f"{key} is not supported by the local stack")
            return resolve_deep(template, resolved)
    out = {k: resolve_deep(template, v) for k, v in value.items()}
    return {k: v for k, v in out.items() if v is not _NO_VALUE}


_PHYSICAL_NAMES = {"TableName", "BucketName", "QueueName"}


def _check_known(
    logical_id: str, props: Mapping[str, Any], known: set[str], no_local_effect: Mapping[str, str]
) -> list[str]:
    """Refuse properties we do not know; return those knowingly not applied locally."""
    named = sorted(set(props) & _PHYSICAL_NAMES)
    if named:
        raise Unsupported(
            f"{logical_id}: declares a physical name {named}; the local stack names resources from its prefix"
        )
    unknown = sorted(set(props) - known - set(no_local_effect))
    if unknown:
        raise Unsupported(f"{logical_id}: the local stack does not support properties {unknown}")
    return [f"{key}: {no_local_effect[key]}" for key in sorted(set(props) & set(no_local_effect))]


# ----------------------------------------------------------------------- tables
_TABLE_PASS_THROUGH = {
    "AttributeDefinitions",
    "KeySchema",
    "BillingMode",
    "ProvisionedThroughput",
    "LocalSecondaryIndexes",
    "TableClass",
    "DeletionProtectionEnabled",
    "Tags",
}
_TABLE_TRANSLATED = {
    "GlobalSecondaryIndexes",
    "SSESpecification",
    "StreamSpecification",
    "TimeToLiveSpecification",
    "PointInTimeRecoverySpecification",
}
_TABLE_NO_LOCAL_EFFECT = {
    "ContributorInsightsSpecification": "CloudWatch Contributor Insights is not emulated",
    "ResourcePolicy": "the local endpoint does not enforce resource policies",
}


@dataclass(frozen=True)
class TableRequest:
    create: dict[str, Any]  # CreateTable arguments, without TableName
    time_to_live: dict[str, Any] | None = None  # UpdateTimeToLive TimeToLiveSpecification
    point_in_time_recovery: dict[str, Any] | None = None  # UpdateContinuousBackups specification
    not_applied: list[str] = field(default_factory=list)


def table_request(logical_id: str, props: Mapping[str, Any]) -> TableRequest:
    """CloudFormation AWS::DynamoDB::Table properties (resolved) -> DynamoDB API requests."""
    known = _TABLE_PASS_THROUGH | _TABLE_TRANSLATED
    not_applied = _check_known(logical_id, props, known, _TABLE_NO_LOCAL_EFFECT)
    create = {k: v for k, v in props.items() if k in _TABLE_PASS_THROUGH}
    if "GlobalSecondaryIndexes" in props:
        create["GlobalSecondaryIndexes"] = [
            {k: v for k, v in gsi.items() if k != "ContributorInsightsSpecification"}
            for gsi in props["GlobalSecondaryIndexes"]
        ]
    if "SSESpecification" in props:
        sse = props["SSESpecification"]
        create["SSESpecification"] = {
            "Enabled": bool(sse.get("SSEEnabled", False)),
            **{k: sse[k] for k in ("SSEType", "KMSMasterKeyId") if k in sse},
        }
    if "StreamSpecification" in props:
        view = props["StreamSpecification"]["StreamViewType"]
        create["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": view}
    ttl = props.get("TimeToLiveSpecification")
    pitr = props.get("PointInTimeRecoverySpecification")
    return TableRequest(
        create=create,
        time_to_live={"AttributeName": ttl["AttributeName"], "Enabled": bool(ttl["Enabled"])} if ttl else None,
        point_in_time_recovery=dict(pitr) if pitr else None,
        not_applied=not_applied,
    )


# ---------------------------------------------------------------------- buckets
_BUCKET_NO_LOCAL_EFFECT = {
    "LifecycleConfiguration": "objects do not live long enough locally to expire or transition",
    "LoggingConfiguration": "access logs are not emulated",
    "MetricsConfigurations": "request metrics are not emulated",
    "AnalyticsConfigurations": "storage class analysis is not emulated",
    "InventoryConfigurations": "inventory reports are not emulated",
    "IntelligentTieringConfigurations": "storage tiers are not emulated",
    "AccelerateConfiguration": "transfer acceleration has no meaning on 127.0.0.1",
}
_BUCKET_KNOWN = {
    "BucketEncryption",
    "PublicAccessBlockConfiguration",
    "VersioningConfiguration",
    "OwnershipControls",
    "Tags",
}


@dataclass(frozen=True)
class BucketRequest:
    encryption: dict[str, Any] | None = None  # PutBucketEncryption ServerSideEncryptionConfiguration
    public_access_block: dict[str, Any] | None = None  # PutPublicAccessBlock configuration
    versioning: dict[str, Any] | None = None  # PutBucketVersioning VersioningConfiguration
    ownership_controls: dict[str, Any] | None = None  # PutBucketOwnershipControls OwnershipControls
    tags: list[dict[str, str]] = field(default_factory=list)
    not_applied: list[str] = field(default_factory=list)


def bucket_request(logical_id: str, props: Mapping[str, Any]) -> BucketRequest:
    """CloudFormation AWS::S3::Bucket properties (resolved) -> S3 API requests."""
    not_applied = _check_known(logical_id, props, _BUCKET_KNOWN, _BUCKET_NO_LOCAL_EFFECT)
    encryption = None
    if "BucketEncryption" in props:
        rules = []
        for rule in props["BucketEncryption"]["ServerSideEncryptionConfiguration"]:
            api_rule = {k: v for k, v in rule.items() if k != "ServerSideEncryptionByDefault"}
            if "ServerSideEncryptionByDefault" in rule:
                api_rule["ApplyServerSideEncryptionByDefault"] = dict(rule["ServerSideEncryptionByDefault"])
            rules.append(api_rule)
        encryption = {"Rules": rules}
    return BucketRequest(
        encryption=encryption,
        public_access_block=props.get("PublicAccessBlockConfiguration"),
        versioning=props.get("VersioningConfiguration"),
        ownership_controls=props.get("OwnershipControls"),
        tags=list(props.get("Tags", [])),
        not_applied=not_applied,
    )


# ----------------------------------------------------------------------- queues
_QUEUE_ATTRIBUTES = {
    "DelaySeconds",
    "MaximumMessageSize",
    "MessageRetentionPeriod",
    "ReceiveMessageWaitTimeSeconds",
    "VisibilityTimeout",
    "KmsMasterKeyId",
    "KmsDataKeyReusePeriodSeconds",
    "SqsManagedSseEnabled",
    "FifoQueue",
    "ContentBasedDeduplication",
    "DeduplicationScope",
    "FifoThroughputLimit",
}
# These name other queues by ARN, so they are set once every queue exists.
QUEUE_LINK_ATTRIBUTES = ("RedrivePolicy", "RedriveAllowPolicy")


@dataclass(frozen=True)
class QueueRequest:
    fifo: bool
    attributes: dict[str, str]  # CreateQueue Attributes (strings, as the API wants them)
    tags: dict[str, str] = field(default_factory=dict)


def _attribute_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, separators=(",", ":"))
    return str(value)


def queue_request(logical_id: str, props: Mapping[str, Any]) -> QueueRequest:
    """CloudFormation AWS::SQS::Queue properties (resolved, links excluded) -> SQS API request."""
    known = _QUEUE_ATTRIBUTES | {"Tags"} | set(QUEUE_LINK_ATTRIBUTES)
    _check_known(logical_id, props, known, {})
    attributes = {k: _attribute_text(v) for k, v in props.items() if k in _QUEUE_ATTRIBUTES}
    return QueueRequest(
        fifo=attributes.get("FifoQueue") == "true",
        attributes=attributes,
        tags={tag["Key"]: str(tag["Value"]) for tag in props.get("Tags", [])},
    )


def queue_link_attributes(props: Mapping[str, Any]) -> dict[str, str]:
    """RedrivePolicy / RedriveAllowPolicy (resolved) as SetQueueAttributes strings."""
    return {k: _attribute_text(props[k]) for k in QUEUE_LINK_ATTRIBUTES if k in props}
