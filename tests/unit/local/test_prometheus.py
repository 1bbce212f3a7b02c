"""EMF lines in function logs become Prometheus families (prometheus-client's exposition: HELP, TYPE, escaped
labels, seconds, an `outcome` label); partial lines wait for their end."""

from __future__ import annotations

import json
from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from talent_tools.local.prometheus import EmfTotals, exposition, snake


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


def scrape(totals: EmfTotals, runners: dict[str, dict[str, int]] | None = None) -> dict[tuple[str, tuple], float]:
    """Every sample of a scrape, parsed back by prometheus-client's own parser."""
    text = exposition(totals, lambda: runners or {}).decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_counts_and_timings_accumulate_across_scrapes(tmp_path: Path) -> None:
    log = tmp_path / "ingest_application.log"
    log.write_text('{"level":"INFO","message":"record processed"}\n' + emf(ApplicationAccepted=("Count", 1.0)) + "\n")
    totals = EmfTotals({"ingest_application": log})
    accepted = (
        "talent_events_total",
        (("event", "application"), ("function", "ingest_application"), ("outcome", "accepted")),
    )
    assert scrape(totals)[accepted] == 1
    with log.open("a") as handle:
        handle.write(
            emf(ApplicationAccepted=("Count", [1.0, 1.0]), RecordProcessingTime=("Milliseconds", [10.0, 30.0]))
        )
    # the line has no newline yet: not counted until it is complete
    assert scrape(totals)[accepted] == 1
    with log.open("a") as handle:
        handle.write("\n")
    samples = scrape(totals)
    assert samples[accepted] == 3
    function = (("function", "ingest_application"),)
    assert samples[("talent_record_processing_seconds_sum", function)] == 0.04  # milliseconds become seconds
    assert samples[("talent_record_processing_seconds_count", function)] == 2


def test_outcomes_are_labels_and_the_exposition_says_what_each_family_is(tmp_path: Path) -> None:
    log = tmp_path / "sync_jobs.log"
    lines = [
        emf(ScreeningScreened=("Count", 2.0), ScreeningWaitingForJob=("Count", 1.0)),
        emf(InvalidRecords=("Count", 1.0), RefusedRecords=("Count", 1.0), JobStale=("Count", 1.0)),
    ]
    log.write_text("\n".join(lines) + "\n")
    totals = EmfTotals({"sync_jobs": log})
    samples = scrape(totals, {"sync_jobs": {"records_committed": 4}})
    fn = ("function", "sync_jobs")
    assert samples[("talent_screenings_total", (fn, ("outcome", "screened")))] == 2
    assert samples[("talent_screenings_total", (fn, ("outcome", "waiting_for_job")))] == 1
    assert samples[("talent_parked_records_total", (fn, ("reason", "invalid")))] == 1
    assert samples[("talent_parked_records_total", (fn, ("reason", "refused")))] == 1
    assert samples[("talent_events_total", (("event", "job"), fn, ("outcome", "stale")))] == 1
    assert samples[("talent_mapping_records_committed_total", (fn,))] == 4
    text = exposition(totals, dict).decode()
    assert "# TYPE talent_events_total counter" in text and "# HELP talent_screenings_total" in text


def test_a_label_value_is_escaped(tmp_path: Path) -> None:
    log = tmp_path / "x.log"
    log.write_text(emf(ApplicationAccepted=("Count", 1.0)) + "\n")
    text = exposition(EmfTotals({'odd"name\\': log}), dict).decode()
    assert 'function="odd\\"name\\\\"' in text


def test_names() -> None:
    assert snake("ScreeningRejectedDocument") == "screening_rejected_document"
