"""Cheap checks on a document before anything parses it: size and declared-vs-actual type."""

from __future__ import annotations

_PDF = "application/pdf"
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_TEXT = ("text/plain", "text/html")


def type_mismatch(content: bytes, declared: str) -> str | None:
    """A reason when the bytes are not what the event says they are; None when they match."""
    if not content:
        return "document is empty"
    if declared == _PDF and content.lstrip()[:5] != b"%PDF-":
        return "declared application/pdf but the content is not a PDF"
    if declared == _DOCX and not content.startswith(b"PK\x03\x04"):
        return "declared DOCX but the content is not a ZIP-based Office document"
    if declared in _TEXT:
        if b"\x00" in content[:4096]:
            return f"declared {declared} but the content is binary"
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            return f"declared {declared} but the content is not UTF-8 text"
    return None


def file_extension(content_type: str) -> str:
    return {_PDF: "pdf", _DOCX: "docx", "text/plain": "txt", "text/html": "html"}.get(content_type, "bin")
