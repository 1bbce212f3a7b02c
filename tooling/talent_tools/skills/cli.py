"""`talent skills FILE_OR_TEXT --json` and `talent skills --jsonl FILE --json`: skill mentions with character
spans and taxonomy ids, for one text or for one `{"id": ..., "text": ...}` per line (evaluations, back-fills)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from talent.documents.read import read_file_text
from talent.skills.extract import MentionFinder, default_extractor

_MAX_PATH = 4096


def _as_path(text_or_file: str) -> Path | None:
    if len(text_or_file) > _MAX_PATH or "\n" in text_or_file:
        return None
    try:
        path = Path(text_or_file)
        return path if path.is_file() else None
    except OSError:
        return None


def served_finder(alias_only: bool = False) -> MentionFinder:
    """What `talent skills` reads with: the served extractor of job postings (alias + tagger + linker, the tagger
    deciding which alias mentions are skills; `make models` builds it), or the alias matcher alone (no models; the
    sample posting in 2 ms against 98 ms, docs/parsing.md). Raises `ModelArtifactError`, naming `make models`,
    when the models are not built."""
    if alias_only:
        return default_extractor()
    from talent_tools.jobs.cli import posting_extractor

    return posting_extractor()


def skills_command(text_or_file: str, extractor: MentionFinder | None = None) -> list[dict[str, Any]]:
    """Mentions in a file (if `text_or_file` names one) or in the text itself, as JSON-ready dicts."""
    path = _as_path(text_or_file)
    text = read_file_text(path) if path is not None else text_or_file
    finder = extractor or served_finder()
    return [mention.model_dump() for mention in finder.find(text)]


class BadLine(ValueError):
    """A JSONL line that is not `{"id": string or number, "text": string}`."""


def _parse_line(line: str) -> tuple[str | int, str]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadLine(f"not JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(item, dict):
        raise BadLine(f"expected an object with id and text, got {type(item).__name__}")
    identifier, text = item.get("id"), item.get("text")
    if isinstance(identifier, bool) or not isinstance(identifier, str | int):
        raise BadLine("'id' must be a string or an integer")
    if not isinstance(text, str):
        raise BadLine("'text' must be a string")
    return identifier, text


def skills_jsonl(lines: Iterable[str], extractor: MentionFinder | None = None) -> Iterator[dict[str, Any]]:
    """One result per non-blank input line, in order: `{"id", "mentions": [...]}` with character offsets into
    that line's text, or `{"id" (when readable), "line", "error": {"type": "bad_input", "message"}}`; a bad
    line never stops the lines after it."""
    finder = extractor or served_finder()
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            identifier, text = _parse_line(line)
        except BadLine as exc:
            yield {"id": _id_if_readable(line), "line": number, "error": {"type": "bad_input", "message": str(exc)}}
            continue
        yield {"id": identifier, "mentions": [mention.model_dump() for mention in finder.find(text)]}


def _id_if_readable(line: str) -> str | int | None:
    try:
        identifier = json.loads(line).get("id")
    except (json.JSONDecodeError, AttributeError):
        return None
    return identifier if isinstance(identifier, str | int) and not isinstance(identifier, bool) else None
