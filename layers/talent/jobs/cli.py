"""`talent job FILE --json`: the parsed requirements of one job description file, as a JSON-ready dict."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from talent.jobs.parse import SkillFinder, parse_job

PLAIN_TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


class UnreadableJobFile(ValueError):
    """The file is not plain text and document intake is not available to read it."""

    code = "unsupported_format"


def read_job_text(path: Path) -> str:
    """The text of a job file: document intake (PDF, DOCX, HTML, TXT) when installed, plain text otherwise.

    Intake's own typed errors (encrypted, corrupt, empty...) propagate for the CLI to report.
    """
    content = path.read_bytes()
    extract = _document_extract()
    if extract is not None:
        return str(extract(content, content_type=None, filename=path.name).text)
    if path.suffix.casefold() not in PLAIN_TEXT_SUFFIXES:
        raise UnreadableJobFile(f"{path.name}: only plain-text job descriptions can be read without document intake")
    return content.decode("utf-8", errors="replace")


def _document_extract() -> Callable[..., Any] | None:
    """`extract` from document intake, exported by the package or by its `extract` module; None before it lands."""
    for name in ("talent.documents", "talent.documents.extract"):
        try:
            found = getattr(importlib.import_module(name), "extract", None)
        except ImportError:
            continue
        if callable(found):
            return found
    return None


def default_extractor() -> SkillFinder:
    """The alias skill extractor over the compiled taxonomy, loaded once per process."""
    from talent.skills.cli import default_extractor as skills_default

    return skills_default()


def job_command(path: str | Path, *, extractor: SkillFinder | None = None) -> dict[str, Any]:
    file = Path(path)
    text = read_job_text(file)
    requirements = parse_job(text, extractor=extractor or default_extractor())
    return requirements.model_dump(mode="json")
