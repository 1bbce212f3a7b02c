"""template.yaml alarms on what operators must act on, and shows it on one dashboard (issue 17, item 2)."""

from __future__ import annotations

import json
from typing import Any

from tests.infra.cfn import Resources, kafka_mappings, of_type, properties

ALARM = "AWS::CloudWatch::Alarm"


def _alarms(resources: Resources) -> list[dict[str, Any]]:
    return [properties(alarm) for alarm in of_type(resources, ALARM).values()]


def _dimension(alarm: dict[str, Any], name: str) -> Any:
    return next(d["Value"] for d in alarm["Dimensions"] if d["Name"] == name)


def _watched(resources: Resources, namespace: str, metric: str) -> list[dict[str, Any]]:
    return [a for a in _alarms(resources) if (a["Namespace"], a["MetricName"]) == (namespace, metric)]


def _functions(resources: Resources) -> set[str]:
    return set(of_type(resources, "AWS::Lambda::Function"))


def test_every_function_alarms_on_errors_and_throttles(cfn_resources: Resources) -> None:
    for metric in ("Errors", "Throttles"):
        watched = {_dimension(a, "FunctionName")["Ref"] for a in _watched(cfn_resources, "AWS/Lambda", metric)}
        assert watched == _functions(cfn_resources), metric


def test_every_kafka_consumer_alarms_on_its_offset_lag(cfn_resources: Resources) -> None:
    consumers = {properties(m)["FunctionName"]["Ref"] for m in kafka_mappings(cfn_resources).values()}
    watched = {_dimension(a, "FunctionName")["Ref"] for a in _watched(cfn_resources, "AWS/Lambda", "OffsetLag")}
    assert consumers and watched == consumers


def test_the_failure_queue_alarms_on_any_parked_record_and_on_age(cfn_resources: Resources) -> None:
    depth = _watched(cfn_resources, "AWS/SQS", "ApproximateNumberOfMessagesVisible")
    age = _watched(cfn_resources, "AWS/SQS", "ApproximateAgeOfOldestMessage")
    assert [(a["Threshold"], a["ComparisonOperator"]) for a in depth] == [(0, "GreaterThanThreshold")]
    retention_s = properties(cfn_resources["FailureQueue"])["MessageRetentionPeriod"]
    assert len(age) == 1 and 0 < age[0]["Threshold"] < retention_s  # raised well before the queue drops it
    for alarm in depth + age:
        assert _dimension(alarm, "QueueName") == {"Fn::GetAtt": ["FailureQueue", "QueueName"]}


def test_the_hr_api_alarms_on_5xx_and_p99_latency_of_its_own_stage(cfn_resources: Resources) -> None:
    (api,) = of_type(cfn_resources, "AWS::ApiGateway::RestApi").values()
    (errors,) = _watched(cfn_resources, "AWS/ApiGateway", "5XXError")
    (latency,) = _watched(cfn_resources, "AWS/ApiGateway", "Latency")
    assert latency["ExtendedStatistic"] == "p99"
    for alarm in (errors, latency):
        assert _dimension(alarm, "ApiName") == properties(api)["Name"]


def test_every_alarm_notifies_the_given_topic_or_the_stacks_own(cfn_resources: Resources) -> None:
    alarms = _alarms(cfn_resources)
    assert len(alarms) >= 20
    topic = {"Fn::If": ["CreateAlarmTopic", {"Ref": "AlarmTopic"}, {"Ref": "AlarmTopicArn"}]}
    for alarm in alarms:
        assert alarm["AlarmActions"] == [topic]
        assert alarm["TreatMissingData"] == "notBreaching"  # no data (no traffic) is no incident


def test_the_dashboard_shows_every_alarmed_number(cfn_resources: Resources) -> None:
    (dashboard,) = of_type(cfn_resources, "AWS::CloudWatch::Dashboard").values()
    template = properties(dashboard)["DashboardBody"]["Fn::Sub"]
    body = json.loads(template)  # valid JSON before substitution: the ${...} sit inside strings
    shown = {tuple(m[:2]) for w in body["widgets"] for m in w["properties"]["metrics"]}
    alarmed = {(a["Namespace"], a["MetricName"]) for a in _alarms(cfn_resources)}
    assert alarmed <= shown
    for function in _functions(cfn_resources):
        assert f"${{{function}}}" in template, function
