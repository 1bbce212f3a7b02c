"""EMF lines in function logs become Prometheus counters; partial lines wait for their end."""

from __future__ import annotations

import json
from pathlib import Path

from talent_tools.local.prometheus import EmfTotals, runner_exposition, snake


def emf(**metrics: tuple[str, float | list[float]]) -> str:
    return json.dumps(
        {
            "_aws": {
                "Timestamp": 0,
                "CloudWatchMetrics": [
                    {
                        "Namespace": "T",
                        "Dimensions": [["service"]],
                        "Metrics": [{"Name": name, "Unit": unit} for name, (unit, _) in metrics.items()],
                    }
                ],
            },
            "service": "talent",
            **{name: value for name, (_, value) in metrics.items()},
        }
    )


def test_counts_and_timings_accumulate_across_scrapes(tmp_path: Path) -> None:
    log = tmp_path / "ingest_application.log"
    log.write_text('{"level":"INFO","message":"record processed"}\n' + emf(ApplicationAccepted=("Count", 1.0)) + "\n")
    totals = EmfTotals({"ingest_application": log})
    first = totals.exposition()
    assert 'talent_application_accepted_total{function="ingest_application"} 1' in first
    with log.open("a") as handle:
        handle.write(
            emf(ApplicationAccepted=("Count", [1.0, 1.0]), RecordProcessingTime=("Milliseconds", [10.0, 30.0]))
        )
    # the line has no newline yet: not counted until it is complete
    assert 'talent_application_accepted_total{function="ingest_application"} 1' in totals.exposition()
    with log.open("a") as handle:
        handle.write("\n")
    text = totals.exposition()
    assert 'talent_application_accepted_total{function="ingest_application"} 3' in text
    assert 'talent_record_processing_time_ms_sum{function="ingest_application"} 40.000' in text
    assert 'talent_record_processing_time_ms_count{function="ingest_application"} 2' in text


def test_names_and_runner_counters() -> None:
    assert snake("ScreeningRejectedDocument") == "screening_rejected_document"
    text = runner_exposition({"sync_jobs": {"records_committed": 4}})
    assert text == 'talent_mapping_records_committed_total{function="sync_jobs"} 4'
