"""Metamorphic edits of a resume's text: each changes one thing a job asks for and nothing else.

Offsets are those of the parsed profile (`Evidence.start`, `ExperienceEntry.span`), which index the text the
parser read: the resume reader keeps offsets (its clean view has the same length as the text).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from talent_tools.evaluation.ranking.occupations import normalise


def drop_lines(text: str, offsets: Iterable[int]) -> str:
    """The text without every line that holds one of the offsets."""
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    doomed = set()
    for offset in offsets:
        line = max(i for i, start in enumerate(starts) if start <= offset)
        doomed.add(line)
    lines = text.split("\n")
    return "\n".join(line for i, line in enumerate(lines) if i not in doomed)


def lines_naming(text: str, phrase: str) -> list[int]:
    """Start offsets of the lines whose normalised words contain the normalised phrase as whole words."""
    wanted = normalise(phrase)
    if not wanted:
        return []
    out, start = [], 0
    for line in text.split("\n"):
        if f" {wanted} " in f" {normalise(line)} ":
            out.append(start)
        start += len(line) + 1
    return out


def with_skill(text: str, label: str) -> str:
    """The resume with the skill named in a skills section of its own at the end, and used in a sentence."""
    return f"{text.rstrip()}\n\nSkills\n{label}\nApplied {label} in day-to-day work.\n"


def with_earlier_start(text: str, start: int, end: int, year: int, years: int) -> str | None:
    """The role whose text runs from `start` to `end` (dates at its head or just before it) begun `years`
    earlier: its first start year rewritten. None when the year is not written there."""
    pattern = re.compile(rf"(?<!\d){year}(?!\d)")
    found = pattern.search(text, max(0, start - 120), end)
    if found is None:
        return None
    return text[: found.start()] + str(year - years) + text[found.end() :]
