"""`talent skills FILE_OR_TEXT --json`: skill mentions with character spans and taxonomy ids."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from talent.documents.read import read_file_text
from talent.skills.extract import SkillExtractor, default_extractor

_MAX_PATH = 4096


def _as_path(text_or_file: str) -> Path | None:
    if len(text_or_file) > _MAX_PATH or "\n" in text_or_file:
        return None
    try:
        path = Path(text_or_file)
        return path if path.is_file() else None
    except OSError:
        return None


def skills_command(text_or_file: str, extractor: SkillExtractor | None = None) -> list[dict[str, Any]]:
    """Mentions in a file (if `text_or_file` names one) or in the text itself, as JSON-ready dicts."""
    path = _as_path(text_or_file)
    text = read_file_text(path) if path is not None else text_or_file
    finder = extractor or default_extractor()
    return [mention.model_dump() for mention in finder.find(text)]
