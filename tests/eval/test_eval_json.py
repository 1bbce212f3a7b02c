"""`talent eval <name> --json` prints the numbers its tables print, as one JSON object (on the real data).

Skips without ../shared/data; the ranker and classifier cases skip without `make models` artifacts.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from talent.data_paths import MODELS_DIR, DataUnavailable, shared_data_dir
from talent_tools.cli.main import app

pytestmark = pytest.mark.data


@pytest.fixture(scope="module", autouse=True)
def _data() -> None:
    try:
        shared_data_dir()
    except DataUnavailable as exc:
        pytest.skip(str(exc))


def run_json(*command: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["eval", *command, "--json"])
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_jobs() -> None:
    from talent_tools.evaluation.jobs import run

    report = run_json("jobs", "--limit", "5")
    assert report["jobs"]["postings"] == run(limit=5).postings == 5


def test_skills_alias_rows() -> None:
    from talent.skills.extract import default_extractor
    from talent_tools.skills.evaluate import evaluate_skillspan

    report = run_json("skills", "--alias-only")
    expected = evaluate_skillspan(default_extractor())["rows"]["combined"]["exact"]["f1"]
    assert report["skillspan"]["alias"]["rows"]["combined"]["exact"]["f1"] == pytest.approx(expected)
    assert set(report) == {"skillspan", "published_skillspan_f1"}  # --alias-only: no tagger sections


def test_parser_without_robustness() -> None:
    report = run_json("parser", "--no-robustness")
    assert [r["split"] for r in report["dataturks"]] == ["dev", "test"]
    skills = report["dataturks"][1]["fields"]["skills"]
    assert 0 < skills["precision"] <= 1 and 0 < skills["recall"] <= 1


@pytest.mark.skipif(not (MODELS_DIR / "ranker" / "model.onnx").is_file(), reason="needs `make models`")
def test_ranker_fast() -> None:
    report = run_json("ranker", "--fast")
    methods = report["benchmark"]["methods"]
    assert methods[0]["method"].startswith("ranker") and 0 < methods[0]["ndcg_at_10"] <= 1
    assert len(methods) > 1  # the baselines beside it
    rows = {row["key"]: row for row in report["fit_suite"]["rows"] if row["key"]}
    assert "fit_auc_minor" in rows and "ranker" in rows["fit_auc_minor"]["values"]
    assert all(path.endswith(".png") for path in report["plots"])


@pytest.mark.skipif(not (MODELS_DIR / "job_family" / "model.onnx").is_file(), reason="needs `make models`")
def test_classifier() -> None:
    report = run_json("classifier")
    served = report["served"]
    assert 0 < served["top1"] <= served["top3"] <= 1
    assert len(served["confusion"]) == len(report["families"]) and report["baselines"]
