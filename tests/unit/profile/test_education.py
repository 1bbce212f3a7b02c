from __future__ import annotations

import pytest

from talent.profile.education import degree_level
from talent.profile.parse import parse_resume

from .samples import DOC_DATE, INDEED_STYLE, PLAIN_STYLE


@pytest.mark.parametrize(
    ("degree", "level"),
    [
        ("B.Sc. in Physics", "bachelor"),
        ("BS Computer Science", "bachelor"),
        ("Bachelor of Arts : History", "bachelor"),
        ("B.E in Mechanical Engineering", "bachelor"),
        ("B-Tech", "bachelor"),
        ("M.S. in Statistics", "master"),
        ("MBA", "master"),
        ("Master of Science", "master"),
        ("M.Tech", "master"),
        ("PhD in Chemistry", "doctorate"),
        ("Doctorate in Education", "doctorate"),
        ("Associate of Applied Science", "associate"),
        ("AS , Network Engineering", "associate"),
        ("High School Diploma", "high_school"),
        ("GED", "high_school"),
        ("HSC", "high_school"),
        ("Diploma in Nursing", "other"),
    ],
)
def test_degrees_are_normalised_to_a_level(degree: str, level: str) -> None:
    assert degree_level(degree) == level


def test_an_unrecognised_degree_has_no_level() -> None:
    assert degree_level("Coursework in pottery") is None


def test_degree_field_institution_and_year_on_separate_lines() -> None:
    (entry,) = parse_resume(INDEED_STYLE, document_date=DOC_DATE).education
    assert (entry.degree, entry.level, entry.field) == ("B.Sc. in Computer Science", "bachelor", "Computer Science")
    assert (entry.institution, entry.end_year) == ("Springfield State University", 2015)


def test_degree_field_year_and_institution_on_one_line() -> None:
    (entry,) = parse_resume(PLAIN_STYLE, document_date=DOC_DATE).education
    assert (entry.level, entry.field, entry.institution, entry.end_year) == (
        "master",
        "Finance",
        "University of Texas",
        2010,
    )


def test_a_school_name_is_not_read_as_a_degree() -> None:
    text = "Education\nRiverside High School, 2009\n"
    (entry,) = parse_resume(text, document_date=DOC_DATE).education
    assert (entry.degree, entry.level, entry.institution) == (None, "high_school", "Riverside High School")


def test_abbreviated_degree_field_and_school_split_at_the_comma():
    from datetime import date

    from talent.profile.parse import parse_resume

    text = "EDUCATION\nB.Sc. Computer Science, State University, 2018\n"
    (entry,) = parse_resume(text, document_date=date(2026, 1, 1)).education
    assert (entry.level, entry.field, entry.institution, entry.end_year) == (
        "bachelor",
        "Computer Science",
        "State University",
        2018,
    )
