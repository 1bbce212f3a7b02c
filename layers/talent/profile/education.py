"""Education entries: degrees found in education sections, normalised to a level, with field, school and year."""

from __future__ import annotations

import re

from talent.profile.dates import YEAR
from talent.profile.lexicon import INSTITUTION_WORDS
from talent.profile.models import EducationEntry, EducationLevel, Span
from talent.profile.text import Line, lines_in, squash

_D = r"[.\-]?\s?"  # optional dot (and space) between the letters of an abbreviation: "B. Sc.", "M.S"
_LEVELS: list[tuple[EducationLevel, str]] = [
    (
        "doctorate",
        rf"(?i:doctor(?:ate| of philosophy|al)|ph{_D}d\b\.?)|D{_D}Phil\b|Ed{_D}D\b|Psy{_D}D\b|M\.D\.|J\.D\.|DBA\b",
    ),
    (
        "master",
        rf"(?i:master'?s?\b|post[- ]?graduat(?:e|ion) degree|m{_D}(?:sc|tech|com|phil|eng|ca|ba)\b\.?)|M{_D}Ed\b"
        rf"|M{_D}S{_D}c\b|M{_D}B{_D}A\b\.?|M\.C\.A|M\.?S\b(?!\s*(?:Office|Excel|Word|Access|Project|SQL|Dynamics))"
        rf"|M\.A\b|MA\b(?=\s*(?:\(|in\b|,|:|-))|M\.E\b|ME\b(?=\s*(?:\(|in\b|,|:|-))|LL{_D}M\b|MFA\b|MPH\b|MHA\b",
    ),
    (
        "bachelor",
        rf"(?i:bachelor'?s?\b|baccalaureate|undergraduate degree|b{_D}(?:sc|tech|com|eng|arch|pharm|ca|ba)\b\.?)"
        rf"|B{_D}Ed\b|B{_D}S{_D}c\b|B{_D}B{_D}A\b|B{_D}C{_D}A\b|BBM\b|BMS\b|BSN\b|BFA\b|LL{_D}B\b|B\.?S\b\.?"
        rf"|B\.?A\b\.?|B{_D}E\b\.?|BHM\b",
    ),
    (
        "associate",
        r"(?i:associate'?s?(?:\s+of\b|\s+degree|\s+in\b)|associates\s+degree)|A\.A\.S\b|AAS\b|A\.A\.|A\.S\.|ADN\b"
        r"|A[AS]\b(?=\s*(?:,|:|in\b))",
    ),
    (
        "high_school",
        r"(?i:high\s*school|higher secondary|senior secondary|secondary school|matriculation|\bged\b|intermediate"
        r"|class\s+(?:x|xii|10|12)\b|\b1[02]th\b)|H\.?S\.?C\b|S\.?S\.?L\.?C\b|S\.?S\.?C\b|CBSE\b|ICSE\b",
    ),
    ("other", r"(?i:diploma|certificate|certification|post[- ]graduate diploma)|PGD\w*"),
]
_PATTERNS = [(level, re.compile(rf"(?<![A-Za-z]){pattern}")) for level, pattern in _LEVELS]
_ANY_DEGREE = re.compile("|".join(f"(?:{p.pattern})" for _, p in _PATTERNS))
_CUT = re.compile(r"\s[-|]\s|\s{3,}|\bGPA\b|\(\s*\d|(?<![\w/])(?:19|20)\d\d(?!\d)")
_CAPITAL = re.compile(r"^(?:[A-Z][\w.'&\-]*|of|Of|OF|the|and|AND|&|for|at|de)$")
_CONNECTORS = frozenset({"of", "the", "and", "&", "for", "at", "de"})


def degree_level(degree: str) -> EducationLevel | None:
    for level, pattern in _PATTERNS:
        if pattern.search(degree):
            # "High School Diploma" and "Diploma in ..." both say diploma: the most specific level wins.
            return level
    return None


def _field(degree: str) -> str | None:
    for sep in (" in ", ":", ",", " - "):
        if sep in degree:
            rest = squash(degree.split(sep, 1)[1])
            return rest or None
    m = re.search(r"\(([^)]+)\)", degree)
    if m:
        return squash(m.group(1))
    # "B.Sc. Computer Science", "MBA Finance": the capitalised words after an abbreviated degree.
    abbreviated = _ANY_DEGREE.search(degree)
    rest = squash(degree[abbreviated.end() :].strip(" .,:-")) if abbreviated else ""
    return rest if rest[:1].isupper() else None


def _institution(text: str) -> str | None:
    m = INSTITUTION_WORDS.search(text)
    if not m:
        return None
    words = re.split(r"(\s+)", text)
    # Token index of the institution word, then widen over the capitalised name around it.
    pos, index = 0, 0
    while index < len(words) and pos + len(words[index]) <= m.start():
        pos += len(words[index])
        index += 1
    tokens = [w for w in words[index:] if w.strip()]
    left = [w for w in words[:index] if w.strip()]
    name = [tokens[0]]
    for token in tokens[1:]:
        if not _CAPITAL.match(token.strip(",")) or token.endswith(","):
            if token.endswith(",") and _CAPITAL.match(token.strip(",")) and token.strip(",")[0].isupper():
                name.append(token.strip(","))
            break
        name.append(token)
    while name and name[-1].lower() in _CONNECTORS:
        name.pop()
    for token in reversed(left):
        if token.endswith(",") or not _CAPITAL.match(token):
            break
        name.insert(0, token)
    while name and name[0].lower() in _CONNECTORS:
        name.pop(0)
    return squash(" ".join(name)) or None


def _degree_text(line: str, m: re.Match[str]) -> str:
    rest = line[m.start() :]
    cut = _CUT.search(rest)
    segment = rest[: cut.start()] if cut else rest
    inst = INSTITUTION_WORDS.search(segment, len(m.group(0)))
    if inst and "," in segment[: inst.start()]:
        # "B.Sc. Computer Science, State University": the comma ends the degree.
        segment = segment[: segment.rindex(",", 0, inst.start())]
    elif inst and inst.start() > 0:
        # "Bachelor of Arts : History Pennsylvania State University": the school starts the capitalised run.
        head = segment[: inst.start()].split()
        while head and head[-1][:1].isupper() and len(head) > 2:
            head.pop()
        segment = " ".join(head)
    return squash(segment)


def _inside_school_name(line: str, m: re.Match[str]) -> bool:
    """ "Springfield High School", "Riverside Intermediate College": a school's name, not a degree."""
    after = INSTITUTION_WORDS.match(line, m.end() + 1) or INSTITUTION_WORDS.search(m.group(0))
    before = line[: m.start()].split()
    return bool(after) and bool(before) and before[-1][:1].isupper() and not _ANY_DEGREE.search(before[-1])


def education_entries(
    text: str, lines: list[Line], regions: list[tuple[int, int]], *, strict: bool = False
) -> list[EducationEntry]:
    """Entries of the education sections; `strict` (text outside them): a degree and its school on one line."""
    entries: list[EducationEntry] = []
    for start, end in regions:
        region = [ln for ln in lines_in(lines, start, end) if not ln.blank]
        hits = [(i, m) for i, ln in enumerate(region) if (m := _ANY_DEGREE.search(ln.text))]
        used: set[int] = set()
        for k, (i, m) in enumerate(hits):
            nxt = hits[k + 1][0] if k + 1 < len(hits) else len(region)
            block = region[i : min(nxt, i + 4)]
            used.update(range(i, min(nxt, i + 4)))
            written = region[i].text
            level = degree_level(m.group(0))
            if _inside_school_name(written, m):
                degree, school = "", _institution(written)
            else:
                degree = _degree_text(written, m)
                school = _institution(written[m.start() + len(degree) :])
            if strict and (school is None or not degree):
                continue
            school = school or next((s for ln in block[1:] if (s := _institution(ln.text))), None)
            years = [int(y) for ln in block for y in YEAR.findall(ln.text)]
            entries.append(
                EducationEntry(
                    degree=degree or None,
                    level=degree_level(degree) or level if degree else level,
                    field=_field(degree),
                    institution=school,
                    end_year=max(years) if years else None,
                    span=Span(start=block[0].start, end=block[-1].end),
                )
            )
        for i, line in enumerate(region):
            school = None if i in used or strict else _institution(line.text)
            if school:
                years = [int(y) for y in YEAR.findall(line.text)]
                span = Span(start=line.start, end=line.end)
                entries.append(EducationEntry(institution=school, end_year=max(years) if years else None, span=span))
    return entries
