"""Properties of assess(): bounded, monotone in every input, and dominated by a test score when there is one."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from talent.assessment import assess
from talent.profile.skills import ProfileSkill
from tests.unit.assessment.factories import AS_OF, no_lookup, profile_skill, score

SECTIONS = ["experience", "projects", "skills", "summary", "education", "certifications", "hobbies"]
months = st.integers(min_value=0, max_value=600)
days_ago = st.integers(min_value=-400, max_value=20 * 365)
unit = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
section_sets = st.lists(st.sampled_from(SECTIONS), min_size=1, max_size=3, unique=True)


def proficiency(skill: ProfileSkill, test: float | None = None) -> float:
    results = [score(skill.label, test)] if test is not None else None
    (only,) = assess([skill], results, as_of=AS_OF, taxonomy_lookup=no_lookup)
    return only.proficiency


def skill(m: int | None, ago: int | None, sections: list[str], confidence: float) -> ProfileSkill:
    last_used = AS_OF - timedelta(days=ago) if ago is not None else None
    return profile_skill(months=m, last_used=last_used, sections=tuple(sections), confidence=confidence)


@given(months, months, days_ago, section_sets, unit)
def test_more_months_never_lower_proficiency(a: int, b: int, ago: int, sections: list[str], conf: float) -> None:
    # Given the same skill used for fewer and for more months / When assessed / Then more months score no lower
    fewer, more = sorted((a, b))
    assert proficiency(skill(more, ago, sections, conf)) >= proficiency(skill(fewer, ago, sections, conf))


@given(months, days_ago, days_ago, section_sets, unit)
def test_more_recent_use_never_lowers_proficiency(m: int, a: int, b: int, sections: list[str], conf: float) -> None:
    # Given the same skill last used earlier and later / When assessed / Then later use scores no lower
    recent, older = sorted((a, b))
    assert proficiency(skill(m, recent, sections, conf)) >= proficiency(skill(m, older, sections, conf))


@given(months, days_ago, section_sets, unit, unit, unit)
def test_a_higher_test_score_never_lowers_proficiency(
    m: int, ago: int, sections: list[str], conf: float, a: float, b: float
) -> None:
    # Given the same resume evidence and a lower and a higher test score / When assessed / Then higher is no lower
    low, high = sorted((a, b))
    evidence = skill(m, ago, sections, conf)
    assert proficiency(evidence, high) >= proficiency(evidence, low)


@given(months, days_ago, section_sets, unit, unit)
def test_higher_confidence_never_lowers_proficiency(m: int, ago: int, sections: list[str], a: float, b: float) -> None:
    # Given the same mention found with lower and higher confidence / When assessed / Then higher is no lower
    low, high = sorted((a, b))
    assert proficiency(skill(m, ago, sections, high)) >= proficiency(skill(m, ago, sections, low))


@given(months, days_ago, section_sets, unit)
def test_experience_evidence_outweighs_a_skills_list_entry(m: int, ago: int, sections: list[str], conf: float) -> None:
    # Given the same skill with and without experience among its sections / When assessed / Then experience wins
    without = [s for s in sections if s != "experience"] or ["skills"]
    assert proficiency(skill(m, ago, [*without, "experience"], conf)) >= proficiency(skill(m, ago, without, conf))


@given(st.one_of(st.none(), months), st.one_of(st.none(), days_ago), section_sets, unit, unit)
def test_a_test_score_dominates_resume_evidence(
    m: int | None, ago: int | None, sections: list[str], conf: float, test: float
) -> None:
    # Given any resume evidence and a test score / When assessed / Then proficiency stays within 0.2 of the score
    assert abs(proficiency(skill(m, ago, sections, conf), test) - test) <= 0.2 + 1e-9


@given(st.one_of(st.none(), months), st.one_of(st.none(), days_ago), section_sets, unit)
def test_proficiency_is_between_zero_and_one(m: int | None, ago: int | None, sections: list[str], conf: float) -> None:
    # Given any resume evidence / When assessed / Then proficiency is in [0, 1]
    assert 0.0 <= proficiency(skill(m, ago, sections, conf)) <= 1.0


def test_last_used_in_the_future_counts_as_current() -> None:
    # Given a last_used date after as_of (an end date in the future) / When assessed / Then it scores as current
    assert proficiency(skill(24, -90, ["experience"], 0.9)) == proficiency(skill(24, 0, ["experience"], 0.9))


def test_unknown_last_used_scores_below_current_use() -> None:
    # Given months of use with no last-used date / When assessed / Then it scores below the same use ending today
    assert proficiency(skill(24, None, ["experience"], 0.9)) < proficiency(skill(24, 0, ["experience"], 0.9))


def test_as_of_is_a_date() -> None:
    # Given the fixed reference date of these tests / Then it is a plain date (no clock is read)
    assert isinstance(AS_OF, date)
