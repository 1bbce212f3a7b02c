"""Summary, certifications and spoken languages: short sections read line by line."""

from __future__ import annotations

import re

from talent.profile.dates import YEAR
from talent.profile.lexicon import LANGUAGE_LEVELS, SPOKEN_LANGUAGES
from talent.profile.models import Certification, Span, SpokenLanguage
from talent.profile.sections import heading_name
from talent.profile.text import Line, lines_in, squash

_SUMMARY_LIMIT = 3000
_LANGUAGE_LINE = re.compile(r"(?i)\blanguages?\s*(?:known|spoken|proficiency)?\s*[:\-\u2013]\s*(.+)")
_LANGUAGE_SPLIT = re.compile(r"[,;/|•·\n]|\band\b|\s{2,}")


def summary_of(text: str, regions: list[tuple[int, int]]) -> str | None:
    for start, end in regions:
        summary = re.sub(r"[ \t]+", " ", text[start:end]).strip()
        if summary:
            return summary[:_SUMMARY_LIMIT]
    return None


def certifications_of(lines: list[Line], regions: list[tuple[int, int]]) -> list[Certification]:
    found: list[Certification] = []
    for start, end in regions:
        for line in lines_in(lines, start, end):
            if line.blank or heading_name(line.text):
                continue
            name = squash(line.clean)
            if len(name) < 3 or len(name) > 150:
                continue
            years = [int(y) for y in YEAR.findall(name)]
            found.append(
                Certification(name=name, year=max(years) if years else None, span=Span(start=line.start, end=line.end))
            )
    return found


def _parse_languages(chunk: str) -> list[SpokenLanguage]:
    found: list[SpokenLanguage] = []
    # Levels in brackets belong to the language before them: "English (fluent), Hindi (native)".
    for piece in _LANGUAGE_SPLIT.split(re.sub(r"\s*\(([^)]*)\)", lambda m: " " + m.group(1).replace(",", " "), chunk)):
        words = re.findall(r"[A-Za-z]+", piece)
        names = [w for w in words if w.lower() in SPOKEN_LANGUAGES]
        if not names:
            continue
        level = LANGUAGE_LEVELS.search(piece)
        for name in names:
            found.append(SpokenLanguage(language=name.capitalize(), level=level.group(0).lower() if level else None))
    return found


def languages_of(view: str, regions: list[tuple[int, int]]) -> list[SpokenLanguage]:
    chunks = [view[start:end] for start, end in regions]
    chunks += [m.group(1) for m in _LANGUAGE_LINE.finditer(view)]
    languages: dict[str, SpokenLanguage] = {}
    for chunk in chunks:
        for language in _parse_languages(chunk):
            known = languages.get(language.language)
            if known is None or (known.level is None and language.level is not None):
                languages[language.language] = language
    return list(languages.values())
