"""assess(): resume evidence and test results for each skill, matched by taxonomy id or label."""

from __future__ import annotations

from talent.assessment import assess, lookup_from_aliases
from tests.unit.assessment.factories import AS_OF, no_lookup, profile_skill, score


def test_a_result_is_matched_to_the_profile_skill_through_the_taxonomy_alias() -> None:
    # Given a profile skill and a result named by an alias in another case
    lookup = lookup_from_aliases({"Python": "test:python", "python 3": "test:python"})
    # When assessed
    (only,) = assess([profile_skill("Python")], [score("PYTHON 3", 0.9)], as_of=AS_OF, taxonomy_lookup=lookup)
    # Then one proficiency carries both the resume evidence and the test score
    assert (only.skill_id, only.assessment_score) == ("test:python", 0.9)
    assert only.inferred is not None


def test_a_result_is_matched_to_a_profile_label_when_the_taxonomy_has_no_entry() -> None:
    # Given a result named like a profile skill but unknown to the taxonomy / When assessed / Then they are matched
    (only,) = assess(
        [profile_skill("Negotiation")], [score("negotiation", 0.4)], as_of=AS_OF, taxonomy_lookup=no_lookup
    )
    assert (only.skill_id, only.assessment_score) == ("test:negotiation", 0.4)


def test_a_result_for_a_skill_not_in_the_resume_stands_alone() -> None:
    # Given a result the resume never mentions / When assessed / Then it is its own proficiency, from the test only
    (only,) = assess([], [score("Welding", 1.0)], as_of=AS_OF, taxonomy_lookup=no_lookup)
    assert (only.skill_id, only.label, only.inferred, only.proficiency) == (None, "Welding", None, 0.8)


def test_several_results_for_one_skill_are_averaged() -> None:
    # Given two results for the same skill / When assessed / Then their mean is the assessment score
    results = [score("Go", 0.5), score("go", 0.9)]
    (only,) = assess([], results, as_of=AS_OF, taxonomy_lookup=lookup_from_aliases({"Go": "test:go"}))
    assert only.assessment_score is not None and abs(only.assessment_score - 0.7) < 1e-9


def test_without_results_proficiency_is_the_inferred_score() -> None:
    # Given only resume evidence / When assessed / Then proficiency equals the inferred score
    (only,) = assess([profile_skill()], None, as_of=AS_OF, taxonomy_lookup=no_lookup)
    assert only.proficiency == only.inferred and only.assessment_score is None


def test_the_explanation_names_months_section_and_test() -> None:
    # Given evidence and a test / When assessed / Then the explanation cites both in words
    (only,) = assess([profile_skill(months=36)], [score("Python", 0.6)], as_of=AS_OF, taxonomy_lookup=no_lookup)
    assert "36 months in experience" in only.explanation and "test 0.60" in only.explanation


def test_proficiencies_are_ordered_most_proficient_first() -> None:
    # Given a long-used skill and a bare skills-list entry / When assessed / Then the stronger one comes first
    skills = [profile_skill("Excel", sections=("skills",), months=None), profile_skill("SQL", months=60)]
    assert [p.label for p in assess(skills, None, as_of=AS_OF, taxonomy_lookup=no_lookup)] == ["SQL", "Excel"]


def test_the_profile_evidence_is_carried_over() -> None:
    # Given a profile skill with evidence / When assessed / Then that evidence is on the proficiency
    skill = profile_skill(sections=("experience", "skills"))
    (only,) = assess([skill], None, as_of=AS_OF, taxonomy_lookup=no_lookup)
    assert only.evidence == skill.evidence and only.best_section == "experience"
