"""DOCX intake: ZIP checks first, then python-docx opens the package and the body XML is walked in document order.

Order of the text: headers, body (paragraphs and tables as they appear; text boxes after the paragraph that
anchors them), footers. A table row of one-line cells is one line, cells joined by " | "; a row with longer
cells gives each cell as its own block.
"""

from __future__ import annotations

import io
import re
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree

from talent.documents.budget import Deadline
from talent.documents.dates import first_plausible
from talent.documents.docx_numbering import Bullets
from talent.documents.docx_styles import StyleSheet, W, is_dark_fill, luminance
from talent.documents.docx_walk import Walker
from talent.documents.errors import CorruptDocument, DocumentTooLarge, EmptyDocument, NeedsOcr, TooManyPages
from talent.documents.models import Limits, RawExtraction
from talent.documents.normalise import clean_text
from talent.documents.zipcheck import ZIP_ERRORS, check_docx_zip

_APP = {
    "pages": re.compile(rb"<(?:\w+:)?Pages>\s*(\d{1,6})\s*<"),
    "application": re.compile(rb"<(?:\w+:)?Application>([^<]{1,200})<"),
    "app_version": re.compile(rb"<(?:\w+:)?AppVersion>([^<]{1,40})<"),
}
_PICTURES = (f"{W}drawing", f"{W}pict", f"{W}object")


def extract_docx(content: bytes, limits: Limits, deadline: Deadline) -> RawExtraction:
    check_docx_zip(content, limits)
    document = _open(content)
    app = _app_properties(document)
    pages = int(app.get("pages") or 1) or 1
    if pages > limits.max_pages:
        raise TooManyPages(
            f"the DOCX has {pages} pages; at most {limits.max_pages} are read: ask the candidate for the resume alone"
        )
    body = getattr(document.element, "body", None)
    if body is None:
        raise CorruptDocument("the DOCX has no document body: ask the candidate to save it again from Word")
    styles = _styles_element(document)
    walker = Walker(StyleSheet(styles, _page_dark(document)), deadline, Bullets(_numbering_element(document), styles))
    blocks = [walker.blocks(part.element) for part in _related_parts(document, RT.HEADER)]
    blocks.append(walker.blocks(body))
    blocks.extend(walker.blocks(part.element) for part in _related_parts(document, RT.FOOTER))
    text = clean_text("\n\n".join(block for block in blocks if block))
    if len(text) > limits.max_text_chars:
        raise DocumentTooLarge(
            f"the DOCX holds more than {limits.max_text_chars:,} characters: ask the candidate for the resume alone"
        )
    if not text.strip():
        if any(True for tag in _PICTURES for _ in body.iter(tag)):
            raise NeedsOcr("the DOCX holds only images, no text: run OCR or ask the candidate for a text resume")
        detail = " (all of it is hidden text)" if walker.hidden else ""
        raise EmptyDocument(f"the DOCX contains no text{detail}: ask the candidate for the resume with its content")
    warnings = [*walker.warnings]
    if walker.hidden:
        warnings.append(f"{len(walker.hidden)} run(s) of hidden text found and excluded from the text")
    core = _safe(lambda: document.core_properties)
    metadata = {k: v for k, v in app.items() if k != "pages" and v}
    return RawExtraction(
        text=text,
        pages=pages,
        hidden=walker.hidden,
        warnings=warnings,
        metadata=metadata,
        metadata_date=first_plausible(_safe(lambda: core.modified), _safe(lambda: core.created)) if core else None,
    )


def _open(content: bytes) -> Any:
    try:
        return docx.Document(io.BytesIO(content))
    # python-docx assumes well-formed OPC parts: a part of the wrong shape surfaces as Attribute/Type/IndexError.
    except (PackageNotFoundError, KeyError, AttributeError, TypeError, IndexError, etree.LxmlError, *ZIP_ERRORS) as exc:
        raise CorruptDocument(
            "the DOCX is damaged or is not a Word document inside: ask the candidate to save it again from Word"
        ) from exc


def _related_parts(document: Any, reltype: str) -> list[Any]:
    parts = {rel.target_part for rel in document.part.rels.values() if rel.reltype == reltype and not rel.is_external}
    return sorted(parts, key=lambda part: str(part.partname))


def _styles_element(document: Any) -> Any:
    try:
        return document.styles.element
    except (KeyError, ValueError, AttributeError):
        return None


def _numbering_element(document: Any) -> Any:
    try:
        return document.part.numbering_part.element
    except (KeyError, ValueError, AttributeError, NotImplementedError):
        return None


def _page_dark(document: Any) -> bool:
    background = document.element.find(f"{W}background")
    if background is None:
        return False
    light = luminance(background.get(f"{W}color"))
    return (light is not None and light < 0.8) or is_dark_fill(background)


def _app_properties(document: Any) -> dict[str, str]:
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            blob = part.blob[:65536]
            found = {key: pattern.search(blob) for key, pattern in _APP.items()}
            return {key: m.group(1).decode("utf-8", "replace").strip() for key, m in found.items() if m}
    return {}


def _safe(read: Any) -> Any:
    """python-docx parses core property dates lazily and raises on malformed values."""
    try:
        return read()
    except (ValueError, TypeError, OverflowError, AttributeError, KeyError):
        return None
