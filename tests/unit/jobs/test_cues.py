"""Cue phrases: headings open sections, words inside a clause set its level."""

from __future__ import annotations

import pytest

from talent.jobs.cues import Cue, classify_heading, find_cue, spread_cues


@pytest.mark.parametrize(
    "heading",
    ["Requirements:", "Minimum Qualifications", "Basic qualifications", "Must have", "What you'll need", "You have:"],
)
def test_required_headings_open_a_required_section(heading: str) -> None:
    # Given a heading that announces what the job needs / When it is classified / Then it opens a required section
    assert classify_heading(heading) == "required"


@pytest.mark.parametrize(
    "heading",
    ["Preferred Qualifications:", "Nice to have", "Bonus points", "Pluses:", "Ideally you have", "Desirable skills"],
)
def test_preferred_headings_open_a_preferred_section(heading: str) -> None:
    # Given a heading for extras / When it is classified / Then it opens a preferred section
    assert classify_heading(heading) == "preferred"


@pytest.mark.parametrize("heading", ["Responsibilities", "What you'll do:", "About the role"])
def test_description_headings_open_a_description_section(heading: str) -> None:
    # Given a heading for the work itself / When it is classified / Then it is a description section
    assert classify_heading(heading) == "description"


@pytest.mark.parametrize("heading", ["About us", "Benefits", "What we offer:", "Equal Opportunity Employer"])
def test_company_and_benefit_headings_are_ignored_sections(heading: str) -> None:
    # Given a heading about the employer / When it is classified / Then its content asks nothing of the candidate
    assert classify_heading(heading) == "ignored"


def test_a_sentence_is_not_a_heading() -> None:
    # Given an ordinary requirement sentence / When it is classified as a heading / Then it is not one
    assert classify_heading("Experience with distributed systems and large scale data processing") is None


@pytest.mark.parametrize(
    ("clause", "phrase"),
    [
        ("Kubernetes is a plus", "a plus"),
        ("Nice to have: Terraform", "Nice to have"),
        ("Ideally some Go", "Ideally"),
        ("Spanish preferred", "preferred"),
        ("A degree is not required", "not required"),
        ("Experience with Rust is desirable", "desirable"),
    ],
)
def test_preferred_cue_phrases_mark_a_clause_preferred(clause: str, phrase: str) -> None:
    # Given a clause with a preferred cue / When its cue is found / Then it is a strong preferred cue
    cue = find_cue(clause)
    assert cue is not None and (cue.level, cue.phrase, cue.strong) == ("preferred", phrase, True)


@pytest.mark.parametrize(("clause", "phrase"), [("Must have SQL", "Must"), ("Python is required", "required")])
def test_required_cue_phrases_mark_a_clause_required(clause: str, phrase: str) -> None:
    # Given a clause with a required cue / When its cue is found / Then it is a strong required cue
    cue = find_cue(clause)
    assert cue is not None and (cue.level, cue.phrase, cue.strong) == ("required", phrase, True)


def test_you_have_is_a_weak_required_cue() -> None:
    # Given a clause phrased as "you have" / When its cue is found / Then it is required but weak
    cue = find_cue("You have experience with Java")
    assert cue is not None and (cue.level, cue.phrase, cue.strong) == ("required", "You have", False)


def test_an_uncued_clause_inherits_the_previous_strong_cue_else_the_next() -> None:
    # Given clauses where only the second and fourth carry cues
    required, preferred = Cue("required", "must", True), Cue("preferred", "a plus", True)
    # When cues are spread
    inherited = spread_cues([[], [required], [], [preferred]], [1, 3, 1, 3])
    # Then the first inherits the next cue and the third the previous one
    assert inherited == [required, None, required, None]


def test_a_weak_cue_inherits_only_from_before() -> None:
    # Given "Minimum of 5 years, preferably in chemicals" and "Ideally, X, i.e. need Y"
    weak, preferred = Cue("required", "Minimum", False), Cue("preferred", "preferably", True)
    # When cues are spread / Then a trailing strong cue does not relabel the weak clause, a leading one does
    assert spread_cues([[weak], [preferred]], [5, 3]) == [None, None]
    assert spread_cues([[preferred], [weak]], [1, 5]) == [None, preferred]


def test_in_a_run_on_sentence_a_cue_does_not_spread_across_a_long_clause() -> None:
    # Given a run-on sentence: a cue after a long uncued clause, and a short item before that
    preferred = Cue("preferred", "a plus", True)
    # When cues are spread
    inherited = spread_cues([[], [], [preferred]], [2, 40, 3])
    # Then neither the long clause nor the item beyond it inherits the cue
    assert inherited == [None, None, None]
