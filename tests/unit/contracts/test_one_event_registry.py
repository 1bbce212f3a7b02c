"""One list of event types (`TOPIC_OF_MODEL`): the union the decoder parses, the topic a producer picks and
the types each consumer accepts all come from it, and the template's mappings agree."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest

from talent.contracts.registry import EVENT_MODELS, TOPIC_OF_MODEL, TOPIC_OF_TYPE, AnyEvent, types_on
from talent.contracts.topics import Topic
from talent.runtime.consumers import ACCEPTS
from talent_tools.local.template import Template


def test_the_union_the_decoder_parses_is_the_registry() -> None:
    union, _discriminator = get_args(AnyEvent)
    assert set(get_args(union)) == set(EVENT_MODELS) == set(TOPIC_OF_MODEL)


def test_every_event_type_has_one_topic_and_every_ats_topic_carries_one() -> None:
    assert len(TOPIC_OF_TYPE) == len(EVENT_MODELS)
    assert set(Topic) == set(TOPIC_OF_TYPE.values())
    assert types_on(Topic.JOBS) == ("job.posted.v1", "job.updated.v1", "job.closed.v1")


@pytest.mark.parametrize("source", ["MSK", "SelfManaged"])
def test_each_consumer_accepts_exactly_the_types_on_the_topic_its_mapping_reads(repo_root: Path, source: str) -> None:
    mappings = Template(repo_root / "template.yaml", {"KafkaSource": source}).kafka_mappings()
    assert {m.function for m in mappings} == set(ACCEPTS)
    for mapping in mappings:
        (topic,) = mapping.topics
        assert ACCEPTS[mapping.function] == types_on(Topic(topic)), mapping.function
