"""Small readers over a translated (plain CloudFormation) template, shared by the infra tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Resources = dict[str, dict[str, Any]]

ESM_TYPE = "AWS::Lambda::EventSourceMapping"
# The on-failure destination of every Kafka mapping.
FAILURE_QUEUE = "FailureQueue"
# Settings that say where the records come from; everything else must match between twins.
SOURCE_KEYS = frozenset(
    {
        "EventSourceArn",
        "SelfManagedEventSource",
        "SourceAccessConfigurations",
        "AmazonManagedKafkaEventSourceConfig",
        "SelfManagedKafkaEventSourceConfig",
    }
)


def as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def of_type(resources: Resources, resource_type: str) -> Resources:
    return {name: res for name, res in resources.items() if res.get("Type") == resource_type}


def properties(resource: dict[str, Any]) -> dict[str, Any]:
    props: dict[str, Any] = resource.get("Properties", {})
    return props


def kafka_mappings(resources: Resources) -> Resources:
    """Event source mappings that read Kafka topics (MSK or self-managed)."""
    return {name: res for name, res in of_type(resources, ESM_TYPE).items() if "Topics" in properties(res)}


def is_self_managed(mapping: dict[str, Any]) -> bool:
    return "SelfManagedEventSource" in properties(mapping)


def consumer_group(mapping: dict[str, Any]) -> Any:
    props = properties(mapping)
    config = props.get("SelfManagedKafkaEventSourceConfig") or props.get("AmazonManagedKafkaEventSourceConfig")
    return (config or {}).get("ConsumerGroupId")


def twin_key(mapping: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    """Which consumer a mapping feeds: the function and the topics it reads."""
    props = properties(mapping)
    return repr(props.get("FunctionName")), tuple(sorted(props.get("Topics", [])))


def consumer_settings(mapping: dict[str, Any]) -> dict[str, Any]:
    settings = {key: value for key, value in properties(mapping).items() if key not in SOURCE_KEYS}
    settings["ConsumerGroupId"] = consumer_group(mapping)
    return settings


def equals_condition(conditions: dict[str, Any], name: str) -> tuple[str, Any] | None:
    """(parameter, value) for a condition of the form !Equals [!Ref Parameter, value]."""
    definition = conditions.get(name, {})
    operands = definition.get("Fn::Equals") if isinstance(definition, dict) else None
    if not isinstance(operands, list) or len(operands) != 2:
        return None
    refs = [op["Ref"] for op in operands if isinstance(op, dict) and set(op) == {"Ref"}]
    values = [op for op in operands if not isinstance(op, dict)]
    if len(refs) != 1 or len(values) != 1:
        return None
    return refs[0], values[0]


def are_exclusive_and_exhaustive(template: dict[str, Any], first: str, second: str) -> bool:
    """True when exactly one of the two conditions holds for every allowed parameter value."""
    conditions = template.get("Conditions", {})
    negation = {"Fn::Not": [{"Condition": first}]}
    if conditions.get(second) == negation or conditions.get(first) == {"Fn::Not": [{"Condition": second}]}:
        return True
    one, other = equals_condition(conditions, first), equals_condition(conditions, second)
    if one is None or other is None or one[0] != other[0] or one[1] == other[1]:
        return False
    allowed = template.get("Parameters", {}).get(one[0], {}).get("AllowedValues")
    return isinstance(allowed, list) and sorted(map(str, allowed)) == sorted(map(str, (one[1], other[1])))


def identity_policy_statements(resources: Resources) -> Iterator[tuple[str, dict[str, Any]]]:
    """(where, statement) for every statement of every role's inline policies and every
    IAM managed or standalone policy in the template."""
    for name, res in resources.items():
        props = properties(res)
        documents: list[tuple[str, Any]] = []
        if res.get("Type") == "AWS::IAM::Role":
            documents = [
                (f"{name}/{policy.get('PolicyName')}", policy.get("PolicyDocument", {}))
                for policy in props.get("Policies", [])
            ]
        elif res.get("Type") in ("AWS::IAM::ManagedPolicy", "AWS::IAM::Policy"):
            documents = [(name, props.get("PolicyDocument", {}))]
        for where, document in documents:
            for index, statement in enumerate(as_list(document.get("Statement", []))):
                yield f"{where}#{statement.get('Sid', index)}", statement


def action_names(statement: dict[str, Any]) -> list[str]:
    return [str(action) for action in as_list(statement.get("Action", []))]
