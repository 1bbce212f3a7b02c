"""The screening view HR reads hides pedigree and age proxies by default; the ranker's blind() is unchanged."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from talent.api.blind_view import BlindField, BlindViewSettings, hidden_fields, screening_view
from talent.profile.models import (
    DocumentInfo,
    EducationEntry,
    ExperienceEntry,
    PersonalFields,
    ResumeProfile,
    Span,
    YearMonth,
)

NOW = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)


def _profile() -> ResumeProfile:
    return ResumeProfile(
        personal=PersonalFields(name="Robin Example", emails=["robin@example.org"]),
        summary="Data engineer; eight years at Globex Corporation after Stanford University.",
        experience=[
            ExperienceEntry(
                title="Senior Data Engineer",
                employer="Globex Corporation",
                start=YearMonth(year=2012, month=3),
                current=True,
                description="Built the Globex Corporation lakehouse in Python and SQL.",
                span=Span(start=0, end=10),
                months=100,
            )
        ],
        total_experience_months=100,
        education=[
            EducationEntry(
                degree="BSc Computer Science",
                level="bachelor",
                field="Computer Science",
                institution="Stanford University",
                end_year=2011,
                span=Span(start=11, end=20),
            )
        ],
        document=DocumentInfo(date=dt.date(2026, 12, 1), date_source="event", characters=20, text_sha256="0" * 64),
    )


def test_the_default_view_shows_no_employer_institution_or_year() -> None:
    # When HR reads the blind view with the default setting (nothing revealed)
    view = screening_view(_profile())

    # Then no employer, institution, graduation year or role dates appear, not even in the free text
    text = json.dumps(view.model_dump(mode="json"))
    for proxy in ("Globex", "Stanford", "2011", "2012"):
        assert proxy not in text, proxy
    (role,) = view.experience
    (school,) = view.education
    assert (role.employer, role.start, role.end, school.institution, school.end_year) == (None, None, None, None, None)
    # And what a screener needs is still there: title, length of each role, degree level and field, skills text
    assert (role.title, role.months, role.current, view.total_experience_months) == (
        "Senior Data Engineer",
        100,
        True,
        100,
    )
    assert (school.level, school.field) == ("bachelor", "Computer Science")
    assert "Python and SQL" in role.description
    assert view.personal == PersonalFields() and view.blinded


def test_a_tenant_may_reveal_a_field_on_purpose() -> None:
    view = screening_view(_profile(), frozenset({BlindField.EMPLOYER}))

    assert view.experience[0].employer == "Globex Corporation"
    assert view.education[0].institution is None and view.education[0].end_year is None
    assert hidden_fields(frozenset({BlindField.EMPLOYER})) == [
        BlindField.INSTITUTION,
        BlindField.EDUCATION_YEAR,
        BlindField.EXPERIENCE_DATES,
    ]


def test_the_ranker_s_blind_profile_is_not_changed_by_the_view() -> None:
    # blind() is what the features read: the view is a projection on top, never a change to it
    blind = _profile().blind()

    assert blind.experience[0].employer == "Globex Corporation"
    assert blind.education[0].institution == "Stanford University" and blind.education[0].end_year == 2011


def test_the_setting_is_typed_per_tenant(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BLIND_VIEW_REVEAL", '{"acme": ["employer", "education_year"]}')

    settings = BlindViewSettings()

    assert settings.revealed("acme") == {BlindField.EMPLOYER, BlindField.EDUCATION_YEAR}
    assert settings.revealed("globex") == frozenset()


def test_an_unknown_field_in_the_setting_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BLIND_VIEW_REVEAL", '{"acme": ["gender"]}')

    with pytest.raises(ValueError, match="blind_view_reveal"):
        BlindViewSettings()
