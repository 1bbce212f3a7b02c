"""The intake entry point: limits, real type from the bytes, one reader per format, language, date, timing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from talent.documents.budget import Deadline
from talent.documents.errors import CorruptDocument, DocumentError, DocumentTooLarge, EmptyDocument
from talent.documents.language import detect_language
from talent.documents.models import MIB, DocumentFormat, ExtractedDocument, HiddenText, Limits, RawExtraction
from talent.documents.sniff import detect, resolve
from talent.documents.text import extract_text

MAX_HIDDEN_REPORTED = 200
MAX_HIDDEN_CHARS = 2000

Reader = Callable[[bytes, Limits, Deadline], RawExtraction]


def _reader(fmt: DocumentFormat) -> Reader:
    """The format's reader, imported on first use: a cold start pays only for the formats it meets."""
    if fmt == "pdf":
        from talent.documents.pdf import extract_pdf

        return extract_pdf
    if fmt == "docx":
        from talent.documents.docx import extract_docx

        return extract_docx
    if fmt == "html":
        from talent.documents.html import extract_html

        return extract_html
    return lambda content, limits, _deadline: extract_text(content, limits)


def _parser_failures() -> tuple[type[BaseException], ...]:
    """What third-party parsers raise on malformed input that slipped past the checks: a damaged file."""
    import pypdfium2 as pdfium
    from lxml import etree

    from talent.documents.zipcheck import ZIP_ERRORS

    return (pdfium.PdfiumError, etree.LxmlError, KeyError, RecursionError, *ZIP_ERRORS)


_DEFAULT_LIMITS = Limits()


def extract(
    content: bytes,
    *,
    content_type: str | None,
    filename: str | None = None,
    limits: Limits = _DEFAULT_LIMITS,
    document_date: date | None = None,
) -> ExtractedDocument:
    """Text and findings of one document, or a DocumentError subclass saying why it cannot be used.

    `content_type` is what the upload declared; the bytes decide the format, and a specific declared type that
    contradicts them raises TypeMismatch (a missing or generic type such as application/octet-stream does not).
    `document_date` (from the event) wins over file metadata; `date_source` says which was used.
    """
    deadline = Deadline(limits.time_budget_s)
    if len(content) > limits.max_bytes:
        raise DocumentTooLarge(
            f"the file is {len(content) / MIB:.1f} MiB (limit {limits.max_bytes / MIB:.0f} MiB): "
            "ask the candidate for a smaller copy"
        )
    if not content.strip():
        raise EmptyDocument("the file is empty: ask the candidate to upload the resume again")
    detected = detect(content)
    resolved = resolve(detected, content_type, filename)
    try:
        raw = _reader(resolved.format)(content, limits, deadline)
    except DocumentError:
        raise
    except Exception as exc:
        if not isinstance(exc, _parser_failures()):
            raise
        raise CorruptDocument(
            f"the {resolved.format.upper()} file is damaged or malformed: ask the candidate to export it again"
        ) from exc
    if len(raw.text) > limits.max_text_chars:
        raise DocumentTooLarge(
            f"the document holds more than {limits.max_text_chars:,} characters: ask the candidate for the resume alone"
        )
    language, confidence = detect_language(raw.text)
    warnings = [*resolved.warnings, *raw.warnings]
    if language == "unknown":
        warnings.append("too little text to tell the language")
    if document_date is not None:
        day, source = document_date, "event"
    elif raw.metadata_date is not None:
        day, source = raw.metadata_date, "metadata"
    else:
        day, source = None, "none"
    return ExtractedDocument(
        text=raw.text,
        pages=max(raw.pages, 1),
        format=resolved.format,
        language=language,
        language_confidence=confidence,
        hidden_text=_bounded(raw.hidden, warnings),
        warnings=warnings,
        document_date=day,
        date_source=source,
        metadata=raw.metadata,
        extraction_ms=round(deadline.elapsed_ms(), 3),
    )


def _bounded(hidden: list[HiddenText], warnings: list[str]) -> list[HiddenText]:
    if len(hidden) > MAX_HIDDEN_REPORTED:
        warnings.append(f"only the first {MAX_HIDDEN_REPORTED} of {len(hidden)} hidden-text runs are reported")
    return [
        h if len(h.text) <= MAX_HIDDEN_CHARS else h.model_copy(update={"text": h.text[:MAX_HIDDEN_CHARS]})
        for h in hidden[:MAX_HIDDEN_REPORTED]
    ]
