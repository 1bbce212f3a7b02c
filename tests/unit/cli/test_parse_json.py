"""`talent parse --json`: the profile contract other tools read (extended, never broken)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from talent_tools.cli.main import app

runner = CliRunner()

RESUME = """Dana Smith
dana.smith@example.com

WORK EXPERIENCE

Build Engineer
Acme Corp - June 2016 to March 2019
Kept the Jenkins pipelines and Python tooling running.

SKILLS

Jenkins (3 years), Python (3 years), UDeploy (Less than 1 year)
"""

PROFILE_KEYS = {
    "schema_version",
    "blinded",
    "personal",
    "headline",
    "summary",
    "sections_found",
    "experience",
    "total_experience_months",
    "education",
    "certifications",
    "languages",
    "skills",
    "listed_skills",
    "warnings",
    "document",
}


def _parse(path: Path, *extra: str) -> dict:
    result = runner.invoke(app, ["--quiet", "parse", str(path), "--json", "--document-date", "2024-06-01", *extra])
    assert result.exit_code == 0, result.output
    (line,) = [ln for ln in result.output.splitlines() if ln.strip()]
    return json.loads(line)


def test_one_line_per_file_with_every_profile_field(tmp_path: Path) -> None:
    resume = tmp_path / "dana.txt"
    resume.write_text(RESUME, encoding="utf-8")
    body = _parse(resume)
    assert body["file"] == str(resume)
    profile = body["profile"]
    assert set(profile) == PROFILE_KEYS and profile["schema_version"] == "resume-profile.v1"
    # Linked skills carry their taxonomy id and where the resume says them
    jenkins = next(s for s in profile["skills"] if s["label"].lower().startswith("jenkins"))
    assert jenkins["skill_id"] and {e["section"] for e in jenkins["evidence"]} >= {"skills"}
    # A listed item no taxonomy entry names keeps its words and offsets into the text
    listed = {item["text"]: item for item in profile["listed_skills"]}
    assert "UDeploy" in listed
    assert RESUME[listed["UDeploy"]["start"] : listed["UDeploy"]["end"]] == "UDeploy"
    assert "Jenkins" not in listed and "Python" not in listed


def test_blind_profile_has_no_personal_fields(tmp_path: Path) -> None:
    resume = tmp_path / "dana.txt"
    resume.write_text(RESUME, encoding="utf-8")
    profile = _parse(resume, "--blind")["profile"]
    assert profile["blinded"] is True and profile["personal"]["name"] is None
    assert "Dana" not in json.dumps(profile)
