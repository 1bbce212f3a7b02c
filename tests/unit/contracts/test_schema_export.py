"""The JSON Schemas in docs/schemas are generated from the models and must not drift."""

from __future__ import annotations

import json

from talent.contracts.registry import EVENT_TYPES, TOPIC_OF_TYPE
from talent_tools.contracts.schema_export import export, schemas


def test_every_event_type_has_a_topic():
    assert set(EVENT_TYPES) == set(TOPIC_OF_TYPE)


def test_committed_schemas_match_the_models(repo_root, tmp_path):
    generated = {p.name: p.read_text() for p in export(tmp_path)}
    committed = {p.name: p.read_text() for p in (repo_root / "docs" / "schemas").glob("*.schema.json")}
    assert committed == generated, "docs/schemas drifted: run `talent schema export`"


def test_schema_marks_tenant_and_id_required():
    for event_type, schema in schemas().items():
        required = schema["required"]
        assert isinstance(required, list)
        assert {"id", "tenant", "type", "data", "time", "source"} <= set(required), event_type
        json.dumps(schema)
