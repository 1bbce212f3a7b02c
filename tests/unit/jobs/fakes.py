"""A skill extractor for unit tests: finds a fixed list of names as whole words, case-insensitively."""

from __future__ import annotations

import re

from talent.skills.mentions import SkillMention


def skill_id(name: str) -> str:
    return "test:" + re.sub(r"\W+", "-", name.casefold()).strip("-")


class FakeExtractor:
    def __init__(self, *names: str, confidence: float = 0.9) -> None:
        self._names = names
        self._confidence = confidence

    def find(self, text: str) -> list[SkillMention]:
        mentions = []
        for name in self._names:
            for found in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
                mentions.append(
                    SkillMention(
                        start=found.start(),
                        end=found.end(),
                        text=found.group(0),
                        skill_id=skill_id(name),
                        label=name,
                        confidence=self._confidence,
                        extractor="alias",
                    )
                )
        return sorted(mentions, key=lambda m: m.start)
