"""template.yaml, translated by aws-sam-translator: least-privilege IAM and encrypted, private storage."""

from __future__ import annotations

from tests.infra.cfn import (
    FAILURE_QUEUE,
    Resources,
    action_names,
    as_list,
    identity_policy_statements,
    of_type,
    properties,
)

# The one statement allowed Resource "*": these EC2 actions have no resource-level permissions.
NETWORK_INTERFACE_SID = "VpcNetworkInterfaces"
NETWORK_INTERFACE_ACTIONS = frozenset(
    {
        "ec2:CreateNetworkInterface",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DeleteNetworkInterface",
        "ec2:DescribeVpcs",
        "ec2:DescribeSubnets",
        "ec2:DescribeSecurityGroups",
    }
)


# ------------------------------------------------------------------------------- IAM


def test_no_policy_statement_grants_a_wildcard_action(cfn_resources: Resources) -> None:
    # Given every statement of every role and managed policy
    statements = list(identity_policy_statements(cfn_resources))
    # When the actions are read
    wildcards = {
        where: [action for action in action_names(statement) if "*" in action] for where, statement in statements
    }
    # Then none contains '*' ('*', 'svc:*', 'svc:Get*', ...)
    assert statements
    assert {where: actions for where, actions in wildcards.items() if actions} == {}


def test_only_the_network_interface_statement_grants_every_resource(cfn_resources: Resources) -> None:
    # Given every statement of every role and managed policy
    statements = identity_policy_statements(cfn_resources)
    # When the statements on Resource '*' are listed
    unscoped = {where: statement for where, statement in statements if "*" in as_list(statement.get("Resource", []))}
    # Then the only one is the EC2 network-interface statement, with EC2 network actions only
    offenders = {
        where: statement
        for where, statement in unscoped.items()
        if statement.get("Sid") != NETWORK_INTERFACE_SID
        or not set(action_names(statement)) <= NETWORK_INTERFACE_ACTIONS
    }
    assert offenders == {}


# ---------------------------------------------------------------------------- storage


def test_tables_have_point_in_time_recovery(cfn_resources: Resources) -> None:
    # Given every DynamoDB table
    tables = of_type(cfn_resources, "AWS::DynamoDB::Table")
    # When their backup settings are read
    without = [
        name
        for name, table in tables.items()
        if properties(table).get("PointInTimeRecoverySpecification", {}).get("PointInTimeRecoveryEnabled") is not True
    ]
    # Then point-in-time recovery is on for all
    assert tables
    assert without == []


def test_tables_are_encrypted(cfn_resources: Resources) -> None:
    # Given every DynamoDB table
    tables = of_type(cfn_resources, "AWS::DynamoDB::Table")
    # When their encryption settings are read
    without = [
        name
        for name, table in tables.items()
        if properties(table).get("SSESpecification", {}).get("SSEEnabled") is not True
    ]
    # Then server-side encryption is enabled for all
    assert tables
    assert without == []


def test_buckets_block_all_public_access(cfn_resources: Resources) -> None:
    # Given every S3 bucket
    buckets = of_type(cfn_resources, "AWS::S3::Bucket")
    flags = ("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")
    # When the public access block is read
    open_flags = {
        name: [f for f in flags if properties(b).get("PublicAccessBlockConfiguration", {}).get(f) is not True]
        for name, b in buckets.items()
    }
    # Then all four flags are true on every bucket
    assert buckets
    assert {name: f for name, f in open_flags.items() if f} == {}


def test_buckets_are_encrypted(cfn_resources: Resources) -> None:
    # Given every S3 bucket
    buckets = of_type(cfn_resources, "AWS::S3::Bucket")
    # When the default encryption rules are read
    algorithms = {
        name: [
            rule.get("ServerSideEncryptionByDefault", {}).get("SSEAlgorithm")
            for rule in properties(b).get("BucketEncryption", {}).get("ServerSideEncryptionConfiguration", [])
        ]
        for name, b in buckets.items()
    }
    # Then every bucket names an encryption algorithm
    assert buckets
    assert {name: a for name, a in algorithms.items() if not a or None in a} == {}


def test_failure_queue_is_encrypted(cfn_resources: Resources) -> None:
    # Given the failure queue
    queue = properties(cfn_resources[FAILURE_QUEUE])
    # When its encryption settings are read
    encrypted = queue.get("SqsManagedSseEnabled") is True or "KmsMasterKeyId" in queue
    # Then SQS-managed or KMS encryption is on
    assert encrypted
