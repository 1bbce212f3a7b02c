"""The mappings' batching windows as the local runner reads them from the template."""

from __future__ import annotations

from pathlib import Path

from talent_tools.local.template import Template

REPO = Path(__file__).resolve().parents[3]


def test_the_screening_mapping_waits_lambdas_kafka_default_and_the_others_a_second() -> None:
    # Given the template's Kafka mappings, as the local runner reads them
    windows = {m.logical_id: m.max_batching_window_s for m in Template(REPO / "template.yaml").kafka_mappings()}
    # Then applications wait at most Lambda's 500 ms Kafka default (the property left out) before their batch runs
    assert [w for name, w in windows.items() if name.startswith("IngestApplication")] == [0.5]
    # And the mappings without a latency goal keep their 1 s window
    assert {w for name, w in windows.items() if not name.startswith("IngestApplication")} == {1.0}
