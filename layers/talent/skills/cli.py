"""`talent skills FILE_OR_TEXT --json`: skill mentions with character spans and taxonomy ids."""

from __future__ import annotations

import importlib
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from talent.skills.extract import SkillExtractor
from talent.skills.taxonomy import Taxonomy

_PLAIN_SUFFIXES = frozenset({"", ".txt", ".text", ".md"})
_MAX_PATH = 4096


class UnsupportedSkillsInput(ValueError):
    """A file the skills command cannot read yet; the message says which formats it takes."""


@lru_cache(maxsize=1)
@cache
def default_extractor() -> SkillExtractor:
    """The alias extractor over the committed taxonomy, built once per process (the matcher build is ~0.2 s)."""
    return SkillExtractor(Taxonomy.load())


def _as_path(text_or_file: str) -> Path | None:
    if len(text_or_file) > _MAX_PATH or "\n" in text_or_file:
        return None
    try:
        path = Path(text_or_file)
        return path if path.is_file() else None
    except OSError:
        return None


def read_document_text(path: Path) -> str:
    """Text of a document: through talent.documents.extract when present (its typed errors propagate), else
    plain-text files only."""
    try:
        module = importlib.import_module("talent.documents")
    except ModuleNotFoundError:
        module = None
    extract = getattr(module, "extract", None)
    if callable(extract):
        document = extract(path.read_bytes(), content_type=None, filename=path.name)
        return str(document.text)
    if path.suffix.lower() not in _PLAIN_SUFFIXES:
        raise UnsupportedSkillsInput(f"{path.name}: only plain-text files can be read until document intake lands")
    return path.read_text(encoding="utf-8", errors="replace")


def skills_command(text_or_file: str, extractor: SkillExtractor | None = None) -> list[dict[str, Any]]:
    """Mentions in a file (if `text_or_file` names one) or in the text itself, as JSON-ready dicts."""
    path = _as_path(text_or_file)
    text = read_document_text(path) if path is not None else text_or_file
    finder = extractor or default_extractor()
    return [mention.model_dump() for mention in finder.find(text)]
