"""HR feedback rows joined as training joins them, and scored per (tenant, job)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

import pytest

from talent.ranking.ranker import OnnxRanker
from talent_tools.evaluation.ranking.feedback import queries, row
from tests.unit.evaluation.test_suite import NAMES, LinearRanker


def _screening(application: str, features: list[float], spec: str = "features.v1", version: int = 1) -> dict[str, Any]:
    return {
        "tenant": "t1",
        "application_id": application,
        "job_version": version,
        "occurred_at": datetime(2026, 1, version, tzinfo=UTC),
        "feature_spec_version": spec,
        "feature_names": NAMES,
        "features": features,
    }


def _decision(application: str, stage: str, day: int = 5) -> dict[str, Any]:
    return {
        "tenant": "t1",
        "application_id": application,
        "job_id": "job-1",
        "to_stage": stage,
        "occurred_at": datetime(2026, 1, day, tzinfo=UTC),
    }


def test_the_latest_decision_and_screening_of_each_application_make_one_query() -> None:
    screenings = [
        _screening("a", [0.9, 0.9]),
        _screening("b", [0.1, 0.1], version=1),
        _screening("b", [0.2, 0.2], version=2),
        _screening("c", [0.5, 0.5], spec="features.v0"),  # another spec: left out
    ]
    decisions = [
        _decision("a", "interview", 3),
        _decision("a", "hired", 9),
        _decision("b", "rejected"),
        _decision("c", "hired"),
    ]
    (found,) = queries(screenings, decisions, NAMES, "features.v1")
    features, grades = found
    assert grades.tolist() == [2, 0]
    assert features[1].tolist() == pytest.approx([0.2, 0.2])


def test_a_job_with_one_grade_teaches_no_order_and_is_left_out() -> None:
    assert queries([_screening("a", [1.0, 1.0])], [_decision("a", "hired")], NAMES, "features.v1") == []


def test_a_ranker_that_agrees_with_hr_scores_one() -> None:
    screenings = [_screening("a", [0.9, 0.9]), _screening("b", [0.1, 0.1])]
    found = queries(screenings, [_decision("a", "offer"), _decision("b", "rejected")], NAMES, "features.v1")
    assert row(found, cast(OnnxRanker, LinearRanker([1.0, 1.0]))).values["ranker"] == pytest.approx(1.0)
