"""The items a resume lists in its skills sections, with their offsets, whether or not the taxonomy names them.

A skills section is mostly a list: "Java (3 years), SQL (Less than 1 year)", "Languages: Python, Go", one
tool per bullet. Each item is what the candidate says they can do, so HR reads it even when no taxonomy entry
names it ("UDeploy", "Tripwire", "Storekeeping"). An item is a run of text between separators (line breaks,
commas, semicolons, bullets, pipes, " - ", "and", "&" and a category's colon), with its duration or level in
brackets cut off. Prose is not a list: a line that reads as a sentence (`PROSE_MIN_WORDS` words or more, a
`PROSE_FUNCTION_SHARE` of them function words), a line with a date range and an item of over
`MAX_ITEM_WORDS` words yield nothing here (the extractors read them). Items the extractors linked to a
taxonomy entry are in the profile's `skills`; `unlinked_items` keeps the others, each text once, at most
`MAX_LISTED` (a resume of any size gives a list HR can read and a profile of bounded size).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from talent.profile.dates import find_ranges
from talent.profile.lexicon import word_set
from talent.profile.models import Section
from talent.profile.sections import content_start

MAX_ITEM_WORDS = 5
MAX_LISTED = 200
MAX_ITEM_CHARS = 60
_SEPARATORS = re.compile(r"\n|[,;|•●○◦▪■□➢❖❑✓✔►▶·\t]|\s[-\u2013\u2014]\s|\s\*\s|^\s*[-*>]\s|:(?=\s)|\band\b|&", re.M)
# A trailing "(2 years)", "(Less than 1 year)", "- 3 yrs", "(Expert)": how long or how well, not what.
_QUALIFIER = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\]|-?\s*\d+\+?\s*(?:years?|yrs?|months?)\b.*)\s*$", re.I)
_WORD = re.compile(r"[^\W_][\w+#./-]*")
# Words that make an item a phrase about the candidate or a heading, not a skill.
_NOT_SKILL_WORDS = word_set(
    """
    i my me we our you your he she they am is are was were have has had will would can could should
    years year months month experience experienced knowledge good excellent strong basic working hands
    proficient familiar ability able skills skill etc others other various including like well
    """
)
_LEVEL_WORDS = word_set("beginner intermediate advanced expert proficient fluent native basic good excellent")
# Words that glue prose together: a line where they are frequent is a sentence, not a list; an item that
# starts with one is the tail of a sentence ("by suggesting right processes", "with SCOM").
_FUNCTION_WORDS = word_set(
    """
    a an the of to in on for with by as at from into within about over under through via that which who
    while when where was were is are be been being has have had it its this these those their our my
    """
)
PROSE_MIN_WORDS = 10
PROSE_FUNCTION_SHARE = 0.15


@dataclass(frozen=True, slots=True)
class ListedItem:
    start: int
    end: int
    text: str


def _trim_start(value: str) -> str:
    while value and (value[0].isspace() or value[0] in ".:-*>"):
        value = value[1:]
    return value


def _trim_end(value: str) -> str:
    while value and (value[-1].isspace() or value[-1] in ".:-*"):
        value = value[:-1]
    return value


def _item(text: str, view: str, start: int, end: int) -> ListedItem | None:
    """`view[start:end]` as an item, trimmed on the clean view; its text is the original's."""
    raw = view[start:end]
    lead = len(raw) - len(_trim_start(raw))
    core = _trim_end(_QUALIFIER.sub("", raw[lead:]))
    words = _WORD.findall(core)
    if not words or len(words) > MAX_ITEM_WORDS or len(core) > MAX_ITEM_CHARS:
        return None
    if words[0].lower() in _FUNCTION_WORDS:
        return None
    lowered = {w.lower() for w in words}
    if (lowered & _NOT_SKILL_WORDS and len(words) > 1) or lowered <= _LEVEL_WORDS | _NOT_SKILL_WORDS:
        return None
    if not any(ch.isalpha() for ch in core):
        return None
    first = start + lead
    return ListedItem(first, first + len(core), text[first : first + len(core)])


def _list_lines(view: str, begin: int, stop: int) -> list[tuple[int, int]]:
    """The lines of `view[begin:stop]` that read as lists: not prose, and no date range (a job's header line,
    when the section's end was missed)."""
    kept: list[tuple[int, int]] = []
    position = begin
    while position < stop:
        end = view.find("\n", position, stop)
        end = stop if end < 0 else end
        line = view[position:end]
        words = [w.lower() for w in _WORD.findall(line)]
        glue = sum(w in _FUNCTION_WORDS for w in words)
        prose = len(words) >= PROSE_MIN_WORDS and glue >= PROSE_FUNCTION_SHARE * len(words)
        if words and not prose and not find_ranges(line):
            kept.append((position, end))
        position = end + 1
    return kept


def listed_items(text: str, view: str, sections: Sequence[Section]) -> list[ListedItem]:
    """Items of every section named "skills", in order; offsets index `text` (`view` is its clean view)."""
    items: list[ListedItem] = []
    for section in sections:
        if section.name != "skills":
            continue
        for begin, stop in _list_lines(view, content_start(view, section), section.end):
            found = list(_SEPARATORS.finditer(view, begin, stop))
            cuts = [m.start() for m in found] + [stop]
            starts = [begin] + [m.end() for m in found]
            for first, last in zip(starts, cuts, strict=True):
                if view.startswith(":", last):  # "Databases: MySQL, Oracle": the category is not an item
                    continue
                if last > first and (item := _item(text, view, first, last)) is not None:
                    items.append(item)
    return items


def unlinked_items(items: Sequence[ListedItem], linked: Sequence[tuple[int, int]]) -> list[ListedItem]:
    """The items no linked mention overlaps (a linked mention inside an item already puts it in `skills`),
    the first of each text (case aside), at most `MAX_LISTED`."""
    spans = sorted(linked)
    starts = [s for s, _ in spans]
    reach: list[int] = []  # reach[i]: the furthest end among spans[0..i]
    for _, end in spans:
        reach.append(max(end, reach[-1]) if reach else end)
    kept: list[ListedItem] = []
    seen: set[str] = set()
    for item in items:
        before = bisect.bisect_left(starts, item.end)  # spans starting before the item ends
        if before and reach[before - 1] > item.start:
            continue
        key = item.text.casefold()
        if key not in seen:
            seen.add(key)
            kept.append(item)
            if len(kept) == MAX_LISTED:
                break
    return kept
