from __future__ import annotations

import pytest

from talent.documents import DocumentError
from talent.profile.parse import parse_document

from .samples import DOC_DATE, INDEED_STYLE


def test_a_text_file_is_parsed_with_the_event_date() -> None:
    profile = parse_document(
        INDEED_STYLE.encode(), content_type="text/plain", filename="resume.txt", document_date=DOC_DATE
    )
    assert (profile.document.date, profile.document.date_source) == (DOC_DATE, "event")
    assert [e.title for e in profile.experience] == ["Senior Data Engineer", "Data Engineer"]


def test_without_any_date_present_is_today_and_said_so() -> None:
    profile = parse_document(INDEED_STYLE.encode(), content_type="text/plain", filename="resume.txt")
    assert profile.document.date_source == "unknown"
    assert 'document date unknown: "present" measured from the parsing date' in profile.warnings


def test_an_unreadable_file_raises_the_typed_intake_error() -> None:
    with pytest.raises(DocumentError) as caught:
        parse_document(b"", content_type="application/pdf", filename="resume.pdf")
    assert caught.value.code == "empty"
