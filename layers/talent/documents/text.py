"""Plain-text documents: charset detection (BOM, UTF-8, then Windows-1252 / Latin-1) and the text-or-binary test."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from talent.documents.errors import DocumentTooLarge, EmptyDocument, UnsupportedFormat
from talent.documents.models import Limits, RawExtraction
from talent.documents.normalise import clean_text

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls other than tab, newline, vertical tab, form feed, carriage return and escape: binary if common.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_MAX_CONTROL_SHARE = 0.02


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def looks_like_text(sample: bytes) -> bool:
    if not sample:
        return False
    if _bom(sample) or _utf16_without_bom(sample):
        return True
    if b"\x00" in sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    return controls <= _MAX_CONTROL_SHARE * len(sample)


def decode(content: bytes) -> Decoded:
    """Decode by BOM, else strict UTF-8, else UTF-16 by its NUL pattern, else Windows-1252, else Latin-1."""
    found = _bom(content)
    if found:
        bom, encoding = found
        return Decoded(content[len(bom) :].decode(encoding, "replace"), encoding)
    try:
        return Decoded(content.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    utf16 = _utf16_without_bom(content[:8192])
    if utf16:
        return Decoded(content.decode(utf16, "replace"), utf16)
    try:
        return Decoded(content.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return Decoded(content.decode("latin-1"), "latin-1")


def extract_text(content: bytes, limits: Limits) -> RawExtraction:
    if not looks_like_text(content[:8192]):
        raise UnsupportedFormat("the file is binary, not plain text: ask the candidate for a PDF, DOCX or text resume")
    decoded = decode(content)
    if len(decoded.text) > limits.max_text_chars:
        raise DocumentTooLarge(
            f"the text file holds more than {limits.max_text_chars:,} characters: "
            "ask the candidate for the resume alone"
        )
    text = clean_text(decoded.text)
    if not text.strip():
        raise EmptyDocument("the text file is empty or holds only whitespace: ask the candidate for the resume")
    warnings = []
    if decoded.encoding != "utf-8":
        warnings.append(f"text was not UTF-8; decoded as {decoded.encoding}")
    return RawExtraction(text=text, warnings=warnings)


def _bom(content: bytes) -> tuple[bytes, str] | None:
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return bom, encoding
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text of Latin script has a NUL in every other byte; tell which half they fall in."""
    pairs = len(sample) // 2
    if pairs < 8:
        return None
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    if odd_nul >= 0.9 * pairs and even_nul <= 0.1 * pairs:
        return "utf-16-le"
    if even_nul >= 0.9 * pairs and odd_nul <= 0.1 * pairs:
        return "utf-16-be"
    return None
