"""The intake entry point: declared versus real type, limits, language, typed errors."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from talent.documents import (
    DocumentError,
    DocumentTooLarge,
    EmptyDocument,
    ExtractionTimeout,
    Limits,
    NeedsOcr,
    TypeMismatch,
    UnsupportedFormat,
    extract,
)
from talent.documents.errors import ALL_ERRORS
from tests.unit.documents.docxs import simple
from tests.unit.documents.pdfs import Pdf, Text

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ENGLISH = "Experienced accountant who prepared audits, tax returns and monthly reports for forty clients."
FRENCH = "Comptable expérimentée qui a préparé les audits, les déclarations fiscales et les rapports mensuels."


def pdf_bytes(text: str = ENGLISH) -> bytes:
    return Pdf(pages=[[Text(72, 700, text)]]).build()


def test_a_docx_declared_as_pdf_is_a_type_mismatch() -> None:
    # Given DOCX bytes uploaded as application/pdf
    # When they are extracted, then the mismatch is named with both types
    with pytest.raises(TypeMismatch, match=r"application/pdf.*DOCX") as caught:
        extract(simple(), content_type=PDF)
    assert caught.value.code == "type_mismatch"


@pytest.mark.parametrize("declared", [None, "", "application/octet-stream", "binary/octet-stream"])
def test_a_missing_or_generic_declared_type_lets_the_bytes_decide(declared: str | None) -> None:
    # Given PDF bytes with no useful declared type
    # When they are extracted, then they are read as PDF
    assert extract(pdf_bytes(), content_type=declared).format == "pdf"


def test_declared_type_parameters_and_case_are_ignored() -> None:
    # Given a declared type with a parameter and capitals
    # When the bytes match it, then they are read
    assert extract(pdf_bytes(), content_type="Application/PDF; name=cv.pdf").format == "pdf"


def test_a_docx_sent_as_msword_or_zip_is_accepted() -> None:
    # Given DOCX bytes declared with types uploaders commonly send
    for declared in ("application/msword", "application/zip"):
        # When extracted, then they are read as DOCX
        assert extract(simple(), content_type=declared).format == "docx"


def test_html_declared_as_plain_text_is_read_as_html_with_a_warning() -> None:
    # Given an HTML page uploaded as text/plain
    content = b"<!DOCTYPE html><html><body><p>Accountant with audit experience.</p></body></html>"
    # When it is extracted
    document = extract(content, content_type="text/plain")
    # Then it is read as HTML, and the discrepancy is a warning
    assert (document.format, document.text) == ("html", "Accountant with audit experience.")
    assert any("declared text/plain" in w for w in document.warnings)


def test_a_misleading_file_name_is_a_warning() -> None:
    # Given a PDF named like a Word file and no declared type
    document = extract(pdf_bytes(), content_type=None, filename="resume.docx")
    # Then it is read, with a warning about the name
    assert any(".docx" in w for w in document.warnings)


def test_an_image_needs_ocr() -> None:
    # Given a PNG uploaded as a resume
    content = b"\x89PNG\r\n\x1a\n" + bytes(100)
    # When it is extracted, then OCR is needed
    with pytest.raises(NeedsOcr, match="PNG"):
        extract(content, content_type="image/png")


def test_rtf_is_unsupported() -> None:
    with pytest.raises(UnsupportedFormat, match="RTF"):
        extract(b"{\\rtf1\\ansi Accountant}", content_type="application/rtf")


def test_bytes_over_the_limit_are_refused_before_anything_is_parsed() -> None:
    # Given a 2 KiB file and a 1 KiB limit
    with pytest.raises(DocumentTooLarge, match="MiB"):
        extract(b"x" * 2048, content_type="text/plain", limits=Limits(max_bytes=1024))


def test_an_empty_upload_is_empty() -> None:
    with pytest.raises(EmptyDocument, match="empty"):
        extract(b"", content_type=PDF)


def test_a_spent_time_budget_is_a_timeout() -> None:
    # Given a time budget already spent when the first page is read
    # When a PDF is extracted, then it times out with a typed error
    with pytest.raises(ExtractionTimeout) as caught:
        extract(pdf_bytes(), content_type=PDF, limits=Limits(time_budget_s=1e-9))
    assert caught.value.code == "timeout"


def test_english_text_is_detected_as_english() -> None:
    document = extract(pdf_bytes(), content_type=PDF)
    assert document.language == "en"
    assert document.language_confidence > 0.9


def test_french_text_is_detected_as_french() -> None:
    document = extract(FRENCH.encode(), content_type="text/plain")
    assert document.language == "fr"


def test_too_little_text_has_unknown_language() -> None:
    # Given a document of three words
    document = extract(b"Python SQL Excel", content_type="text/plain")
    # Then the language is unknown with zero confidence, and a warning says why
    assert (document.language, document.language_confidence) == ("unknown", 0.0)
    assert "too little text to tell the language" in document.warnings


def test_language_detection_is_repeatable() -> None:
    # Given the same short ambiguous text twice
    content = b"Manager Marketing Sales Team Berlin Munich Projekt"
    # Then both runs agree exactly
    first, second = extract(content, content_type="text/plain"), extract(content, content_type="text/plain")
    assert (first.language, first.language_confidence) == (second.language, second.language_confidence)


def test_the_result_is_frozen() -> None:
    document = extract(pdf_bytes(), content_type=PDF)
    with pytest.raises(ValidationError):
        document.text = "changed"  # type: ignore[misc]


def test_extraction_time_is_recorded() -> None:
    assert extract(pdf_bytes(), content_type=PDF).extraction_ms > 0


def test_every_error_has_a_distinct_snake_case_code_and_an_actionable_message() -> None:
    # Given all error classes
    codes = [error.code for error in ALL_ERRORS]
    # Then codes are unique snake_case, each is a DocumentError, and default messages say what to do
    assert len(set(codes)) == len(codes)
    assert all(code.replace("_", "").isalpha() and code.islower() for code in codes)
    for error in ALL_ERRORS:
        instance = error()
        assert isinstance(instance, DocumentError)
        assert instance.as_dict() == {"type": error.code, "message": instance.message}
        assert any(verb in instance.message for verb in ("ask", "run OCR", "check"))
