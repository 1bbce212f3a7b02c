"""Contributions in a recruiter's words: the value behind each, counts that agree with the skills listed."""

from __future__ import annotations

import math

import pytest

from talent.ranking.reasons import reason

FEATURES = [
    "semantic_resume", "semantic_head", "title_vs_head", "semantic_titles", "required_skills_exact",
    "preferred_skills_exact", "skills_matched", "skills_soft", "skill_proficiency", "relevant_experience",
    "experience_vs_required", "education_vs_required", "recency", "lexical_resume", "lexical_title", "family_match",
]  # fmt: skip


def test_skill_shares_become_counts_of_the_skills_the_job_lists() -> None:
    listed = {"required": 5, "preferred": 4}
    assert reason("required_skills_exact", 0.4, listed) == "names 2 of 5 required skills"
    assert reason("preferred_skills_exact", 0.0, listed) == "names 0 of 4 preferred skills"
    assert reason("preferred_skills_exact", 0.0, {"required": 2}) == "the job lists no preferred skills"


def test_values_are_said_in_their_own_units() -> None:
    assert reason("family_match", 0.87, {}) == "job family overlap with the job 0.87 (0 none, 1 surely the same family)"
    assert reason("relevant_experience", math.log1p(4.5), {}) == "4.5 years in roles like this one"
    assert reason("skills_matched", math.log1p(3), {}) == "names 3 of the job's skills"
    assert reason("recency", 1.0, {}) == "in a relevant role now"
    assert reason("recency", math.exp(-2 / 3), {}) == "last relevant role ended 2.0 years ago"
    assert reason("education_vs_required", -1.0, {}) == "degree 1 level below the one asked"


@pytest.mark.parametrize("feature", FEATURES)
def test_every_served_feature_has_words_not_its_identifier(feature: str) -> None:
    words = reason(feature, 0.5, {"required": 2, "preferred": 2})
    assert feature not in words and "_" not in words


def test_the_list_above_is_the_served_feature_spec(repo_root) -> None:
    import json

    spec = json.loads((repo_root / "models" / "ranker" / "feature_spec.json").read_text(encoding="utf-8"))
    assert [f["name"] for f in spec["features"]] == FEATURES


def test_an_unknown_feature_or_missing_value_is_named_plainly() -> None:
    assert reason("new_feature", 0.25, {}) == "new feature 0.25"
    assert reason("family_match", None, {}) == "family match"
    assert reason("family_match", float("nan"), {}) == "family match"
