"""DOCX intake: document order, headers, text boxes, hidden runs, metadata."""

from __future__ import annotations

import io
import struct
import zlib
from datetime import UTC, date, datetime

import pytest
from docx.document import Document
from docx.shared import Pt, RGBColor

from talent.documents import EmptyDocument, NeedsOcr, extract
from tests.unit.documents.docxs import add_text_box, build, shade

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def gray_png(size: int = 4) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + bytes([128] * size) for _ in range(size)))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def test_paragraphs_and_tables_come_in_document_order() -> None:
    # Given a paragraph, a table and another paragraph
    def make(d: Document) -> None:
        d.add_paragraph("Experience")
        table = d.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "Accountant", "2019 - 2023"
        table.cell(1, 0).text, table.cell(1, 1).text = "Clerk", "2015 - 2019"
        d.add_paragraph("Education")

    # When it is extracted
    text = extract(build(make), content_type=DOCX).text
    # Then the table sits between the paragraphs, one row a line
    assert text.index("Experience") < text.index("Accountant | 2019 - 2023") < text.index("Education")
    assert "Clerk | 2015 - 2019" in text


def test_a_table_cell_with_several_paragraphs_is_its_own_block() -> None:
    # Given a layout table: a sidebar cell and a main cell, each with several paragraphs
    def make(d: Document) -> None:
        row = d.add_table(rows=1, cols=2).rows[0]
        row.cells[0].text = "Skills\nExcel\nSAP"
        row.cells[1].text = "Summary\nTen years of audit work."

    # When it is extracted
    text = extract(build(make), content_type=DOCX).text
    # Then each cell is read whole, sidebar first
    assert text.split("\n\n") == ["Skills\nExcel\nSAP", "Summary\nTen years of audit work."]


def test_headers_come_first_and_footers_last() -> None:
    # Given a header, a body and a footer
    def make(d: Document) -> None:
        d.sections[0].header.paragraphs[0].text = "Curriculum vitae"
        d.sections[0].footer.paragraphs[0].text = "References on request"
        d.add_paragraph("Certified public accountant with audit experience.")

    # When it is extracted
    text = extract(build(make), content_type=DOCX).text
    # Then the text reads header, body, footer
    assert text.split("\n\n") == [
        "Curriculum vitae",
        "Certified public accountant with audit experience.",
        "References on request",
    ]


def test_a_text_box_is_read_once_after_its_paragraph() -> None:
    # Given a text box (DrawingML with its VML fallback) anchored in a paragraph
    def make(d: Document) -> None:
        add_text_box(d.add_paragraph("Before the box."), ["Inside the box."])
        d.add_paragraph("After the box.")

    # When it is extracted
    text = extract(build(make), content_type=DOCX).text
    # Then the box text appears once, where it is anchored
    assert text.count("Inside the box.") == 1
    assert text.index("Before the box.") < text.index("Inside the box.") < text.index("After the box.")


def test_vanished_runs_are_hidden_text() -> None:
    # Given a paragraph with a w:vanish run
    def make(d: Document) -> None:
        paragraph = d.add_paragraph("Accountant with audit experience.")
        paragraph.add_run(" kubernetes terraform").font.hidden = True

    # When it is extracted
    document = extract(build(make), content_type=DOCX)
    # Then the hidden run is reported and excluded
    assert document.text == "Accountant with audit experience."
    assert [(h.kind, h.text, h.page) for h in document.hidden_text] == [("vanish", "kubernetes terraform", None)]


def test_white_runs_are_hidden_text() -> None:
    # Given a white run on the (white) page
    def make(d: Document) -> None:
        paragraph = d.add_paragraph("Accountant with audit experience.")
        paragraph.add_run(" python sql").font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)

    # When it is extracted
    document = extract(build(make), content_type=DOCX)
    # Then it is white text, excluded
    assert [h.kind for h in document.hidden_text] == ["white_text"]
    assert "python" not in document.text


def test_white_runs_on_dark_shading_are_visible() -> None:
    # Given a white heading on a dark-blue shaded paragraph
    def make(d: Document) -> None:
        paragraph = d.add_paragraph()
        paragraph.add_run("WORK EXPERIENCE").font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        shade(paragraph, "2D73B4")

    # When it is extracted
    document = extract(build(make), content_type=DOCX)
    # Then it is text, and nothing is hidden
    assert document.text == "WORK EXPERIENCE"
    assert document.hidden_text == []


def test_white_text_in_a_dark_filled_text_box_is_visible() -> None:
    # Given a text box filled dark blue holding white text (a common section banner)
    def make(d: Document) -> None:
        add_text_box(d.add_paragraph("Accountant."), ["PROFESSIONAL SUMMARY"], fill_rgb="2D73B4", white=True)

    # When it is extracted
    document = extract(build(make), content_type=DOCX)
    # Then the banner is text
    assert "PROFESSIONAL SUMMARY" in document.text
    assert document.hidden_text == []


def test_runs_under_four_points_are_tiny_text() -> None:
    # Given a 2 pt run
    def make(d: Document) -> None:
        paragraph = d.add_paragraph("Accountant with audit experience.")
        paragraph.add_run(" machine learning").font.size = Pt(2)

    # When it is extracted
    document = extract(build(make), content_type=DOCX)
    # Then it is tiny text
    assert [(h.kind, h.text) for h in document.hidden_text] == [("tiny_text", "machine learning")]


def test_a_hidden_character_style_hides_its_runs() -> None:
    # Given a character style that vanishes, applied to a run
    def make(d: Document) -> None:
        style = d.styles.add_style("Stuffing", 2)  # WD_STYLE_TYPE.CHARACTER
        style.font.hidden = True
        d.add_paragraph("Accountant with audit experience.").add_run(" blockchain", style="Stuffing")

    # When it is extracted
    document = extract(build(make), content_type=DOCX)
    # Then the styled run is hidden
    assert [(h.kind, h.text) for h in document.hidden_text] == [("vanish", "blockchain")]


def test_a_docx_without_text_is_empty() -> None:
    # Given a document with only empty paragraphs
    content = build(lambda d: d.add_paragraph(""))
    # When it is extracted, then it is empty
    with pytest.raises(EmptyDocument):
        extract(content, content_type=DOCX)


def test_a_docx_holding_only_a_picture_needs_ocr() -> None:
    # Given a document whose only content is an inline picture
    def make(d: Document) -> None:
        d.add_picture(io.BytesIO(gray_png()))

    # When it is extracted, then it needs OCR
    with pytest.raises(NeedsOcr):
        extract(build(make), content_type=DOCX)


def test_core_properties_give_the_date_and_the_application_name_is_kept() -> None:
    # Given a DOCX last modified on a known day
    content = build(lambda d: d.add_paragraph("Accountant."), modified=datetime(2022, 5, 17, 9, 30, tzinfo=UTC))
    # When it is extracted
    document = extract(content, content_type=DOCX)
    # Then the date comes from metadata and the producing application is recorded
    assert (document.document_date, document.date_source) == (date(2022, 5, 17), "metadata")
    assert document.metadata.get("application")
    assert document.format == "docx"


def test_bulleted_list_paragraphs_get_a_bullet_like_the_exported_pdf() -> None:
    # Given items in Word's "List Bullet" style (the bullet comes from numbering.xml, not from the text)
    def make(d: Document) -> None:
        d.add_paragraph("Skills")
        d.add_paragraph("IFRS reporting", style="List Bullet")
        d.add_paragraph("SAP FI/CO", style="List Bullet")

    # When it is extracted, then each item starts with a bullet
    assert extract(build(make), content_type=DOCX).text == "Skills\n\u2022 IFRS reporting\n\u2022 SAP FI/CO"
