"""Education asked for, on the profile's scale, with its field and whether it is required."""

from __future__ import annotations

import pytest

from talent.jobs.education import find_education
from talent.jobs.models import EducationLevel
from talent.jobs.parse import parse_job
from tests.unit.jobs.fakes import FakeExtractor


@pytest.mark.parametrize(
    ("sentence", "level"),
    [
        ("High school diploma or GED", EducationLevel.HIGH_SCHOOL),
        ("Associate degree in Nursing", EducationLevel.ASSOCIATE),
        ("BA/BS degree or equivalent practical experience.", EducationLevel.BACHELOR),
        ("Bachelor's degree in Economics", EducationLevel.BACHELOR),
        ("MBA or Master's degree", EducationLevel.MASTER),
        ("PhD in Machine Learning", EducationLevel.DOCTORATE),
        ("B.Tech in Computer Science", EducationLevel.BACHELOR),
        ("MCA from a recognised university", EducationLevel.MASTER),
        ("Vocational/Technical Degree in electronics", EducationLevel.ASSOCIATE),
    ],
)
def test_degree_names_map_to_levels(sentence: str, level: EducationLevel) -> None:
    # Given a degree named in a sentence / When education is found / Then it has the right level
    found = find_education(sentence)
    assert found is not None and found.level == level


def test_the_lowest_degree_named_is_the_requirement() -> None:
    # Given alternatives "BS/MS" / When education is found / Then the minimum asked is a bachelor
    found = find_education("BS/MS in Computer Science")
    assert found is not None and found.level == EducationLevel.BACHELOR


def test_the_field_is_kept_without_the_related_field_tail() -> None:
    # Given a field followed by "or related field" / When education is found / Then the field alone is kept
    found = find_education("Bachelor's degree in Statistics or a related field")
    assert found is not None and found.field == "Statistics"


def test_equivalent_practical_experience_is_recorded() -> None:
    # Given a degree "or equivalent practical experience" / When found / Then that alternative is recorded
    found = find_education("BA/BS degree or equivalent practical experience.")
    assert found is not None and found.equivalent_experience_accepted


@pytest.mark.parametrize("sentence", ["360 degree feedback", "a high degree of autonomy", "MS Office and Excel"])
def test_degree_lookalikes_are_not_education(sentence: str) -> None:
    # Given a phrase that only looks like a degree / When education is found / Then none is
    assert find_education(sentence) is None


def test_a_preferred_higher_degree_is_kept_apart_from_the_required_one() -> None:
    # Given a required bachelor and a preferred master
    text = "Minimum qualifications:\nBachelor's degree in Physics\nPreferred qualifications:\nPhD in Physics\n"
    # When parsed
    job = parse_job(text, extractor=FakeExtractor())
    # Then the requirement is a required bachelor and the preference a doctorate
    assert job.education_requirement is not None and job.preferred_education is not None
    assert (job.education_requirement.level, job.education_requirement.requirement) == ("bachelor", "required")
    assert job.preferred_education.level == EducationLevel.DOCTORATE


def test_a_degree_that_is_only_preferred_is_the_requirement_marked_preferred() -> None:
    # Given a degree only under a preferred heading / When parsed / Then it is the requirement, marked preferred
    job = parse_job("Nice to have:\nMaster's degree in Finance\n", extractor=FakeExtractor())
    assert job.education_requirement is not None
    assert (job.education_requirement.level, job.education_requirement.requirement) == ("master", "preferred")
    assert job.preferred_education is None
