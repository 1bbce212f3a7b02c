"""`talent score | rank | classify` with the built models on the bundled sample resumes."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from talent_tools.cli.main import app

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[3]
RESUMES = [str(ROOT / "events/documents/avery-data-engineer.txt"), str(ROOT / "events/documents/jordan-accountant.txt")]
DATA_JOB = (
    "Data Engineer\nBuild batch and streaming data pipelines.\nRequirements:\n- 3+ years of experience.\n"
    "- Python, SQL, Apache Kafka and Apache Spark.\nNice to have:\n- Airflow, dbt."
)
ACCOUNTING_JOB = (
    "Staff Accountant\nPrepare financial statements, reconcile accounts and support audits.\nRequirements:\n"
    "- Bachelor's degree in accounting.\n- 2+ years of experience.\n- Microsoft Excel and QuickBooks."
)


def jobs_file(tmp_path: Path) -> Path:
    path = tmp_path / "jobs.jsonl"
    path.write_text(
        json.dumps({"id": "data", "text": DATA_JOB}) + "\n" + json.dumps({"id": "acct", "text": ACCOUNTING_JOB})
    )
    return path


def test_score_prints_one_line_per_pair_and_each_resume_wins_its_own_job(tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", "--jobs", str(jobs_file(tmp_path)), *RESUMES, "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 4
    score = {(line["job_id"], Path(line["resume"]).stem): line["score"] for line in lines}
    assert score["data", "avery-data-engineer"] > score["data", "jordan-accountant"]
    assert score["acct", "jordan-accountant"] > score["acct", "avery-data-engineer"]
    first = lines[0]
    assert abs(first["baseline"] + sum(first["contributions"].values()) - first["score"]) < 1e-3
    assert (
        first["model_version"] and first["feature_spec_version"] == "features.v2" and len(first["input_sha256"]) == 64
    )


def test_score_refuses_a_malformed_jobs_file(tmp_path: Path) -> None:
    bad = tmp_path / "jobs.jsonl"
    bad.write_text('{"id": "x"}\n')
    result = runner.invoke(app, ["score", "--jobs", str(bad), *RESUMES])
    assert result.exit_code == 2 and "jobs.jsonl:1" in result.output


def test_rank_prints_a_table_and_reports_an_unreadable_resume(tmp_path: Path) -> None:
    job = tmp_path / "job.txt"
    job.write_text(DATA_JOB)
    result = runner.invoke(app, ["rank", "--job", str(job), *RESUMES, str(tmp_path / "missing.pdf"), "--top", "5"])
    assert result.exit_code == 1
    assert "missing.pdf" in result.output  # the error names the file
    assert result.output.index("avery") < result.output.index("jordan")  # the data engineer ranks first


def test_rank_json_gives_one_object_per_resume_best_first_and_an_error_object_per_bad_file(tmp_path: Path) -> None:
    job = tmp_path / "job.txt"
    job.write_text(DATA_JOB)
    result = runner.invoke(app, ["rank", "--job", str(job), *RESUMES, str(tmp_path / "missing.pdf"), "--json"])
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    ranked, errors = [x for x in lines if "rank" in x], [x for x in lines if "error" in x]
    assert [x["rank"] for x in ranked] == [1, 2] and Path(ranked[0]["resume"]).stem == "avery-data-engineer"
    assert ranked[0]["score"] >= ranked[1]["score"] and ranked[0]["job_id"] == "job.txt"
    assert {"contributions", "matched_skills", "missing_skills", "input_sha256"} <= ranked[0].keys()
    assert [Path(e["resume"]).name for e in errors] == ["missing.pdf"] and errors[0]["error"]["type"]


def test_classify_gives_a_distribution_over_the_families() -> None:
    result = runner.invoke(app, ["classify", RESUMES[1], "--json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert len(body["probabilities"]) == 24
    assert abs(sum(body["probabilities"].values()) - 1.0) < 1e-2
    assert body["family"] in {"ACCOUNTANT", "FINANCE", "BANKING"}
