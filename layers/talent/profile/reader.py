"""The ResumeReader the functions use: document intake + profile parsing with the default skill extractor."""

from __future__ import annotations

from datetime import date

from talent.profile.models import ResumeProfile
from talent.profile.parse import parse_document
from talent.skills.extract import default_extractor


class DocumentResumeReader:
    """Implements ResumeReader; intake's typed DocumentError subclasses propagate with their reason."""

    def read(self, content: bytes, content_type: str, filename: str | None, document_date: date) -> ResumeProfile:
        return parse_document(
            content,
            content_type=content_type,
            filename=filename,
            document_date=document_date,
            extractor=default_extractor(),
        )
