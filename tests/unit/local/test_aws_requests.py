"""Template properties become the AWS API requests that create them; names are valid for each service."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from talent_tools.local.aws_requests import (
    Unsupported,
    bucket_name,
    bucket_request,
    check_prefix,
    kebab,
    queue_link_attributes,
    queue_name,
    queue_request,
    resolve_deep,
    table_request,
)
from talent_tools.local.template import Template

# S3's rules for new buckets, without dots (we never make dotted names).
S3_BUCKET_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")


@pytest.fixture
def template(repo_root: Path) -> Template:
    return Template(repo_root / "template.yaml")


def _props(template: Template, logical_id: str) -> dict:
    return resolve_deep(template, template.doc["Resources"][logical_id]["Properties"])


# ------------------------------------------------------------------- names
@pytest.mark.parametrize(
    ("logical_id", "expected"),
    [("DocumentsBucket", "documents-bucket"), ("HRApiV1", "hr-api-v1"), ("Lake", "lake")],
)
def test_kebab_splits_camel_case_words(logical_id: str, expected: str) -> None:
    # Given a CloudFormation logical id / When it is kebab-cased / Then words are split and lower-cased
    assert kebab(logical_id) == expected


def test_bucket_name_is_prefix_and_logical_id_in_lower_case(template: Template) -> None:
    # Given every bucket of the template
    for bucket in template.buckets():
        # When it is named for prefix "talent-dev"
        name = bucket_name("talent-dev", bucket.logical_id)
        # Then the name is a valid S3 bucket name that still says which bucket it is
        assert S3_BUCKET_NAME.match(name), name
        assert name.startswith("talent-dev-")
        assert name.replace("-", "") == f"talentdev{bucket.logical_id.lower()}"


def test_bucket_name_longer_than_63_characters_is_refused() -> None:
    # Given a prefix and logical id that together exceed S3's limit
    # When the bucket is named / Then the error names the logical id
    with pytest.raises(ValueError, match="AVeryLongLogicalIdForABucketThatKeepsGoingOnAndOn"):
        bucket_name("p" * 32, "AVeryLongLogicalIdForABucketThatKeepsGoingOnAndOn")


@pytest.mark.parametrize("prefix", ["Talent", "talent_dev", "-talent", "talent-", "", "x" * 33, "tal.ent"])
def test_invalid_prefixes_are_refused(prefix: str) -> None:
    # Given a prefix that some service would reject / When checked / Then it is refused up front
    with pytest.raises(ValueError, match="prefix"):
        check_prefix(prefix)


def test_fifo_queue_name_ends_in_dot_fifo() -> None:
    # Given a FIFO queue / When named / Then SQS's required suffix is there
    assert queue_name("talent-dev", "Events", fifo=True) == "talent-dev-Events.fifo"
    assert queue_name("talent-dev", "Events") == "talent-dev-Events"


# --------------------------------------------------------------- intrinsics
def test_if_on_a_condition_resolves_from_the_stage_parameter(repo_root: Path) -> None:
    # Given TalentTable's DeletionProtectionEnabled: !If [IsProd, true, false]
    dev = Template(repo_root / "template.yaml", {"Stage": "dev"})
    prod = Template(repo_root / "template.yaml", {"Stage": "prod"})
    # When its properties are resolved / Then the stage decides
    assert _props(dev, "TalentTable")["DeletionProtectionEnabled"] is False
    assert _props(prod, "TalentTable")["DeletionProtectionEnabled"] is True


def test_no_value_drops_the_property(template: Template) -> None:
    # Given a property that is !Ref AWS::NoValue inside an !If
    props = {"A": {"Fn::If": ["IsProd", 1, {"Ref": "AWS::NoValue"}]}, "B": [{"Ref": "AWS::NoValue"}, 2]}
    # When resolved for the dev stage / Then the key and the list item are gone
    assert resolve_deep(template, props) == {"B": [2]}


def test_an_intrinsic_the_template_cannot_resolve_is_refused_by_name(template: Template) -> None:
    # Given Fn::FindInMap, which the local template does not implement
    # When resolved / Then it fails naming the intrinsic, rather than passing the dict on to AWS
    with pytest.raises(Unsupported, match="Fn::FindInMap"):
        resolve_deep(template, {"X": {"Fn::FindInMap": ["M", "k", "v"]}})


# ------------------------------------------------------------------- tables
def test_talent_table_request_keeps_keys_and_translates_sse(template: Template) -> None:
    # Given TalentTable as declared
    props = _props(template, "TalentTable")
    # When translated
    request = table_request("TalentTable", props)
    # Then keys, attributes, GSIs and billing pass through, SSE uses the API's spelling
    assert request.create["KeySchema"] == props["KeySchema"]
    assert request.create["AttributeDefinitions"] == props["AttributeDefinitions"]
    assert request.create["GlobalSecondaryIndexes"] == props["GlobalSecondaryIndexes"]
    assert request.create["BillingMode"] == "PAY_PER_REQUEST"
    assert request.create["SSESpecification"] == {"Enabled": True}
    assert request.create["DeletionProtectionEnabled"] is False
    # And point-in-time recovery and the TTL (audit entries' expires_at) are separate requests
    assert request.point_in_time_recovery == {"PointInTimeRecoveryEnabled": True}
    assert request.time_to_live == {"AttributeName": "expires_at", "Enabled": True}
    assert "PointInTimeRecoverySpecification" not in request.create


def test_idempotency_table_request_enables_time_to_live(template: Template) -> None:
    # Given IdempotencyTable with TimeToLiveSpecification / When translated
    request = table_request("IdempotencyTable", _props(template, "IdempotencyTable"))
    # Then TTL is an UpdateTimeToLive request, not a CreateTable argument
    assert request.time_to_live == {"AttributeName": "expiration", "Enabled": True}
    assert "TimeToLiveSpecification" not in request.create


def test_stream_specification_is_enabled_with_its_view_type() -> None:
    # Given a table with a stream / When translated / Then the API's StreamEnabled is set
    request = table_request("T", {"KeySchema": [], "StreamSpecification": {"StreamViewType": "NEW_IMAGE"}})
    assert request.create["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}


def test_contributor_insights_is_reported_as_not_applied() -> None:
    # Given a property with no local effect / When translated / Then it is listed, not sent
    request = table_request("T", {"KeySchema": [], "ContributorInsightsSpecification": {"Enabled": True}})
    assert "ContributorInsightsSpecification" not in request.create
    assert [r.split(":")[0] for r in request.not_applied] == ["ContributorInsightsSpecification"]


def test_unknown_table_property_is_refused_by_name() -> None:
    # Given a property the local stack does not know / When translated / Then the error names it
    with pytest.raises(Unsupported, match=r"T: .*KinesisStreamSpecification"):
        table_request("T", {"KeySchema": [], "KinesisStreamSpecification": {"StreamArn": "x"}})


def test_physical_name_is_refused() -> None:
    # Given a table that names itself / When translated / Then the error says names come from the prefix
    with pytest.raises(Unsupported, match=r"physical name.*TableName"):
        table_request("T", {"KeySchema": [], "TableName": "fixed"})


# ------------------------------------------------------------------ buckets
def test_bucket_encryption_uses_the_api_spelling(template: Template) -> None:
    # Given DocumentsBucket with aws:kms default encryption and a bucket key
    request = bucket_request("DocumentsBucket", _props(template, "DocumentsBucket"))
    # Then PutBucketEncryption gets ApplyServerSideEncryptionByDefault, as the S3 API spells it
    assert request.encryption == {
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}, "BucketKeyEnabled": True}]
    }


def test_bucket_public_access_block_and_ownership_pass_through(template: Template) -> None:
    # Given every bucket of the template / When translated
    for bucket in template.buckets():
        request = bucket_request(bucket.logical_id, resolve_deep(template, bucket.properties))
        # Then public access is fully blocked and ACLs are disabled, as declared
        assert request.public_access_block == {
            "BlockPublicAcls": True,
            "BlockPublicPolicy": True,
            "IgnorePublicAcls": True,
            "RestrictPublicBuckets": True,
        }
        assert request.ownership_controls == {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}


def test_only_buckets_that_declare_versioning_get_it(template: Template) -> None:
    # Given the artifacts bucket (versioned) and the documents bucket (not)
    artifacts = bucket_request("ArtifactsBucket", _props(template, "ArtifactsBucket"))
    documents = bucket_request("DocumentsBucket", _props(template, "DocumentsBucket"))
    # Then only the first asks for versioning
    assert artifacts.versioning == {"Status": "Enabled"}
    assert documents.versioning is None


def test_lifecycle_rules_are_reported_as_not_applied() -> None:
    # Given a bucket with lifecycle rules / When translated / Then they are listed as not applied
    request = bucket_request("B", {"LifecycleConfiguration": {"Rules": []}})
    assert [r.split(":")[0] for r in request.not_applied] == ["LifecycleConfiguration"]


def test_bucket_notifications_are_refused_by_name() -> None:
    # Given a bucket that notifies (code would depend on it) / When translated / Then refused
    with pytest.raises(Unsupported, match="NotificationConfiguration"):
        bucket_request("B", {"NotificationConfiguration": {}})


# ------------------------------------------------------------------- queues
def test_failure_queue_attributes_are_strings(template: Template) -> None:
    # Given FailureQueue (14 days retention, SQS-managed SSE) / When translated
    request = queue_request("FailureQueue", _props(template, "FailureQueue"))
    # Then attributes are the strings SQS expects
    assert request.attributes == {"MessageRetentionPeriod": "1209600", "SqsManagedSseEnabled": "true"}
    assert request.fifo is False


def test_redrive_policy_is_json_and_set_separately() -> None:
    # Given a queue with a resolved redrive policy
    props = {"RedrivePolicy": {"deadLetterTargetArn": "arn:aws:sqs:us-east-1:1:dlq", "maxReceiveCount": 3}}
    # When translated / Then the queue request leaves it out and the link request carries it as JSON
    assert queue_request("Q", props).attributes == {}
    link = queue_link_attributes(props)
    assert json.loads(link["RedrivePolicy"]) == props["RedrivePolicy"]


def test_fifo_queue_with_tags() -> None:
    # Given a FIFO queue with tags / When translated / Then it is fifo and tags become a dict
    request = queue_request("Q", {"FifoQueue": True, "Tags": [{"Key": "team", "Value": "talent"}]})
    assert request.fifo is True
    assert request.tags == {"team": "talent"}
