"""PDF intake: reading order, hidden text, scanned pages, encryption, damage and limits."""

from __future__ import annotations

from datetime import date

import pypdfium2 as pdfium
import pytest

from talent.documents import (
    CorruptDocument,
    EmptyDocument,
    EncryptedDocument,
    Limits,
    NeedsOcr,
    TooManyPages,
    extract,
)
from tests.unit.documents.pdfs import Image, Item, Pdf, Rect, Text

PDF = "application/pdf"
BODY = "Managed accounts payable and receivable for a portfolio of forty clients."


def lines(x: float, top: float, texts: list[str], pitch: float = 14) -> list[Text]:
    return [Text(x, top - i * pitch, t) for i, t in enumerate(texts)]


def test_two_columns_are_read_left_column_first_even_when_drawn_row_by_row() -> None:
    # Given a page whose content stream interleaves the two columns line by line
    left = [f"Left column sentence number {i} about audit work" for i in range(6)]
    right = [f"Right fact {i}" for i in range(6)]
    items: list[Text] = []
    for i in range(6):
        items += [Text(50, 700 - 14 * i, left[i]), Text(400, 700 - 14 * i - 5, right[i])]
    # When it is extracted
    text = extract(Pdf(pages=[items]).build(), content_type=PDF).text
    # Then every left-column line comes before every right-column line, each in top-to-bottom order
    positions = [text.index(t) for t in left + right]
    assert positions == sorted(positions)


def test_a_full_width_header_above_two_columns_comes_first() -> None:
    # Given a heading spanning the page above two columns (a sidebar with its own line pitch)
    items = [Text(50, 740, "Summary of a long career across finance, audit and operations management")]
    items += lines(50, 700, [f"Left paragraph line {i} with several words" for i in range(5)])
    items += lines(400, 704, [f"Right item {i}" for i in range(5)], pitch=17)
    # When it is extracted
    text = extract(Pdf(pages=[items]).build(), content_type=PDF).text
    # Then the header, the left column and the right column follow each other
    assert text.index("Summary") < text.index("Left paragraph line 4") < text.index("Right item 0")


def test_short_cells_on_shared_baselines_are_a_table_read_row_by_row() -> None:
    # Given a paragraph column and short right-hand cells on exactly the same baselines (ambiguous layout)
    items = lines(50, 700, [f"Bachelor of Science line {i} with several words" for i in range(4)])
    items += lines(400, 700, [f"201{i}" for i in range(4)])
    # When it is extracted
    text = extract(Pdf(pages=[items]).build(), content_type=PDF).text
    # Then rows are kept (a year stays with its line: separating them would break experience parsing)
    assert "Bachelor of Science line 2 with several words 2012" in text


def test_title_and_date_on_one_row_stay_on_one_line() -> None:
    # Given experience entries with the dates right-aligned on the title rows
    items = [
        Text(50, 700, "Senior Accountant"),
        Text(450, 700, "2019 - 2023"),
        Text(50, 686, "Acme Corp"),
        Text(50, 660, "Staff Accountant"),
        Text(450, 660, "2015 - 2019"),
        Text(50, 646, "Globex"),
    ]
    # When it is extracted
    text = extract(Pdf(pages=[items]).build(), content_type=PDF).text
    # Then each date stays with its title, as a table row
    assert "Senior Accountant 2019 - 2023" in text
    assert "Staff Accountant 2015 - 2019" in text


def test_pages_are_separated_by_form_feed() -> None:
    # Given a two-page PDF
    content = Pdf(pages=[[Text(72, 700, BODY)], [Text(72, 700, "Second page: education and certifications.")]])
    # When it is extracted
    document = extract(content.build(), content_type=PDF)
    # Then the pages are counted and their texts are separated by "\f"
    assert document.pages == 2
    assert document.text.split("\f") == [BODY, "Second page: education and certifications."]


def test_white_text_on_white_paper_is_reported_and_excluded() -> None:
    # Given keyword stuffing in white on a white page
    items = [Text(72, 700, BODY), Text(72, 680, "python kubernetes terraform", rgb=(1, 1, 1))]
    # When it is extracted
    document = extract(Pdf(pages=[items]).build(), content_type=PDF)
    # Then the white words are hidden text, not text
    assert "python" not in document.text
    assert [(h.kind, h.text, h.page) for h in document.hidden_text] == [
        ("white_text", "python kubernetes terraform", 1)
    ]


def test_white_text_on_a_dark_banner_is_visible_text() -> None:
    # Given a white heading on a black rectangle (a design, not stuffing)
    items: list[Item] = [
        Rect(60, 690, 400, 30),
        Text(72, 700, "PROFESSIONAL SUMMARY", rgb=(1, 1, 1)),
        Text(72, 660, BODY),
    ]
    # When it is extracted
    document = extract(Pdf(pages=[items]).build(), content_type=PDF)
    # Then the heading is part of the text and nothing is reported hidden
    assert "PROFESSIONAL SUMMARY" in document.text
    assert document.hidden_text == []


def test_text_under_four_points_is_tiny_hidden_text() -> None:
    # Given 2 pt text under a normal paragraph
    items = [Text(72, 700, BODY), Text(72, 690, "machine learning expert", size=2)]
    # When it is extracted
    document = extract(Pdf(pages=[items]).build(), content_type=PDF)
    # Then it is reported as tiny text and left out
    assert [h.kind for h in document.hidden_text] == ["tiny_text"]
    assert "machine learning" not in document.text


def test_text_placed_outside_the_page_is_offpage_hidden_text() -> None:
    # Given words drawn beyond the right edge of the page
    items = [Text(72, 700, BODY), Text(700, 600, "certified scrum master")]
    # When it is extracted
    document = extract(Pdf(pages=[items]).build(), content_type=PDF)
    # Then they are reported as off-page
    assert [(h.kind, h.text) for h in document.hidden_text] == [("offpage", "certified scrum master")]


def test_invisible_text_without_an_image_is_hidden() -> None:
    # Given text in render mode 3 (invisible) on a page without images
    items = [Text(72, 700, BODY), Text(72, 680, "award winning leader", render_mode=3)]
    # When it is extracted
    document = extract(Pdf(pages=[items]).build(), content_type=PDF)
    # Then it is invisible hidden text
    assert [h.kind for h in document.hidden_text] == ["invisible"]


def test_invisible_text_over_a_scan_is_an_ocr_layer_and_kept() -> None:
    # Given a scanned page image with an invisible OCR text layer on top
    items: list[Item] = [Image(0, 0, 612, 792), Text(72, 700, BODY, render_mode=3)]
    # When it is extracted
    document = extract(Pdf(pages=[items]).build(), content_type=PDF)
    # Then the OCR text is the document's text
    assert document.text == BODY
    assert document.hidden_text == []


def test_a_scanned_pdf_without_text_needs_ocr() -> None:
    # Given two pages that are only images
    content = Pdf(pages=[[Image(0, 0, 612, 792)], [Image(0, 0, 612, 792)]]).build()
    # When it is extracted, then intake asks for OCR
    with pytest.raises(NeedsOcr) as caught:
        extract(content, content_type=PDF)
    assert caught.value.code == "needs_ocr"


def test_one_scanned_page_among_text_pages_is_a_warning() -> None:
    # Given a text page followed by an image-only page
    content = Pdf(pages=[[Text(72, 700, BODY)], [Image(0, 0, 612, 792)]]).build()
    # When it is extracted
    document = extract(content, content_type=PDF)
    # Then the text is kept and the scanned page is named in a warning
    assert document.text.startswith(BODY)
    assert any("page(s) 2" in w and "text layer" in w for w in document.warnings)


def test_a_pdf_without_any_text_or_image_is_empty() -> None:
    # Given a blank page
    content = Pdf(pages=[[]]).build()
    # When it is extracted, then it is an empty document
    with pytest.raises(EmptyDocument):
        extract(content, content_type=PDF)


def test_a_pdf_with_only_hidden_text_is_empty_and_says_so() -> None:
    # Given a page whose only text is white on white
    content = Pdf(pages=[[Text(72, 700, BODY, rgb=(1, 1, 1))]]).build()
    # When it is extracted, then it is empty, and the message mentions the hidden text
    with pytest.raises(EmptyDocument, match="hidden"):
        extract(content, content_type=PDF)


def test_a_password_protected_pdf_is_encrypted() -> None:
    # Given a PDF encrypted with a user password (it really opens with that password)
    content = Pdf(pages=[[Text(72, 700, BODY)]], user_password="s3cret").build()
    assert pdfium.PdfDocument(content, password="s3cret")[0].get_textpage().get_text_range() == BODY
    # When it is extracted without the password
    with pytest.raises(EncryptedDocument) as caught:
        extract(content, content_type=PDF)
    # Then the recruiter is told what to ask for
    assert caught.value.code == "encrypted"
    assert caught.value.message == "encrypted PDF: ask the candidate for an unlocked copy"


def test_a_truncated_pdf_is_corrupt() -> None:
    # Given a PDF cut after its header
    content = Pdf(pages=[[Text(72, 700, BODY)]]).build()[:40]
    # When it is extracted, then it is corrupt
    with pytest.raises(CorruptDocument):
        extract(content, content_type=PDF)


def test_more_pages_than_the_limit_are_refused_before_reading() -> None:
    # Given a three-page PDF and a two-page limit
    content = Pdf(pages=[[Text(72, 700, BODY)]] * 3).build()
    # When it is extracted, then the page limit applies
    with pytest.raises(TooManyPages, match="3 pages"):
        extract(content, content_type=PDF, limits=Limits(max_pages=2))


def test_a_page_tree_declaring_a_million_pages_is_refused() -> None:
    # Given a PDF whose page tree claims a million pages
    content = Pdf(pages=[[Text(72, 700, BODY)]], declared_page_count=1_000_000).build()
    # When it is extracted, then it is refused as too long or as damaged, never read page by page
    with pytest.raises((TooManyPages, CorruptDocument)):
        extract(content, content_type=PDF)


def test_metadata_gives_the_date_and_producer_but_no_personal_fields() -> None:
    # Given a PDF with dates, producer and an author
    info = {"ModDate": "D:20230412093000Z", "CreationDate": "D:20200101000000Z", "Producer": "Fixture PDF 1.0"}
    info["Author"] = "Jane Candidate"
    content = Pdf(pages=[[Text(72, 700, BODY)]], info=info).build()
    # When it is extracted
    document = extract(content, content_type=PDF)
    # Then the modification date is the document date, from metadata; the author is not kept
    assert (document.document_date, document.date_source) == (date(2023, 4, 12), "metadata")
    assert document.metadata["producer"] == "Fixture PDF 1.0"
    assert "Jane" not in str(document.metadata)


def test_the_event_date_wins_over_metadata() -> None:
    # Given a PDF with a metadata date and an event that carries its own date
    content = Pdf(pages=[[Text(72, 700, BODY)]], info={"ModDate": "D:20230412093000Z"}).build()
    # When it is extracted with the event date
    document = extract(content, content_type=PDF, document_date=date(2024, 2, 1))
    # Then the event date is used and said to be
    assert (document.document_date, document.date_source) == (date(2024, 2, 1), "event")


def test_a_pdf_without_dates_says_none() -> None:
    # Given a PDF without metadata
    content = Pdf(pages=[[Text(72, 700, BODY)]]).build()
    # When it is extracted, then there is no date and the source says so
    document = extract(content, content_type=PDF)
    assert (document.document_date, document.date_source) == (None, "none")
