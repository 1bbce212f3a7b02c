from __future__ import annotations

from talent.profile.models import PersonalFields
from talent.profile.parse import parse_resume

from .samples import DOC_DATE, PLAIN_STYLE


def test_blind_removes_the_personal_fields() -> None:
    profile = parse_resume(PLAIN_STYLE, document_date=DOC_DATE)
    assert profile.personal.name and profile.personal.emails and profile.personal.phones
    blind = profile.blind()
    assert blind.personal == PersonalFields()
    assert blind.blinded and not profile.blinded


def test_blind_redacts_the_name_from_free_text() -> None:
    blind = parse_resume(PLAIN_STYLE, document_date=DOC_DATE).blind()
    assert blind.summary is not None
    assert "Priya" not in blind.summary and "Raman" not in blind.summary
    assert "[redacted] leads month-end close" in blind.summary


def test_blind_keeps_the_scoring_fields() -> None:
    profile = parse_resume(PLAIN_STYLE, document_date=DOC_DATE)
    blind = profile.blind()
    assert blind.experience == profile.experience
    assert blind.total_experience_months == profile.total_experience_months
    assert blind.education == profile.education
