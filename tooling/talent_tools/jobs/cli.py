"""`talent job FILE --json`: the parsed requirements of one job description file, as a JSON-ready dict."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from talent.documents.read import read_file_text
from talent.jobs.parse import SkillFinder, parse_job
from talent.skills.extract import SkillExtractor


def read_job_text(path: Path) -> str:
    """The text of a job file (PDF, DOCX, HTML, TXT); intake's typed errors propagate for the CLI to report."""
    return read_file_text(path)


@cache
def posting_extractor() -> SkillExtractor:
    """What the functions read postings with: alias + tagger + linker (`make models` builds them), once per
    process; raises `ModelArtifactError` (naming `make models`) when they are not built."""
    from talent.skills.extract import default_extractor as alias_extractor
    from talent.skills.full_extractor import load_posting_extractor

    alias = alias_extractor()
    return load_posting_extractor(taxonomy=alias.taxonomy, matcher=alias.matcher)


def job_command(path: str | Path, *, extractor: SkillFinder | None = None) -> dict[str, Any]:
    file = Path(path)
    text = read_job_text(file)
    requirements = parse_job(text, extractor=extractor or posting_extractor())
    return requirements.model_dump(mode="json")
