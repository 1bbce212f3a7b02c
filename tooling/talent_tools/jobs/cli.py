"""`talent job FILE --json`: the parsed requirements of one job description file, as a JSON-ready dict."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from talent.documents.read import read_file_text
from talent.jobs.parse import SkillFinder, parse_job


def read_job_text(path: Path) -> str:
    """The text of a job file (PDF, DOCX, HTML, TXT); intake's typed errors propagate for the CLI to report."""
    return read_file_text(path)


def default_extractor() -> SkillFinder:
    """The alias skill extractor over the compiled taxonomy, loaded once per process."""
    from talent.skills.extract import default_extractor as skills_default

    return skills_default()


def job_command(path: str | Path, *, extractor: SkillFinder | None = None) -> dict[str, Any]:
    file = Path(path)
    text = read_job_text(file)
    requirements = parse_job(text, extractor=extractor or default_extractor())
    return requirements.model_dump(mode="json")
