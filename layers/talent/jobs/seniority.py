"""Seniority from the title first ("Sr. Data Engineer", "Engineer II", "VP of Sales"), then from the text.

The title's most senior word wins ("Senior Manager" is a manager), except that an explicit junior or intern word
marks a trainee role ("Junior Sales Manager"). Without a title cue the text's level words are used
("entry-level", "senior-level"), and last the years asked for.
"""

from __future__ import annotations

import re

from talent.jobs.models import Seniority, SeniorityEvidence

_TITLE_WORDS: list[tuple[Seniority, str]] = [
    (Seniority.INTERN, r"interns?(?:hip)?|trainee|apprentice(?:ship)?|co-?op|student|working student"),
    (Seniority.JUNIOR, r"junior|jr\.?|entry[- ]level|graduate|new grad|associate|assistant|level (?:i|1)|(?<=\s)i$"),
    (Seniority.MID, r"mid[- ]?level|intermediate|level (?:ii|2)|(?<=\s)ii$"),
    (Seniority.SENIOR, r"senior|sr\.?|experienced|level (?:iii|3)|(?<=\s)iii$"),
    (
        Seniority.LEAD,
        r"lead|team lead|tech lead|staff(?= (?:engineer|software|data|scientist|research|developer))|(?<=\s)iv$",
    ),
    (Seniority.PRINCIPAL, r"principal|distinguished|fellow"),
    (Seniority.MANAGER, r"manager|supervisor|foreman"),
    (Seniority.DIRECTOR, r"director|head of|general manager"),
    (
        Seniority.EXECUTIVE,
        r"chief(?: [a-z]+)? officer|c[etfoi]o|cmo|ciso|vp|svp|evp|vice president|president|executive director",
    ),
]
_TITLE = [(level, re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE)) for level, pattern in _TITLE_WORDS]
_TRAINEE = {Seniority.INTERN, Seniority.JUNIOR}
_WEAK_JUNIOR = re.compile(r"associate|assistant|graduate|i", re.IGNORECASE)
_TEXT_CUES: list[tuple[Seniority, re.Pattern[str]]] = [
    (Seniority.INTERN, re.compile(r"\b(?:internship|intern position|summer intern)\b", re.I)),
    (Seniority.JUNIOR, re.compile(r"\b(?:entry[- ]level|junior[- ]level|new grads?|recent graduates?)\b", re.I)),
    (Seniority.MID, re.compile(r"\bmid[- ]level\b", re.I)),
    (Seniority.SENIOR, re.compile(r"\bsenior[- ]level\b", re.I)),
    (Seniority.EXECUTIVE, re.compile(r"\bexecutive[- ]level\b|\bc-suite\b", re.I)),
]
_RANK = list(Seniority)


def seniority_from_title(title: str) -> tuple[Seniority, SeniorityEvidence] | None:
    found: list[tuple[Seniority, str]] = []
    for level, pattern in _TITLE:
        match = pattern.search(title)
        if match:
            found.append((level, match.group(0)))
    if not found:
        return None
    trainee = [(level, cue) for level, cue in found if level in _TRAINEE and not _WEAK_JUNIOR.fullmatch(cue)]
    level, cue = trainee[0] if trainee else max(found, key=lambda item: _RANK.index(item[0]))
    return level, SeniorityEvidence(source="title", cue=cue.strip())


def seniority_from_text(text: str) -> tuple[Seniority, SeniorityEvidence] | None:
    for level, pattern in _TEXT_CUES:
        match = pattern.search(text)
        if match:
            return level, SeniorityEvidence(source="text", cue=match.group(0))
    return None


def seniority_from_years(years: int) -> tuple[Seniority, SeniorityEvidence]:
    level = Seniority.JUNIOR if years <= 1 else Seniority.MID if years <= 4 else Seniority.SENIOR
    return level, SeniorityEvidence(source="years", cue=f"{years} years required")


def infer_seniority(title: str | None, text: str, min_years: int | None) -> tuple[Seniority, SeniorityEvidence | None]:
    found = (seniority_from_title(title) if title else None) or seniority_from_text(text)
    if found is None and min_years is not None:
        found = seniority_from_years(min_years)
    return found if found is not None else (Seniority.UNKNOWN, None)
