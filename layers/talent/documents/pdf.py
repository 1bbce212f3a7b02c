"""PDF intake with pypdfium2: page limit first, then per page glyphs, hidden text, scanned-page check, reading order."""

from __future__ import annotations

from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from talent.documents.budget import Deadline
from talent.documents.dates import parse_pdf_date
from talent.documents.errors import CorruptDocument, EmptyDocument, EncryptedDocument, NeedsOcr, TooManyPages
from talent.documents.layout import page_text
from talent.documents.models import HiddenText, Limits, RawExtraction
from talent.documents.pdf_glyphs import page_objects, read_glyphs
from talent.documents.pdf_hidden import confirm_hidden, hidden_runs

# A page with no text and this many vector paths shows text drawn as outlines: OCR would read it.
OUTLINED_TEXT_PATHS = 200
GARBLED_SHARE = 0.2


@dataclass
class _Pages:
    texts: list[str] = field(default_factory=list)
    hidden: list[HiddenText] = field(default_factory=list)
    scanned: list[int] = field(default_factory=list)
    unreadable: list[int] = field(default_factory=list)
    visible_chars: int = 0
    garbled_chars: int = 0


def extract_pdf(content: bytes, limits: Limits, deadline: Deadline) -> RawExtraction:
    pdf = open_pdf(content)
    try:
        count = len(pdf)
        if count <= 0:
            raise CorruptDocument("the PDF has no pages: ask the candidate to export it again")
        if count > limits.max_pages:
            raise TooManyPages(
                f"the PDF has {count} pages; at most {limits.max_pages} are read: "
                "ask the candidate for the resume alone"
            )
        pages = _read_pages(pdf, count, limits, deadline)
        meta = pdf.get_metadata_dict(skip_empty=True)
        version = pdf.get_version()
    finally:
        pdf.close()
    if len(pages.unreadable) == count:
        raise CorruptDocument("no page of the PDF can be read: ask the candidate to export it again")
    if pages.visible_chars < limits.ocr_min_chars_per_page:
        if pages.scanned:
            raise NeedsOcr(
                "the PDF is scanned (pages are images without a text layer): run OCR or ask for a text PDF or DOCX"
            )
        detail = " (all of it is hidden text)" if pages.hidden else ""
        raise EmptyDocument(
            f"the PDF contains no readable text{detail}: ask the candidate for the resume with its text"
        )
    metadata = {key.lower(): str(meta[key]).strip()[:200] for key in ("Producer", "Creator") if meta.get(key)}
    if version:
        metadata["pdf_version"] = f"{version // 10}.{version % 10}"
    return RawExtraction(
        text="\f".join(pages.texts),
        pages=count,
        hidden=pages.hidden,
        warnings=_warnings(pages),
        metadata=metadata,
        metadata_date=parse_pdf_date(meta.get("ModDate")) or parse_pdf_date(meta.get("CreationDate")),
    )


def open_pdf(content: bytes) -> pdfium.PdfDocument:
    """Open, classifying pdfium's load error by its code (never by message text)."""
    try:
        return pdfium.PdfDocument(content)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise EncryptedDocument() from exc
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise EncryptedDocument(
                "PDF protected by an unsupported security handler (DRM): ask the candidate for an unlocked copy"
            ) from exc
        raise CorruptDocument("the PDF is damaged and cannot be opened: ask the candidate to export it again") from exc


def _read_pages(pdf: pdfium.PdfDocument, count: int, limits: Limits, deadline: Deadline) -> _Pages:
    pages = _Pages()
    for index in range(count):
        deadline.check()
        try:
            page = pdf.get_page(index)
        except pdfium.PdfiumError:
            pages.unreadable.append(index + 1)
            pages.texts.append("")
            continue
        try:
            top = page.get_bbox()[3]
            textpage = page.get_textpage()
            glyphs = read_glyphs(page, textpage, deadline)
            objects = page_objects(page)
            confirm_hidden(page, glyphs, objects.images)
            textpage.close()
        except pdfium.PdfiumError:
            pages.unreadable.append(index + 1)
            pages.texts.append("")
            continue
        finally:
            page.close()
        pages.hidden.extend(hidden_runs(glyphs, index + 1))
        visible = [g for g in glyphs if g.hidden is None]
        pages.garbled_chars += sum(1 for g in visible if g.char == "\ufffd" or not g.char.isprintable())
        text = page_text(visible, top, deadline.check)
        chars = len(visible)
        pages.visible_chars += chars
        if chars < limits.ocr_min_chars_per_page and (objects.images or objects.paths >= OUTLINED_TEXT_PATHS):
            pages.scanned.append(index + 1)
        pages.texts.append(text)
    return pages


def _warnings(pages: _Pages) -> list[str]:
    warnings = []
    if pages.scanned:
        listed = ", ".join(str(p) for p in pages.scanned)
        warnings.append(f"page(s) {listed} are images without a text layer (scanned?): their content is missing")
    if pages.unreadable:
        listed = ", ".join(str(p) for p in pages.unreadable)
        warnings.append(f"page(s) {listed} could not be read and were skipped")
    if pages.visible_chars and pages.garbled_chars > GARBLED_SHARE * pages.visible_chars:
        warnings.append("much of the text has no Unicode mapping in its fonts: it may be garbled")
    if pages.hidden:
        warnings.append(f"{len(pages.hidden)} run(s) of hidden text found and excluded from the text")
    return warnings
