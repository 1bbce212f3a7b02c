"""Words glued where a posting lost its line breaks are split; names written in camel case are not."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from talent.skills.glued_words import glued_breaks, is_glued
from talent.skills.tagger import split_words


def _words(text: str) -> list[str]:
    return [text[a:b] for a, b in split_words(text)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("trouble shooting skillsGood communication", ["trouble", "shooting", "skills", "Good", "communication"]),
        ("RESPONSIBILITIESProvide support", ["RESPONSIBILITIES", "Provide", "support"]),
        ("QualificationsPositive attitude", ["Qualifications", "Positive", "attitude"]),
        ("be a team player.Demonstrated skill", ["be", "a", "team", "player", ".", "Demonstrated", "skill"]),
        ("Requirements:Must have", ["Requirements", ":", "Must", "have"]),
        ("(skillsGood),", ["(", "skills", "Good", ")", ","]),
    ],
)
def test_glued_words_are_split(text: str, words: list[str]) -> None:
    assert _words(text) == words


@pytest.mark.parametrize(
    "name", ["JavaScript", "iPhone", "LinkedIn", "PowerPoint", "McDonald", "Node.Js", "e.g.Python", "ServiceMaster"]
)
def test_names_in_camel_case_stay_one_word(name: str) -> None:
    assert _words(name) == [name]


def test_the_word_before_the_capital_decides() -> None:
    assert is_glued("skills") and is_glued("RESPONSIBILITIES") and is_glued("Qualifications")
    assert not is_glued("Java") and not is_glued("i") and not is_glued("")


def test_a_later_junction_reads_only_the_letters_after_the_last_break() -> None:
    # "toLowerCase": "to" is glued to "Lower"; "Lower" before "Case" is capitalised, so a name goes on.
    assert glued_breaks("toLowerCase", 0, 11) == [2]


@given(st.text(alphabet=st.sampled_from("aZ.:Qx9 (),"), max_size=40))
def test_words_tile_the_text_without_space_and_in_order(text: str) -> None:
    words = split_words(text)
    assert all(a < b for a, b in words)
    assert all(b <= c for (_, b), (c, _) in itertools.pairwise(words))
    assert "".join(text[a:b] for a, b in words) == "".join(text.split())
