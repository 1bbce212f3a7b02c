"""Years of experience asked for: the lower bound of what the text says."""

from __future__ import annotations

import pytest

from talent.jobs.parse import parse_job
from talent.jobs.years import find_years
from tests.unit.jobs.fakes import FakeExtractor


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("3-5 years of experience", 3),
        ("5+ years of experience in sales", 5),
        ("at least three years of Python", 3),
        ("minimum of 2 yrs", 2),
        ("three to five years of experience", 3),
        ("five (5) years of relevant work experience", 5),
        ("10 or more years in the industry", 10),
        ("2 years' experience as a nurse", 2),
    ],
)
def test_years_are_the_lower_bound_of_what_is_asked(text: str, years: int) -> None:
    # Given a years phrase / When years are found / Then the lower bound is returned
    assert [m.years for m in find_years(text)] == [years]


@pytest.mark.parametrize("text", ["Must be 18 years of age or older", "A company with 10 years of history", "4 years"])
def test_ages_histories_and_bare_numbers_are_not_experience(text: str) -> None:
    # Given a number of years that is not an experience requirement / When years are found / Then none are
    assert find_years(text) == []


def test_min_years_is_the_largest_required_mention() -> None:
    # Given required mentions of 5 years overall and 2 years of one tool
    text = "Requirements:\n5+ years of software development experience\n2 years of experience with Kafka"
    # When the job is parsed
    job = parse_job(text, extractor=FakeExtractor())
    # Then the minimum is 5, quoted from its sentence
    assert job.min_years_experience == 5
    assert job.min_years_evidence is not None and job.min_years_evidence.text == "5+ years"


def test_preferred_years_do_not_set_the_minimum() -> None:
    # Given years only under a preferred heading
    text = "Requirements:\nBachelor's degree\nPreferred qualifications:\n4 years of experience in marketing"
    # When the job is parsed
    job = parse_job(text, extractor=FakeExtractor())
    # Then there is no minimum, and the preferred years are kept apart
    assert (job.min_years_experience, job.preferred_years_experience) == (None, 4)


def test_years_of_a_field_count_in_a_requirements_section() -> None:
    # Given "N years of <field>" with no experience word, under a requirements heading
    text = "Minimum qualifications:\n7 years of related sales and channel management in a software company."
    # When parsed / Then the years are the minimum
    assert parse_job(text, extractor=FakeExtractor()).min_years_experience == 7


def test_years_of_a_field_do_not_count_in_a_company_blurb() -> None:
    # Given "N years of <something>" outside any requirements section / When parsed / Then it is not a minimum
    text = "We have 20 years of excellence in retail."
    assert parse_job(text, extractor=FakeExtractor()).min_years_experience is None


@pytest.mark.parametrize("text", ["child ages 1-12 years or adolescent ages 13-17 years of experience"])
def test_age_ranges_are_not_experience(text: str) -> None:
    # Given ages written as year ranges / When years are found / Then none are
    assert find_years(text) == []


def test_the_employers_own_years_are_not_a_requirement() -> None:
    # Given a company blurb boasting 20+ years of experience / When parsed / Then there is no minimum
    text = "A stable industry leader with 20+ years of experience in logistics.\nYou will plan routes."
    assert parse_job(text, extractor=FakeExtractor()).min_years_experience is None
