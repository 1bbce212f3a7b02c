"""The real type of a document from its bytes (magic numbers), reconciled with the declared content type."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from talent.documents.errors import CorruptDocument, EncryptedDocument, NeedsOcr, TypeMismatch, UnsupportedFormat
from talent.documents.models import DocumentFormat
from talent.documents.text import looks_like_text
from talent.documents.zipcheck import ZIP_ERRORS

_LABELS: dict[DocumentFormat, str] = {
    "pdf": "PDF",
    "docx": "Word document (DOCX)",
    "html": "HTML",
    "text": "plain text",
}

_DECLARED: dict[str, DocumentFormat] = {
    "application/pdf": "pdf",
    "application/x-pdf": "pdf",
    "application/acrobat": "pdf",
    "application/vnd.pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
}
# Declared types that carry no information: the bytes decide.
_GENERIC = {
    "",
    "application/octet-stream",
    "binary/octet-stream",
    "application/unknown",
    "application/download",
    "application/x-download",
    "application/force-download",
    "*/*",
}
# Declared types that uploaders commonly send for a DOCX.
_DOCX_ALIASES = {"application/msword", "application/zip", "application/x-zip-compressed"}

_IMAGES = (
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE2_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


@dataclass(frozen=True)
class Resolved:
    format: DocumentFormat
    warnings: list[str] = field(default_factory=list)


def media_type(content_type: str | None) -> str:
    """`Text/HTML; charset=utf-8` -> `text/html`."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def detect(content: bytes) -> DocumentFormat:
    """The format the bytes are, or the typed error saying why they are no supported format."""
    head = content[:2048]
    if b"%PDF-" in content[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(content)
    if head.startswith(_OLE2):
        if _OLE2_ENCRYPTED in content:
            raise EncryptedDocument("encrypted Word document: ask the candidate for an unlocked copy")
        raise UnsupportedFormat(
            "legacy Word/Office file (.doc, 97-2003 format): ask the candidate to save it as DOCX or PDF"
        )
    if head.startswith(b"{\\rtf"):
        raise UnsupportedFormat("RTF document: ask the candidate to save it as DOCX or PDF")
    for magic, name in _IMAGES:
        if head.startswith(magic):
            raise NeedsOcr(f"the resume is a {name} image, not a document with text: run OCR or ask for a PDF or DOCX")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        raise NeedsOcr("the resume is a WEBP image, not a document with text: run OCR or ask for a PDF or DOCX")
    if not looks_like_text(content[:8192]):
        raise UnsupportedFormat(
            "unrecognised binary file: ask the candidate for a PDF, DOCX, HTML or plain-text resume"
        )
    return "html" if _looks_like_html(head) else "text"


def resolve(detected: DocumentFormat, content_type: str | None, filename: str | None) -> Resolved:
    """Which reader to use, or TypeMismatch when a specific declared type contradicts the bytes."""
    declared = media_type(content_type)
    warnings = _extension_warning(detected, filename)
    if declared in _GENERIC:
        if detected == "text" and _extension(filename) in {"html", "htm", "xhtml"}:
            return Resolved("html", warnings)
        return Resolved(detected, warnings)
    claimed = _DECLARED.get(declared)
    if claimed is None and declared in _DOCX_ALIASES:
        claimed = "docx"
    if claimed is None and declared.startswith("text/"):
        claimed = "text"
    if claimed == detected:
        return Resolved(detected, warnings)
    if claimed in ("text", "html") and detected in ("text", "html"):
        # Both textual: a tagged page declared text/plain is still HTML; plain text declared as HTML parses as HTML.
        chosen: DocumentFormat = "html" if "html" in (claimed, detected) else "text"
        return Resolved(chosen, [*warnings, f"declared {declared} but the content is {_LABELS[detected]}"])
    what = f"declared {declared}" if declared else "declared type"
    raise TypeMismatch(
        f"the file was uploaded as {what} but its content is {_LABELS[detected]}: check the upload or re-send the file"
    )


def _zip_kind(content: bytes) -> DocumentFormat:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except ZIP_ERRORS as exc:
        raise CorruptDocument(
            "the ZIP/DOCX file is damaged or truncated: ask the candidate to export it again"
        ) from exc
    if "word/document.xml" in names or any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        raise UnsupportedFormat("Excel spreadsheet: ask the candidate for a PDF or DOCX resume")
    if any(n.startswith("ppt/") for n in names):
        raise UnsupportedFormat("PowerPoint file: ask the candidate for a PDF or DOCX resume")
    if "mimetype" in names:
        raise UnsupportedFormat("OpenDocument file (.odt): ask the candidate to save it as DOCX or PDF")
    raise UnsupportedFormat("ZIP archive: upload the resume itself (PDF or DOCX), not an archive")


def _looks_like_html(head: bytes) -> bool:
    sample = head.decode("utf-8", "ignore").replace("\x00", "").lstrip("\ufeff \t\r\n").lower()
    if sample.startswith(("<!doctype html", "<html", "<head", "<body")):
        return True
    return sample.startswith(("<!--", "<?xml", "<meta")) and ("<html" in sample or "<body" in sample)


def _extension(filename: str | None) -> str:
    return PurePath(filename).suffix.lower().lstrip(".") if filename else ""


def _extension_warning(detected: DocumentFormat, filename: str | None) -> list[str]:
    expected = {
        "pdf": {"pdf"},
        "docx": {"docx", "doc"},
        "html": {"html", "htm", "xhtml"},
        "text": {"txt", "text", "md"},
    }
    extension = _extension(filename)
    known = set().union(*expected.values())
    if extension in known and extension not in expected[detected]:
        return [f"file name ends in .{extension} but the content is {_LABELS[detected]}"]
    return []
