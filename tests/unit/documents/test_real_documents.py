"""Intake over the real documents in ../shared/data: every file extracts or fails with a typed error."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from talent.data_paths import REPO_ROOT, shared_data_dir
from talent.documents import DocumentError, extract

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "documents"


def corpus(folder: str, pattern: str) -> list[Path]:
    files = sorted(p for p in (shared_data_dir() / folder).glob(pattern) if p.is_file() and p.suffix != ".csv")
    assert files, f"no files under {folder}"
    return files


def digest(path: Path) -> str:
    """Real resumes are named after their owners: tests identify them by content hash, never by file name."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def by_digest(folder: str, prefix: str) -> Path:
    return next(p for p in corpus(folder, "*") if digest(p) == prefix)


def outcomes(files: list[Path]) -> tuple[int, list[str]]:
    """(files extracted, files that failed with something other than a DocumentError, by digest)."""
    extracted, crashed = 0, []
    for path in files:
        try:
            document = extract(path.read_bytes(), content_type=None, filename=path.name)
        except DocumentError:
            continue
        except Exception as exc:  # noqa: BLE001 - the point of the test is to name any other exception
            crashed.append(f"sha256:{digest(path)}{path.suffix}: {type(exc).__name__}")
            continue
        assert document.text.strip()
        extracted += 1
    return extracted, crashed


def section_order(text: str, headings: list[str]) -> list[int]:
    return [text.index(heading) for heading in headings]


def test_the_two_column_template_fixture_is_read_column_by_column() -> None:
    # Given the Resume-Matcher two-column template (main column left, sidebar right; verified by rendering)
    content = (FIXTURES / "two-column-template.pdf").read_bytes()
    # When it is extracted
    text = extract(content, content_type="application/pdf").text
    # Then the main column's sections all come before the sidebar's, each in page order
    headings = ["SUMMARY", "EXPERIENCE", "PROJECTS", "EDUCATION", "SKILLS", "LINKS"]
    assert section_order(text, headings) == sorted(section_order(text, headings))
    # And a wrapped summary line continues on the next line, not with sidebar text
    assert "designing and\nbuilding scalable backend systems" in text


@pytest.mark.data
def test_every_file_in_documents_extracts_or_raises_a_document_error() -> None:
    # Given every file in documents/ (PDF, DOCX, TXT)
    files = corpus("documents", "**/*")
    # When each is extracted, then none crashes, and all of this corpus extracts
    extracted, crashed = outcomes(files)
    assert crashed == []
    assert extracted == len(files)


@pytest.mark.data
def test_every_livecareer_pdf_extracts_or_raises_a_document_error() -> None:
    # Given the 192 original livecareer PDFs
    files = corpus("resumes/livecareer/pdf", "*/*.pdf")
    # When each is extracted, then none crashes and at least 95% give text
    extracted, crashed = outcomes(files)
    assert crashed == []
    assert extracted >= 0.95 * len(files)


@pytest.mark.data
def test_the_modern_two_column_template_is_read_column_by_column() -> None:
    # Given the modern two-column template, whose SUMMARY and EDUCATION headings share a row
    path = shared_data_dir() / "documents/resume_matcher/templates/modern-two-column.pdf"
    # When it is extracted
    text = extract(path.read_bytes(), content_type="application/pdf").text
    # Then the main column comes first, then the sidebar
    headings = ["SUMMARY", "EXPERIENCE", "PROJECTS", "EDUCATION", "SKILLS", "LINKS"]
    assert section_order(text, headings) == sorted(section_order(text, headings))


@pytest.mark.data
def test_a_two_column_indesign_resume_is_read_column_by_column() -> None:
    # Given a real InDesign resume with boxed columns (omkarpathak, MIT); only headings are asserted
    path = by_digest("documents/omkarpathak", "6ac33f8e478f0844")
    # When it is extracted
    document = extract(path.read_bytes(), content_type="application/pdf")
    # Then the left column's sections precede the right column's, and the white header is not "hidden"
    headings = ["Selected Experience", "Education", "Personal Projects", "Online"]
    assert section_order(document.text, headings) == sorted(section_order(document.text, headings))
    assert document.hidden_text == []


@pytest.mark.data
def test_the_same_resume_as_pdf_and_docx_gives_the_same_words() -> None:
    # Given soupboss resumes published both as PDF and as DOCX
    for pdf in corpus("documents/soupboss", "0*.pdf"):
        # When both are extracted
        from_pdf = extract(pdf.read_bytes(), content_type=None).text.split()
        from_docx = extract(pdf.with_suffix(".docx").read_bytes(), content_type=None).text.split()
        # Then they hold the same words
        assert sorted(from_pdf) == sorted(from_docx), pdf.name
