"""JSON Schema for integrators, generated from the models (never written by hand)."""

from __future__ import annotations

import json
from pathlib import Path

from talent.contracts.registry import EVENT_TYPES, TOPIC_OF_TYPE


def schemas() -> dict[str, dict[str, object]]:
    out = {}
    for event_type, model in sorted(EVENT_TYPES.items()):
        schema = model.model_json_schema(mode="validation")
        schema["$id"] = f"https://talent-screening.dev/schemas/{event_type}.json"
        schema["title"] = event_type
        schema["x-topic"] = str(TOPIC_OF_TYPE[event_type])
        out[event_type] = schema
    return out


def export(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for event_type, schema in schemas().items():
        path = directory / f"{event_type}.schema.json"
        path.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        written.append(path)
    return written
