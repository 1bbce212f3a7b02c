"""The metamorphic edits, re-read by the real resume reader: each does what it says and nothing else."""

from __future__ import annotations

from datetime import date

import pytest

from talent.profile.models import ResumeProfile
from talent.profile.parse import parse_resume
from talent.skills.extract import SkillExtractor, default_extractor
from talent_tools.evaluation.ranking.transforms import drop_lines, lines_naming, with_earlier_start, with_skill

RESUME = """Data Analyst

Experience
Data Analyst, Acme Corp
January 2016 to Current
Built dashboards in Tableau for the sales team.
Wrote SQL queries against the warehouse every day.

Education
Bachelor of Science in Statistics, 2015
"""
AS_OF = date(2020, 12, 31)


@pytest.fixture(scope="module")
def extractor() -> SkillExtractor:
    return default_extractor()


def _parse(text: str, extractor: SkillExtractor) -> ResumeProfile:
    return parse_resume(text, document_date=AS_OF, extractor=extractor)


def _labels(profile: ResumeProfile) -> set[str]:
    return {s.label.lower() for s in profile.skills}


def test_drop_lines_removes_every_line_holding_an_offset() -> None:
    text = "one\ntwo\nthree\nfour"
    assert drop_lines(text, [text.index("two") + 1, text.index("four")]) == "one\nthree"


def test_lines_naming_matches_whole_normalised_words() -> None:
    text = "Senior Accountants\nAccounting clerk\nstaff accountant"
    assert lines_naming(text, "Accountant") == [0, text.index("staff")]


def test_removing_the_evidence_lines_of_a_skill_removes_the_skill(extractor: SkillExtractor) -> None:
    profile = _parse(RESUME, extractor)
    tableau = next(s for s in profile.skills if s.label.lower() == "tableau")
    edited = _parse(drop_lines(RESUME, [e.start for e in tableau.evidence]), extractor)
    assert "tableau" not in _labels(edited)
    assert "sql" in _labels(edited)


def test_adding_a_skill_with_a_line_of_use_adds_the_skill(extractor: SkillExtractor) -> None:
    assert not any(label.startswith("python") for label in _labels(_parse(RESUME, extractor)))
    edited = _parse(with_skill(RESUME, "Python"), extractor)
    assert any(label.startswith("python") for label in _labels(edited))
    assert _labels(_parse(RESUME, extractor)) <= _labels(edited)


def test_an_earlier_start_lengthens_the_role_by_the_years_asked(extractor: SkillExtractor) -> None:
    role = _parse(RESUME, extractor).experience[0]
    assert role.start is not None and role.months is not None
    edited = with_earlier_start(RESUME, role.span.start, role.span.end, role.start.year, 2)
    assert edited is not None
    longer = _parse(edited, extractor).experience[0]
    assert longer.months == role.months + 24


def test_an_earlier_start_is_refused_when_the_year_is_not_written_there() -> None:
    assert with_earlier_start("Analyst\nno dates here", 0, 20, 2016, 2) is None
