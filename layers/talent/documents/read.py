"""The visible text of a document file, for the CLI commands that take files (skills, job, rank)."""

from __future__ import annotations

from pathlib import Path

from talent.documents.extract import extract


def read_file_text(path: Path) -> str:
    """PDF, DOCX, HTML or TXT, sniffed from the bytes; intake's typed DocumentError subclasses propagate."""
    return extract(path.read_bytes(), content_type=None, filename=path.name).text
