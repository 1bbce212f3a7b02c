"""What provisioning will create, decided from the template alone: resource types and topics."""

from __future__ import annotations

from pathlib import Path

import pytest

from talent.contracts.topics import Topic
from talent_tools.local.aws_requests import Unsupported
from talent_tools.local.kafka_topics import template_topics
from talent_tools.local.provision import bind, check_resource_types
from talent_tools.local.template import PhysicalNames, Template

EXTRA_RESOURCES = """
Parameters:
  Stage: {{Type: String, Default: dev}}
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties: {{KeySchema: [{{AttributeName: id, KeyType: HASH}}]}}
{extra}
"""


def _template(tmp_path: Path, extra: str) -> Template:
    path = tmp_path / "template.yaml"
    path.write_text(EXTRA_RESOURCES.format(extra=extra))
    return Template(path)


def _fake_names(template: Template) -> PhysicalNames:
    names = PhysicalNames()
    logical_ids = [t.logical_id for t in template.tables()] + [b.logical_id for b in template.buckets()]
    for logical_id in logical_ids + [q.logical_id for q in template.queues()]:
        names.refs[logical_id] = f"fake-{logical_id}"
        names.attrs[(logical_id, "Arn")] = f"arn:fake:{logical_id}"
    return names


def test_the_project_template_has_only_types_the_local_stack_handles(repo_root: Path) -> None:
    # Given template.yaml, for both Kafka sources
    for source in ("MSK", "SelfManaged"):
        template = Template(repo_root / "template.yaml", {"KafkaSource": source})
        # When checked / Then nothing is refused
        check_resource_types(template)


def test_a_resource_type_the_local_stack_cannot_create_is_named(tmp_path: Path) -> None:
    # Given a template with a Kinesis stream
    template = _template(tmp_path, "  Events:\n    Type: AWS::Kinesis::Stream\n    Properties: {}")
    # When checked / Then the error names the resource and its type
    with pytest.raises(Unsupported, match=r"Events \(AWS::Kinesis::Stream\)"):
        check_resource_types(template)


def test_a_resource_whose_condition_is_false_is_not_checked(tmp_path: Path) -> None:
    # Given a Kinesis stream that exists only in prod
    extra = "  Events:\n    Type: AWS::Kinesis::Stream\n    Condition: IsProd\n    Properties: {}"
    template = _template(tmp_path, extra)
    # When checked for dev / Then it is not refused (it would not exist)
    check_resource_types(template)


def test_topics_are_the_mapped_topics_and_every_published_topic(repo_root: Path) -> None:
    # Given template.yaml bound to some names
    template = Template(repo_root / "template.yaml")
    bound = bind(template, _fake_names(template))
    # When its topics are listed
    topics = template_topics(bound)
    # Then every mapping's topics and every Topic member are there, with 3 partitions each
    mapped = {t for mapping in bound.kafka_mappings() for t in mapping.topics}
    assert set(topics) == mapped | {str(t) for t in Topic}
    assert Topic.SCREENINGS.value in topics  # published, read by no mapping here
    assert set(topics.values()) == {3}


def test_bind_leaves_the_original_template_unbound(repo_root: Path) -> None:
    # Given a template / When bound to names
    template = Template(repo_root / "template.yaml")
    names = _fake_names(template)
    bound = bind(template, names)
    # Then the bound copy resolves refs and the original still has no names
    assert bound.resolve({"Ref": "TalentTable"}) == "fake-TalentTable"
    assert template.names.refs == {}
