"""Skill tests: the committed taxonomy artifact (no network, no ../shared/data) and a matcher over it."""

from __future__ import annotations

import pytest

from talent.skills.alias_matcher import AliasMatcher
from talent.skills.mentions import SkillMention
from talent.skills.taxonomy import Taxonomy


@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    return Taxonomy.load()


@pytest.fixture(scope="session")
def matcher(taxonomy: Taxonomy) -> AliasMatcher:
    return AliasMatcher(taxonomy)


def found(matcher: AliasMatcher, text: str) -> list[str]:
    """The surface texts matched, in order."""
    return [m.text for m in matcher.find(text)]


def mention_of(mentions: list[SkillMention], surface: str) -> SkillMention:
    return next(m for m in mentions if m.text == surface)
