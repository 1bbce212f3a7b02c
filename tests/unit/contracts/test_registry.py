"""Event decoding: valid samples parse; every kind of bad record gets a reason a person can act on."""

from __future__ import annotations

import json

import pytest

from talent.contracts.registry import InvalidEvent, parse_event
from tests.factories import SAMPLES, sample


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_every_committed_sample_parses(path):
    event = parse_event(path.read_bytes())
    assert event.tenant == "acme"


def test_not_json_is_rejected_with_reason():
    with pytest.raises(InvalidEvent, match="not JSON"):
        parse_event(b"\x00\x01 not json")


def test_empty_value_is_rejected():
    with pytest.raises(InvalidEvent, match="empty"):
        parse_event(b"")


def test_json_array_is_rejected():
    with pytest.raises(InvalidEvent, match="JSON object"):
        parse_event(b"[1, 2]")


def test_unknown_type_is_rejected():
    doc = sample("job.posted")
    doc["type"] = "job.deleted.v9"
    with pytest.raises(InvalidEvent, match=r"unknown event type 'job\.deleted\.v9'"):
        parse_event(json.dumps(doc))


def test_missing_tenant_is_rejected_and_keeps_event_id():
    doc = sample("job.posted")
    del doc["tenant"]
    with pytest.raises(InvalidEvent, match="missing tenant") as info:
        parse_event(json.dumps(doc))
    assert info.value.event_id == "evt-job-1-v1"


def test_schema_error_names_the_field():
    doc = sample("job.posted", version=0)
    with pytest.raises(InvalidEvent, match=r"data\.version"):
        parse_event(json.dumps(doc))


def test_unknown_field_is_rejected():
    doc = sample("job.posted")
    doc["data"]["salary_of_previous_job"] = 1
    with pytest.raises(InvalidEvent, match="salary_of_previous_job"):
        parse_event(json.dumps(doc))


def test_event_on_the_wrong_topic_is_rejected():
    with pytest.raises(InvalidEvent, match="does not belong on this topic"):
        parse_event(json.dumps(sample("job.posted")), accepts=("application.submitted.v1",))


def test_identifier_with_path_characters_is_rejected():
    doc = sample("application.submitted.1", application_id="../../other-tenant")
    with pytest.raises(InvalidEvent, match="application_id"):
        parse_event(json.dumps(doc))


def test_inline_document_must_be_base64():
    doc = sample("application.submitted.1")
    doc["data"]["resume"]["location"]["content_base64"] = "not base64!!"
    with pytest.raises(InvalidEvent, match="base64"):
        parse_event(json.dumps(doc))


def test_oversize_event_is_rejected_before_parsing():
    with pytest.raises(InvalidEvent, match="more than"):
        parse_event(b"{" + b" " * 1_048_577 + b"}")
