"""Plain-text intake: charset detection with warnings, binary refused, whitespace normalised."""

from __future__ import annotations

import codecs

import pytest

from talent.documents import DocumentTooLarge, EmptyDocument, Limits, UnsupportedFormat, extract

TEXT = "text/plain"
RESUME = "Jürgen Müller\nSenior accountant \u2013 audit and tax\nSkills: IFRS, SAP, Excel"


def test_utf8_text_is_read_without_warnings() -> None:
    # Given UTF-8 text
    document = extract(RESUME.encode("utf-8"), content_type=TEXT)
    # Then it is read as is, as the text format, one page
    assert (document.text, document.format, document.pages) == (RESUME, "text", 1)
    assert not any("decoded" in w for w in document.warnings)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_decoded_by_it(codec: str) -> None:
    # Given text encoded with a BOM (utf-16-be gets one added by hand)
    content = RESUME.encode(codec)
    if codec == "utf-16-be":
        content = codecs.BOM_UTF16_BE + content
    # When it is extracted, then the text survives
    assert extract(content, content_type=TEXT).text == RESUME


def test_utf16_without_a_bom_is_recognised_by_its_zero_bytes() -> None:
    # Given UTF-16LE text without BOM
    content = RESUME.encode("utf-16-le")
    # When it is extracted with a generic type, then it is text
    assert extract(content, content_type=None).text == RESUME


def test_windows_1252_text_is_decoded_with_a_warning() -> None:
    # Given text in Windows-1252 (not valid UTF-8)
    document = extract(RESUME.encode("cp1252"), content_type=TEXT)
    # Then it is decoded and the fallback is said
    assert document.text == RESUME
    assert "text was not UTF-8; decoded as cp1252" in document.warnings


def test_bytes_undefined_in_windows_1252_fall_back_to_latin1() -> None:
    # Given Latin-1 text with a byte cp1252 leaves undefined (0x81)
    content = "Senior accountant in Köln".encode("latin-1") + b"\x81"
    # When it is extracted, then Latin-1 is used and said
    document = extract(content, content_type=TEXT)
    assert document.text.startswith("Senior accountant in Köln")
    assert "text was not UTF-8; decoded as latin-1" in document.warnings


def test_whitespace_is_normalised() -> None:
    # Given Windows line ends, tabs, runs of spaces, non-breaking spaces and many blank lines
    content = b"Name:\t\tJane   Roe \r\n\r\n\r\n\r\nRole:\xc2\xa0Accountant\r\n"
    # When it is extracted, then spaces collapse and at most one blank line remains
    assert extract(content, content_type=TEXT).text == "Name: Jane Roe\n\nRole: Accountant"


def test_binary_bytes_declared_as_text_are_unsupported() -> None:
    # Given binary data
    content = bytes(range(256)) * 4
    # When it is extracted as text, then it is refused as unsupported
    with pytest.raises(UnsupportedFormat):
        extract(content, content_type=TEXT)


def test_whitespace_only_text_is_empty() -> None:
    # Given a file of blank lines
    with pytest.raises(EmptyDocument):
        extract(b" \n\n\t \n", content_type=TEXT)


def test_text_longer_than_the_cap_is_too_large() -> None:
    # Given 2,000 characters and a 1,000-character cap
    with pytest.raises(DocumentTooLarge, match="characters"):
        extract(b"a" * 2000, content_type=TEXT, limits=Limits(max_text_chars=1000))
