"""Where a resume names an employer or a place: words that are never evidence of a skill.

"Cisco Systems - San Jose, CA" says where someone worked, not that they configure Cisco routers;
"Periyar University - Salem, Tamil Nadu" names a state, not the Tamil language. The skill extractors read
words, so these spans are handed to them as excluded (beside the candidate's own name and contact details).
Only the header of an entry is read: "Cisco" in a bullet below ("migrated Cisco 7200 routers") stays a skill,
and a title is never excluded ("Oracle DBA - Oracle" excludes the second "Oracle" only).

Schools are not excluded: a school's name as the parser reads it can run into the field of study ("Bachelor of
Arts : Economics Marshall University"), and a degree's field is evidence of that knowledge. A place's city is
excluded only when it is one or two words: "Human Resource Management City, State" keeps its first words.
"""

from __future__ import annotations

import re

from talent.profile.lexicon import is_location
from talent.profile.models import ExperienceEntry
from talent.profile.text import Line

# The pieces of a line a location is written as: "Salem, Tamil Nadu" in "Periyar University - Salem, Tamil Nadu".
_PIECE = re.compile(r"[^\n|•·]+?(?=\s[-\u2013|•·]\s|\s{3,}|\s*$)", re.M)
_CITY_WORDS = 2
# How far into an entry its header can run: a title, an employer and a place take a few short lines.
_HEADER_CHARS = 240


def _outside(text: str, literal: str, start: int, end: int, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The first occurrence of `literal` in `text[start:end]` that overlaps none of `taken`."""
    for m in re.finditer(re.escape(literal), text[start:end]):
        a, b = start + m.start(), start + m.end()
        if not any(a < y and x < b for x, y in taken):
            return a, b
    return None


def employer_spans(text: str, entries: list[ExperienceEntry]) -> list[tuple[int, int]]:
    """Each entry's employer where its header writes it, outside the title."""
    spans: list[tuple[int, int]] = []
    for entry in entries:
        if not entry.employer:
            continue
        start, end = entry.span.start, min(entry.span.end, entry.span.start + _HEADER_CHARS)
        title = _outside(text, entry.title, start, end, []) if entry.title else None
        found = _outside(text, entry.employer, start, end, [title] if title else [])
        if found:
            spans.append(found)
    return spans


def place_spans(lines: list[Line]) -> list[tuple[int, int]]:
    """Every piece of a line that reads as a location ("Coimbatore, Tamil Nadu", "San Jose, CA")."""
    spans: list[tuple[int, int]] = []
    for line in lines:
        if "," not in line.text:
            continue
        for m in _PIECE.finditer(line.text):
            piece = m.group().strip(" -,")
            if not piece or not is_location(piece):
                continue
            start = line.start + m.start() + m.group().index(piece)
            city = piece[: piece.index(",")]
            spans.append((start + (len(city) if len(city.split()) > _CITY_WORDS else 0), start + len(piece)))
    return spans


def named_spans(text: str, lines: list[Line], experience: list[ExperienceEntry]) -> list[tuple[int, int]]:
    """Employers and places the resume names (see the module docstring)."""
    return employer_spans(text, experience) + place_spans(lines)
