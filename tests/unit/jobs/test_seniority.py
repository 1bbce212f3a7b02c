"""Seniority from the title, then the text, then the years asked."""

from __future__ import annotations

import pytest

from talent.jobs.models import Seniority
from talent.jobs.parse import parse_job
from talent.jobs.seniority import infer_seniority
from tests.unit.jobs.fakes import FakeExtractor


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Software Engineering Intern", Seniority.INTERN),
        ("Junior Sales Manager", Seniority.JUNIOR),
        ("Software Engineer II", Seniority.MID),
        ("Sr. Data Engineer", Seniority.SENIOR),
        ("Staff Software Engineer", Seniority.LEAD),
        ("Principal Architect", Seniority.PRINCIPAL),
        ("Senior Manager, Finance", Seniority.MANAGER),
        ("Director of Engineering", Seniority.DIRECTOR),
        ("VP of Sales", Seniority.EXECUTIVE),
        ("Chief Technology Officer", Seniority.EXECUTIVE),
    ],
)
def test_seniority_comes_from_title_words(title: str, level: Seniority) -> None:
    # Given a title / When seniority is inferred / Then its level word decides, with the word as cue
    seniority, evidence = infer_seniority(title, "", None)
    assert seniority == level
    assert evidence is not None and evidence.source == "title" and evidence.cue.casefold() in title.casefold()


def test_staff_accountant_is_not_a_staff_engineer() -> None:
    # Given "Staff" in a non-engineering title / When inferred / Then it says nothing about seniority
    assert infer_seniority("Staff Accountant", "", None) == (Seniority.UNKNOWN, None)


def test_text_cues_decide_when_the_title_does_not() -> None:
    # Given a plain title and "entry-level" in the text / When inferred / Then the role is junior from the text
    seniority, evidence = infer_seniority("Accountant", "This is an entry-level position.", None)
    assert (seniority, evidence and evidence.source) == (Seniority.JUNIOR, "text")


def test_years_asked_decide_last() -> None:
    # Given no level words but 6 years required / When parsed / Then the role is senior from the years
    job = parse_job(
        "Requirements:\n6+ years of experience in accounting", title="Accountant", extractor=FakeExtractor()
    )
    assert job.seniority == Seniority.SENIOR
    assert job.seniority_evidence is not None and job.seniority_evidence.source == "years"


def test_no_cue_at_all_is_unknown() -> None:
    # Given nothing that indicates a level / When inferred / Then seniority is unknown
    assert infer_seniority("Accountant", "Prepare reports.", None) == (Seniority.UNKNOWN, None)
