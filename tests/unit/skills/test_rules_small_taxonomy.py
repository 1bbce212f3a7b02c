"""Rules for aliases the public data lacks today (Rust, D, Make, Shell), on a hand-made taxonomy."""

from __future__ import annotations

import pytest

from talent.skills.alias_matcher import AliasMatcher
from talent.skills.taxonomy import Name, NameFlag, Taxonomy, TaxonomyEntry

AMBIGUOUS = NameFlag.CASE_SENSITIVE | NameFlag.NEEDS_EVIDENCE


PLAIN = NameFlag(0)


def tech(skill_id: str, label: str, flags: NameFlag = PLAIN) -> TaxonomyEntry:
    return TaxonomyEntry(skill_id, label, "technology", "test", False, False, None, (), None,
                         (Name(label, flags),), (), ())  # fmt: skip


@pytest.fixture(scope="module")
def small() -> AliasMatcher:
    entries = [
        tech("t:python", "Python"),
        tech("t:docker", "Docker"),
        tech("t:rust", "Rust", AMBIGUOUS),
        tech("t:d", "D", AMBIGUOUS),
        tech("t:make", "Make", AMBIGUOUS),
        tech("t:shell", "Shell", AMBIGUOUS),
        tech("t:slack", "Slack", AMBIGUOUS),
    ]
    return AliasMatcher(Taxonomy.from_entries(entries))


def texts(matcher: AliasMatcher, text: str) -> list[str]:
    return [m.text for m in matcher.find(text)]


@pytest.mark.parametrize(
    "text, alias",
    [
        ("Systems code in Rust programming", "Rust"),
        ("Skills: Python, Rust, Docker", "Rust"),
        ("Compilers for the D language", "D"),
        ("Builds with GNU Make", "Make"),
        ("Automation with Unix shell scripts", "shell"),
        ("Python, Slack, Docker", "Slack"),
    ],
)
def test_alias_with_evidence_counts(small: AliasMatcher, text: str, alias: str) -> None:
    assert alias in texts(small, text)


@pytest.mark.parametrize(
    "text, alias",
    [
        ("Rust removal on old cars", "Rust"),
        ("Rust", "Rust"),
        ("Vitamin D supplements", "D"),
        ("Make sure it ships", "Make"),
        ("Worked at Shell oil", "Shell"),
        ("Picked up the slack", "slack"),
        ("Slack was my channel of choice", "Slack"),
    ],
)
def test_alias_without_evidence_does_not_count(small: AliasMatcher, text: str, alias: str) -> None:
    assert alias not in texts(small, text)


def test_a_default_rule_accepts_the_source_spelling_only(small: AliasMatcher) -> None:
    # Given "slack" in lower case in a list of technologies / Then it is not the tool
    assert "slack" not in texts(small, "Python, slack, Docker")
