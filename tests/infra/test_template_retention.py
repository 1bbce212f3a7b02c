"""template.yaml states how long every store keeps what it holds (docs/security.md, "Retention")."""

from __future__ import annotations

from typing import Any

from tests.infra.cfn import Resources, kafka_mappings, of_type, properties
from tests.infra.sam import Template

SIX_MONTHS_DAYS = 183  # EU AI Act Art. 19 / 26(6): automatically generated logs kept at least six months
FAILURE_QUEUE_DAYS = 14


def _expiry_days(bucket: dict[str, Any]) -> list[int]:
    rules = properties(bucket).get("LifecycleConfiguration", {}).get("Rules", [])
    return [
        int(rule["ExpirationInDays"])
        for rule in rules
        if rule.get("Status") == "Enabled" and "ExpirationInDays" in rule
    ]


def _expires_something(bucket: dict[str, Any]) -> bool:
    rules = properties(bucket).get("LifecycleConfiguration", {}).get("Rules", [])
    return any(
        rule.get("Status") == "Enabled" and ("ExpirationInDays" in rule or "NoncurrentVersionExpiration" in rule)
        for rule in rules
    )


def _audit_retention_days(sam_template: Template) -> int:
    variables = sam_template["Globals"]["Function"]["Environment"]["Variables"]
    return int(variables["AUDIT_RETENTION_DAYS"])


def test_every_bucket_states_how_long_it_keeps_objects(cfn_resources: Resources) -> None:
    # Given every bucket
    buckets = of_type(cfn_resources, "AWS::S3::Bucket")
    # When their lifecycle rules are read
    without = [name for name, bucket in buckets.items() if not _expires_something(bucket)]
    # Then each has an enabled rule that expires current or noncurrent objects
    assert buckets
    assert without == []


def test_every_table_with_expiring_items_declares_its_ttl_attribute(cfn_resources: Resources) -> None:
    # Given every table
    tables = of_type(cfn_resources, "AWS::DynamoDB::Table")
    # When their TTL settings are read
    ttl = {name: properties(t).get("TimeToLiveSpecification", {}) for name, t in tables.items()}
    # Then both the talent table (audit entries) and the idempotency table expire items by attribute
    assert ttl["TalentTable"] == {"AttributeName": "expires_at", "Enabled": True}
    assert ttl["IdempotencyTable"] == {"AttributeName": "expiration", "Enabled": True}


def test_audit_entries_are_kept_at_least_six_months(sam_template: Template) -> None:
    # Given the functions' configured audit retention
    days = _audit_retention_days(sam_template)
    # Then it is at least six months
    assert days >= SIX_MONTHS_DAYS


def test_quarantined_raw_records_live_no_longer_than_the_failure_queue_messages(cfn_resources: Resources) -> None:
    # Given the quarantine bucket and the failure queue
    quarantine = cfn_resources["QuarantineBucket"]
    queue_days = int(properties(cfn_resources["FailureQueue"])["MessageRetentionPeriod"]) // 86400
    # Then raw records expire with the messages that point at them, encrypted and private meanwhile
    assert queue_days == FAILURE_QUEUE_DAYS
    assert _expiry_days(quarantine) == [FAILURE_QUEUE_DAYS]
    sse = properties(quarantine)["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
    assert sse["ServerSideEncryptionByDefault"]["SSEAlgorithm"] == "aws:kms"
    assert all(properties(quarantine)["PublicAccessBlockConfiguration"].values())


def test_topics_keep_records_for_a_stated_time_and_mappings_stop_before_it(cfn_resources: Resources) -> None:
    # Given the broker configuration the template ships and every Kafka mapping
    configs = of_type(cfn_resources, "AWS::MSK::Configuration")
    server_properties = "\n".join(str(properties(c)["ServerProperties"]) for c in configs.values())
    retention_ms = [
        int(line.split("=", 1)[1]) for line in server_properties.splitlines() if line.startswith("log.retention.ms=")
    ]
    ages = {name: properties(m).get("MaximumRecordAgeInSeconds") for name, m in kafka_mappings(cfn_resources).items()}
    # Then topics keep records for at most 7 days, and every mapping gives up on a record well before that
    assert retention_ms == [7 * 24 * 3600 * 1000]
    assert ages and all(isinstance(a, int) and 60 <= a < retention_ms[0] // 1000 for a in ages.values()), ages


def test_every_function_log_group_is_kept_at_least_six_months_and_not_forever(cfn_resources: Resources) -> None:
    # Given every function and every log group of the translated template
    functions = of_type(cfn_resources, "AWS::Lambda::Function")
    groups = of_type(cfn_resources, "AWS::Logs::LogGroup")

    # When log groups are matched to the function whose logs they hold
    def function_of(group: dict[str, Any]) -> str:
        return str(properties(group)["LogGroupName"]["Fn::Sub"]).removeprefix("/aws/lambda/${").removesuffix("}")

    retention = {function_of(g): properties(g).get("RetentionInDays") for g in groups.values()}
    # Then each function has one, kept as long as the audit entries (its logs are the system's logs too)
    assert functions
    assert {name: retention.get(name) for name in functions} == dict.fromkeys(functions, 400)
