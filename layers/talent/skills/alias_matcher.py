"""Aho-Corasick matching of taxonomy names, with word boundaries, case rules and context rules.

Longest match wins and matches do not overlap. Names flagged NEEDS_EVIDENCE (see `rules.py`) count only
with evidence, judged after the unambiguous matches are known so those can serve as evidence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import ahocorasick

from talent.skills import context
from talent.skills.mentions import SkillMention
from talent.skills.normalise import fold, normalise_alias
from talent.skills.rules import RULES, ContextRule, default_rule
from talent.skills.taxonomy import NameFlag, Taxonomy

_SINGLE_LETTER = re.compile(r"(?<![\w.+#@&/\\'-])([A-Z])(?![\w+#@&])")
_BASE_CONFIDENCE = {"technology": 0.9, "knowledge": 0.75, "skill": 0.7}
_GENERIC_CONFIDENCE = 0.5
_CONFIRMED_CONFIDENCE = 0.85
_ADJACENT_CONFIDENCE = 0.75
_LIST_CONFIDENCE = 0.7
_EVIDENCE_ROUNDS = 3


@dataclass(slots=True)  # not frozen: a frozen dataclass's __init__ took 25 ms of the ~29,000 names' build
class _Name:
    entry: int
    flags: NameFlag
    rule: ContextRule | None
    acronym: bool = False  # SAN, COM, SAP: "San Jose" or "Com" in Title case is a word, not the acronym


def _is_acronym(alias: str) -> bool:
    return alias.isascii() and alias.isalpha() and alias.isupper() and 2 <= len(alias) <= 4


def _title_case(found: str) -> bool:
    return len(found) > 1 and found[0].isupper() and found[1:].islower()


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    name: _Name
    confidence: float = 0.0


def _boundary_ok(t: str, start: int, end: int) -> bool:
    if start > 0 and t[start].isalnum():
        before = t[start - 1]
        if before.isalnum() or before in "_@" or (before == "." and start > 1 and t[start - 2].isalnum()):
            return False
    if end < len(t):
        after = t[end]
        if t[end - 1].isalnum():
            if after.isalnum() or after in "_@+#" or (after == "." and end + 1 < len(t) and t[end + 1].isalnum()):
                return False
        elif after.isalnum() or after == t[end - 1]:
            return False
    return True


class AliasMatcher:
    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self._names: list[_Name] = []
        self._lengths: list[int] = []  # of each name's key, where a match found at its last character starts
        self._single: dict[str, int] = {}
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)  # int values: faster to add than tuples
        not_matched, case_sensitive = int(NameFlag.NOT_MATCHED), int(NameFlag.CASE_SENSITIVE)
        as_flag: dict[int, NameFlag] = {}  # a handful of distinct values; NameFlag() per name cost 0.1 s
        for entry, text, flags in taxonomy.names():
            if flags & not_matched:
                continue
            plain = text.isascii() and "  " not in text and text == text.strip()
            key = text.lower() if plain else normalise_alias(text)
            rule = RULES.get(key) or (default_rule(text) if flags & case_sensitive else None)
            flag = as_flag.get(flags)
            if flag is None:  # not `or`: NameFlag(0), most names' flag, is falsy and would be rebuilt every time
                flag = as_flag[flags] = NameFlag(flags)
            self._names.append(_Name(entry, flag, rule, _is_acronym(text)))
            self._lengths.append(len(key))
            if len(key) == 1:
                self._single[text] = len(self._names) - 1
            else:
                self._automaton.add_word(key, len(self._names) - 1)
        if len(self._automaton):
            self._automaton.make_automaton()

    def _candidates(self, text: str) -> list[_Candidate]:
        folded = fold(text)
        ft = folded.text
        found: list[_Candidate] = []
        if len(self._automaton):
            for last, index in self._automaton.iter(ft):
                start = last - self._lengths[index] + 1
                if _boundary_ok(ft, start, last + 1):
                    begin, end = folded.span(start, last + 1)
                    found.append(_Candidate(begin, end, self._names[index]))
        for match in _SINGLE_LETTER.finditer(text):
            index = self._single.get(match.group(1), -1)
            if index >= 0:
                found.append(_Candidate(match.start(), match.end(), self._names[index]))
        return [
            c
            for c in found
            if (c.name.rule is None or text[c.start : c.end] in c.name.rule.forms)
            and not (c.name.acronym and _title_case(text[c.start : c.end]))
        ]

    def find(self, text: str) -> list[SkillMention]:
        candidates = self._candidates(text)
        plain = [c for c in candidates if not c.name.flags & NameFlag.NEEDS_EVIDENCE]
        for c in plain:
            c.confidence = self._base(c)
        first = _non_overlapping(plain)
        for c in first:
            if c.name.rule is not None and _vetoed(text, c, c.name.rule):
                c.confidence = 0.0
        accepted = _SortedSpans([c for c in first if c.confidence > 0])
        pending = [
            c for c in candidates if c.name.flags & NameFlag.NEEDS_EVIDENCE and not accepted.overlaps(c.start, c.end)
        ]
        for _ in range(_EVIDENCE_ROUNDS):
            newly = [c for c in pending if self._judge(text, c, accepted)]
            if not newly:
                break
            accepted = _SortedSpans(_non_overlapping([*accepted.items, *newly]))
            chosen = {id(c) for c in newly}
            pending = [c for c in pending if id(c) not in chosen and not accepted.overlaps(c.start, c.end)]
        return [self._mention(text, c) for c in accepted.items]

    def _base(self, c: _Candidate) -> float:
        if c.name.flags & NameFlag.GENERIC:
            return _GENERIC_CONFIDENCE
        return _BASE_CONFIDENCE[self.taxonomy.entry(c.name.entry).kind]

    def _judge(self, text: str, c: _Candidate, accepted: _SortedSpans) -> bool:
        rule = c.name.rule or default_rule(text[c.start : c.end])
        if _vetoed(text, c, rule):
            return False
        if _confirmed(text, c, rule):
            c.confidence = _CONFIRMED_CONFIDENCE
        elif rule.adjacent_ok and self._next_to_technology(text, c, accepted):
            c.confidence = _ADJACENT_CONFIDENCE
        elif rule.list_ok and self._in_skill_list(text, c, accepted):
            c.confidence = _LIST_CONFIDENCE
        else:
            return False
        return True

    def _next_to_technology(self, text: str, c: _Candidate, accepted: _SortedSpans) -> bool:
        # Only the nearest accepted mention on each side can be separated from c by separators alone.
        for other in accepted.neighbours(c.start, c.end):
            if other.end - other.start < 2 or self.taxonomy.entry(other.name.entry).kind != "technology":
                continue
            if context.gap_is_separator(text, other.end, c.start) or context.gap_is_separator(text, c.end, other.start):
                return True
        return False

    def _in_skill_list(self, text: str, c: _Candidate, accepted: _SortedSpans) -> bool:
        if not context.is_list_item(text, c.start, c.end):
            return False
        if context.in_skills_section(text, c.start):
            return True
        line_start, line_end = context.line_bounds(text, c.start)
        others = any(o.end - o.start > 1 for o in accepted.starting_in(line_start, line_end))
        return others and context.separators_on_line(text, c.start) >= 2

    def _mention(self, text: str, c: _Candidate) -> SkillMention:
        entry = self.taxonomy.entry(c.name.entry)
        return SkillMention(
            start=c.start,
            end=c.end,
            text=text[c.start : c.end],
            skill_id=entry.id,
            label=entry.label,
            kind=entry.kind,
            confidence=c.confidence,
            extractor="alias",
        )


def _vetoed(text: str, c: _Candidate, rule: ContextRule) -> bool:
    before = text[max(0, c.start - 40) : c.start]
    after = text[c.end : c.end + 40]
    return bool(
        (rule.veto_before and rule.veto_before.search(before)) or (rule.veto_after and rule.veto_after.search(after))
    )


def _confirmed(text: str, c: _Candidate, rule: ContextRule) -> bool:
    before = text[max(0, c.start - 40) : c.start]
    after = text[c.end : c.end + 40]
    return bool(
        (rule.confirm_before and rule.confirm_before.search(before))
        or (rule.confirm_after and rule.confirm_after.search(after))
    )


class _SortedSpans:
    """Non-overlapping candidates sorted by start, with O(log n) overlap and neighbour queries."""

    def __init__(self, items: list[_Candidate]) -> None:
        self.items = sorted(items, key=lambda c: c.start)
        self._starts = [c.start for c in self.items]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self._starts, end)  # items before i start before `end`
        return i > 0 and self.items[i - 1].end > start

    def neighbours(self, start: int, end: int) -> list[_Candidate]:
        before = bisect.bisect_right(self._starts, start) - 1
        after = bisect.bisect_left(self._starts, end)
        out = []
        if before >= 0 and self.items[before].end <= start:
            out.append(self.items[before])
        if after < len(self.items):
            out.append(self.items[after])
        return out

    def starting_in(self, start: int, end: int) -> list[_Candidate]:
        return self.items[bisect.bisect_left(self._starts, start) : bisect.bisect_left(self._starts, end)]


def _non_overlapping(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest first, then leftmost; a candidate overlapping one already chosen is dropped."""
    chosen: list[_Candidate] = []
    starts: list[int] = []
    ends: list[int] = []
    for c in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
        i = bisect.bisect_left(starts, c.end)
        if i > 0 and ends[i - 1] > c.start:
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        chosen.append(c)
    return chosen
