"""template.yaml, translated: resumes sent by reference come from an import bucket only the intake may read,
and only under tenants/ (issue 15, finding 1: the intake's role could read every tenant's stored resumes
through any location an event named)."""

from __future__ import annotations

import json
from typing import Any

from tests.infra.cfn import Resources, action_names, identity_policy_statements, properties

IMPORT_BUCKET = "ImportBucket"
INTAKE = "IngestApplicationFunction"
TENANT_IMPORTS = {"Fn::Sub": "${ImportBucket.Arn}/tenants/*"}
READ_ONLY = {"s3:GetObject", "s3:GetObjectVersion"}


def statements_naming(resources: Resources, logical_id: str) -> dict[str, dict[str, Any]]:
    """Every IAM statement (roles, managed policies) whose resources mention `logical_id`."""
    return {
        where: statement
        for where, statement in identity_policy_statements(resources)
        if logical_id in json.dumps(statement.get("Resource"))
    }


def test_only_the_intake_may_read_the_import_bucket_and_only_under_tenants(cfn_resources: Resources) -> None:
    # Given every IAM statement that names the import bucket
    granted = statements_naming(cfn_resources, IMPORT_BUCKET)
    # Then there is one: the intake's role reads objects under tenants/, nothing else, nowhere else
    assert [where.split("/")[0] for where in granted] == [f"{INTAKE}Role"]
    (statement,) = granted.values()
    assert statement["Effect"] == "Allow"
    assert set(action_names(statement)) == READ_ONLY
    assert statement["Resource"] == TENANT_IMPORTS


def test_the_intake_is_told_the_import_bucket(cfn_resources: Resources) -> None:
    # Given the intake function's environment
    variables = properties(cfn_resources[INTAKE])["Environment"]["Variables"]
    # Then IMPORT_BUCKET names the import bucket, apart from the buckets the platform writes
    assert variables["IMPORT_BUCKET"] == {"Ref": IMPORT_BUCKET}
    assert variables["DOCUMENTS_BUCKET"] != variables["IMPORT_BUCKET"]
    assert variables["LAKE_BUCKET"] != variables["IMPORT_BUCKET"]


def test_dropped_resumes_expire_and_travel_encrypted(cfn_resources: Resources) -> None:
    # Given the import bucket, its lifecycle and its bucket policy
    bucket = properties(cfn_resources[IMPORT_BUCKET])
    rules = bucket["LifecycleConfiguration"]["Rules"]
    policies = [
        properties(r)
        for r in cfn_resources.values()
        if r["Type"] == "AWS::S3::BucketPolicy" and properties(r)["Bucket"] == {"Ref": IMPORT_BUCKET}
    ]
    # Then a resume left there expires within the failure queue's 14 days, and plain HTTP is refused
    expiring = [r for r in rules if r["Status"] == "Enabled" and "ExpirationInDays" in r]
    assert expiring and max(r["ExpirationInDays"] for r in expiring) <= 14
    assert bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"]
    (policy,) = policies
    (deny,) = policy["PolicyDocument"]["Statement"]
    assert deny["Effect"] == "Deny" and deny["Condition"] == {"Bool": {"aws:SecureTransport": "false"}}
