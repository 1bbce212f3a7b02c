"""Build-time flags for names that read as skills but mostly are not: cut phrases, consumer services,
acronyms with a more common meaning, and which technology keeps a shared acronym."""

from __future__ import annotations

import pytest

from talent.skills.taxonomy import NameFlag
from talent_tools.skills.build_taxonomy import Draft, _owner_rank
from talent_tools.skills.name_flags import Vocabulary, flag_name

VOCABULARY = Vocabulary(["set the table and set up the room", "adhere to the code of practice", "a computer"] * 5)


def flags(text: str, *, technology: bool = False, derived: bool = False) -> NameFlag:
    return flag_name(text, technology=technology, vocabulary=VOCABULARY, derived=derived)


CUT_PHRASES = ["a computer", "the hardware industry", "code of", "adhere to", "set up", "establish an", "hardware,"]


@pytest.mark.parametrize("name", CUT_PHRASES)
def test_a_cut_phrase_is_never_matched(name: str) -> None:
    assert flags(name) & NameFlag.NOT_MATCHED


@pytest.mark.parametrize("name", ["The Financial Edge", "home alarm system set up", "Imagine That Extend OR"])
def test_product_names_and_whole_phrases_are_not_cut_phrases(name: str) -> None:
    assert not flags(name, technology=True) & NameFlag.NOT_MATCHED


@pytest.mark.parametrize("name", ["Google", "YouTube", "Facebook"])
def test_a_consumer_service_counts_only_with_evidence(name: str) -> None:
    assert flags(name, technology=True) == NameFlag.CASE_SENSITIVE | NameFlag.NEEDS_EVIDENCE


@pytest.mark.parametrize(("name", "derived"), [("Front Desk", False), ("Restaurant Manager", False), ("COM", True)])
def test_a_product_named_by_ordinary_words_counts_only_as_written_and_with_evidence(name: str, derived: bool) -> None:
    assert flags(name, technology=True, derived=derived) == NameFlag.CASE_SENSITIVE | NameFlag.NEEDS_EVIDENCE


def test_the_same_phrase_as_a_skill_is_matched_freely() -> None:
    assert flags("front desk") == NameFlag(0)


def test_an_ambiguous_acronym_from_a_product_name_needs_evidence_and_a_plain_one_does_not() -> None:
    assert flags("DOE", technology=True, derived=True) == NameFlag.CASE_SENSITIVE | NameFlag.NEEDS_EVIDENCE
    assert flags("PMP", technology=True, derived=True) & NameFlag.NEEDS_EVIDENCE
    assert not flags("SQL", technology=True, derived=True) & (NameFlag.NEEDS_EVIDENCE | NameFlag.NOT_MATCHED)


def _tech(id_: str, occupations: int) -> Draft:
    return Draft(id=id_, label=id_, kind="technology", source="onet", occupations={f"{i}" for i in range(occupations)})


def test_a_shared_acronym_goes_to_the_technology_more_occupations_use() -> None:
    career, content = _tech("onet:career-cms", 2), _tech("onet:content-cms", 6)
    assert _owner_rank(content, "CMS", 1) < _owner_rank(career, "CMS", 1)


def test_a_shared_word_name_is_still_decided_by_id_not_by_use() -> None:
    ide, reservoir = _tech("onet:eclipse-ide", 1), _tech("onet:schlumberger-eclipse", 9)
    assert _owner_rank(ide, "Eclipse", 1) < _owner_rank(reservoir, "ECLIPSE", 1)
