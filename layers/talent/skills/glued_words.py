"""Words glued together when a text lost its line breaks, told apart from names written in camel case.

Postings copied out of web pages often lose the breaks between list items and headings: "trouble shooting
skillsGood communication", "RESPONSIBILITIESProvide support", "QualificationsPositive attitude". Two words
run together there; "JavaScript", "iPhone", "LinkedIn" and "PowerPoint" are one name. The word before the
capital tells them apart: a lower-case word of two letters or more, an upper-case word, or a heading word is
glued to what follows; a capitalised word or a single letter starts a name. Postings split sentences
(`talent.jobs.segments`) and the skill tagger splits words (`talent.skills.tagger`) by the same rule.
"""

from __future__ import annotations

import re

# A lower-case letter then a capitalised word, or four capitals then a capitalised word of 3+ letters.
JUNCTION = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])|(?<=[A-Z]{4})(?=[A-Z][a-z]{2})")
HEADING_WORDS = frozenset(
    {
        "qualifications", "requirements", "responsibilities", "description", "duties", "skills", "experience",
        "education", "benefits", "summary", "overview", "information", "functions", "preferred", "required",
    }
)  # fmt: skip
# A sentence's end glued to the next one: "be a team player.Demonstrated skills", "Requirements:Must have".
_PUNCTUATION = re.compile(r"(?<=[a-z])[.!?;:](?=[A-Z][a-z])")
_LETTERS_BEFORE = re.compile(r"[A-Za-z]+$")


def is_glued(before: str) -> bool:
    """Whether `before`, the letters right before a capitalised word, is a word of its own glued to it."""
    return (before.islower() and len(before) > 1) or before.isupper() or before.casefold() in HEADING_WORDS


def letters_before(text: str, position: int, floor: int = 0, reach: int = 40) -> str:
    """The run of letters that ends at `position`, from `floor` on (at most `reach` of them)."""
    found = _LETTERS_BEFORE.search(text, max(floor, position - reach), position)
    return found.group(0) if found else ""


def glued_breaks(text: str, start: int, end: int) -> list[int]:
    """Positions in `text[start:end]` (a run of non-space characters) where one glued word ends and the next
    begins: "skillsGood" → [6]; "player.Demonstrated" → [6, 7] (the full stop a word of its own);
    "JavaScript", "iPhone", "Node.Js" → []."""
    found = sorted(
        [(m.start(), m.start()) for m in JUNCTION.finditer(text, start, end)]
        + [(m.start(), m.end()) for m in _PUNCTUATION.finditer(text, start, end)]
    )
    breaks: list[int] = []
    for cut, resume in found:
        floor = breaks[-1] if breaks else start
        if cut > floor and is_glued(letters_before(text, cut, floor)):
            breaks += [cut] if cut == resume else [cut, resume]
    return breaks
