"""Split a posting into sentences (lines, bullets, sentences, clauses) under the heading each one sits in.

Offsets always point into the original text, so evidence can quote it exactly. Postings that lost their line
breaks ("...our platforms.Requirements: 3 years...") are handled: a sentence may end without a space, and a
heading may open a sentence with a colon after it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from talent.jobs.cues import MAX_SENTENCE_WORDS, Cue, SectionKind, classify_heading, find_cues, spread_cues
from talent.skills.glued_words import HEADING_WORDS, JUNCTION, is_glued, letters_before

_LINE = re.compile(r"[^\n\r]+")
# Where one list item or heading ends and the next begins inside a line: bullets, and words glued together
# when line breaks were stripped ("...periods of timeUnloading product", "QualificationsPositive attitude").
_BREAKS = re.compile(
    r"(?P<bullet>\s*[\u2022\u25aa\u25cf\u25e6\u27a2\uf0b7\u00b7\u2023\u2043]\s*|(?<=[\w)])\*\s+(?=[A-Z])|\s\*\s+"
    r"|(?<=[a-z.)])-\s+(?=[A-Z]))"
    rf"|(?P<glue>{JUNCTION.pattern})"
    r"|(?P<caps>(?<=[a-z,.;)])\s+(?=[A-Z]{3,}\b))"
)
# Capitalised words that open a heading in text that lost its line breaks ("...initiatives QUALIFICATIONS:").
_CAPS_HEADING_START = HEADING_WORDS | {
    "job", "position", "essential", "key", "minimum", "basic", "what", "about", "primary", "role", "nice",
}  # fmt: skip
_WORD_AFTER = re.compile(r"[A-Za-z]+")
_BULLET_PREFIX = re.compile(
    r"(?:[\u2022\u25aa\u25cf\u25e6\u27a2\uf0b7\u00b7\u2023\u2043*\u2013\u2014-]|\d{1,2}[.)]|o(?=\s))\s*"
)
_SENTENCE_END = re.compile(
    r"[.!?][\"\u201d\u2019)\]]*(?:\s+(?=[\"\u201c(\[A-Z0-9])|(?<=[A-Za-z)][.!?])(?=[A-Z][a-z]|\d))"
)
_ABBREVIATIONS = {"e.g", "i.e", "etc", "vs", "dr", "mr", "ms", "mrs", "inc", "jr", "sr", "st", "no", "approx", "incl"}
_PART_BREAK = re.compile(r";\s*|\s+(?:but|whereas|while)\s+|\s[\u2013\u2014-]\s")
_CLAUSE_BREAK = re.compile(r",\s*")
_HEADING_LABEL = re.compile(r"([^:\n]{2,70}?)(?:\s*[:\uff1a]|\s*[\u2013\u2014]|-(?=\s))\s*")
MAX_HEADING_LINE = 80
GLUED_TITLE_WORD = 5
FLATTENED_LINE = 600
CUE_REACH = 100
"""Characters between a cue and what it labels, in a run-on sentence ("...database Logging ... is preferred")."""


@dataclass(frozen=True)
class Clause:
    start: int
    end: int
    cues: tuple[Cue, ...]
    inherited: Cue | None


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    heading: str | None
    section: SectionKind | None
    clauses: tuple[Clause, ...]
    words: int

    def clause_at(self, offset: int) -> Clause | None:
        index = bisect.bisect_right(self.clauses, offset, key=lambda c: c.start) - 1
        found = self.clauses[index] if index >= 0 else None
        return found if found is not None and offset < found.end else None

    def cue_at(self, offset: int) -> Cue | None:
        """The cue for whatever sits at `offset`: the clause's nearest strong cue, else the one it inherits from its
        neighbours, else its nearest weak cue. In a run-on sentence only a cue close to `offset` counts."""
        clause = self.clause_at(offset)
        if clause is None:
            return None
        run_on = self.words > MAX_SENTENCE_WORDS
        usable = [c for c in clause.cues if not run_on or abs(c.start - offset) <= CUE_REACH]
        strong = [c for c in usable if c.strong]
        inherited = clause.inherited
        if inherited is not None and run_on and abs(inherited.start - offset) > CUE_REACH:
            inherited = None
        nearest = min(strong or usable, key=lambda c: abs(c.start - offset), default=None)
        return nearest if strong else inherited or nearest


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "\u00a0"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_break(text: str, found: re.Match[str], flattened: bool) -> bool:
    if found.group("bullet") is not None:
        return True
    if found.group("caps") is not None:
        after = _WORD_AFTER.match(text, found.end())
        return after is not None and after.group(0).casefold() in _CAPS_HEADING_START
    before = letters_before(text, found.start())
    # "timeUnloading" and "RESPONSIBILITIESProvide" are glued items; "JavaScript", "iPhone" and "LinkedIn" are
    # names (`talent.skills.glued_words`). "NursingMinimum" is glued too, but so is "DoubleClick": only a page
    # that lost all its line breaks (`flattened`) is split there.
    if is_glued(before):
        return True
    after = _WORD_AFTER.match(text, found.end())
    long_words = len(before) >= GLUED_TITLE_WORD and after is not None and len(after.group(0)) > 3
    return flattened and before.istitle() and long_words


def _pieces(text: str) -> Iterator[tuple[int, int]]:
    """Lines, split again at bullets and glued words."""
    for line in _LINE.finditer(text):
        cursor = line.start()
        flattened = line.end() - line.start() > FLATTENED_LINE
        for found in _BREAKS.finditer(text, line.start(), line.end()):
            if found.start() > cursor and _is_break(text, found, flattened):
                yield cursor, found.start()
                cursor = found.end()
        yield cursor, line.end()


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cursor = start
    for found in _SENTENCE_END.finditer(text, start, end):
        word = re.search(r"([\w.]+)$", text[cursor : found.start()])
        before = word.group(1).casefold() if word else ""
        if before in _ABBREVIATIONS or (len(before) == 1 and before.isalpha()):
            continue
        yield cursor, found.start() + 1
        cursor = found.end()
    yield cursor, end


def _split(text: str, start: int, end: int, breaks: re.Pattern[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = start
    for found in breaks.finditer(text, start, end):
        spans.append((cursor, found.start()))
        cursor = found.end()
    spans.append((cursor, end))
    return spans


def _clauses(text: str, start: int, end: int) -> tuple[Clause, ...]:
    """Comma-separated clauses share cues within their part of the sentence; a semicolon or "but" ends the part."""
    clauses: list[Clause] = []
    for part_start, part_end in _split(text, start, end, _PART_BREAK):
        spans = _split(text, part_start, part_end, _CLAUSE_BREAK)
        own = [find_cues(text[s:e], s) for s, e in spans]
        inherited = spread_cues(own, [len(text[s:e].split()) for s, e in spans])
        for (s, e), cues, cue in zip(spans, own, inherited, strict=True):
            clauses.append(Clause(start=s, end=e, cues=tuple(cues), inherited=cue))
    return tuple(clauses)


def _heading(text: str, start: int, end: int) -> tuple[str, SectionKind, int] | None:
    """A heading at `start`: the whole span, or a label before a colon or dash; with where the content begins."""
    if end - start <= MAX_HEADING_LINE and (kind := classify_heading(text[start:end])) is not None:
        return text[start:end].rstrip(" :-"), kind, end
    labelled = _HEADING_LABEL.match(text, start, end)
    if labelled and (kind := classify_heading(labelled.group(1))) is not None:
        return labelled.group(1), kind, labelled.end()
    return None


def split_sentences(text: str) -> list[Sentence]:
    heading: str | None = None
    section: SectionKind | None = None
    sentences: list[Sentence] = []
    for piece_start, piece_end in _pieces(text):
        for sentence_start, sentence_end in _sentences(text, *_strip(text, piece_start, piece_end)):
            s, e = _strip(text, sentence_start, sentence_end)
            bullet = _BULLET_PREFIX.match(text, s, e)
            s = bullet.end() if bullet else s
            # "Skills:Qualifications:Good hand/eye coordination" holds two headings before its content.
            while s < e and (found := _heading(text, s, e)) is not None:
                heading, section, s = found
                s, e = _strip(text, s, e)
            if s < e:
                words = len(text[s:e].split())
                sentences.append(Sentence(s, e, text[s:e], heading, section, _clauses(text, s, e), words))
    return sentences
