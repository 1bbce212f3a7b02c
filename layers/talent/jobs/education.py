"""Education a posting asks for, on the profile's scale: none, high_school, associate, bachelor, master, doctorate."""

from __future__ import annotations

import re
from dataclasses import dataclass

from talent.jobs.models import EducationLevel

_LEVEL_PATTERNS: list[tuple[EducationLevel, str]] = [
    (EducationLevel.DOCTORATE, r"ph\.?\s?d\b\.?|doctorate|doctoral degree|doctor of philosophy"),
    (
        EducationLevel.MASTER,
        r"master['\u2019]?s?(?: degree)?\b|\bm\.?s\.?c?\b(?= degree| in\b|/|,| or\b)|\bmba\b|\bm\.?eng\b"
        r"|\bm\.?a\.?(?= degree| in\b)|\bmca\b|\bm\.\s?tech\b|\bmtech\b|\bm\.e\b"
        r"|graduate degree|advanced degree|postgraduate degree",
    ),
    (
        EducationLevel.BACHELOR,
        r"bachelor['\u2019]?s?(?: degree)?\b|\bb\.?s\.?c?\b(?= degree| in\b|/|,| or\b)|\bba/bs\b|\bbs/ba\b|\bbs/ms\b"
        r"|\bb\.?a\.?(?= degree| in\b|/)|\bb\.?eng\b|\bb\.?\s?tech\b|\bb\.e\b|\bbca\b|\bbs[a-z]{2}\b"
        r"|undergraduate degree|(?:4|four)[- ]year degree"
        r"|college degree|university degree|(?<![\d-])(?<!\d )\bdegree\b(?!\s+(?:of|to|in which)\b)",
    ),
    (
        EducationLevel.ASSOCIATE,
        r"associate['\u2019]?s?(?: degree|(?= or bachelor))|\ba\.?a\.?s?\.? degree|(?:2|two)[- ]year degree"
        r"|(?:vocational|technical|trade)(?:/\w+)?(?: school)? degree",
    ),
    (EducationLevel.HIGH_SCHOOL, r"high school(?: diploma)?|\bged\b|secondary school|hs diploma"),
]
_LEVELS = [(level, re.compile(pattern, re.IGNORECASE)) for level, pattern in _LEVEL_PATTERNS]
_FIELD = re.compile(
    r"\b(?:in|of)\s+(?!(?:a|an|the)?\s*(?:equivalent|related|relevant|similar)\b)(?:an?\s+|the\s+)?"
    r"(?P<field>[A-Z][\w&/.+-]*(?:(?:,\s*|\s+(?:and|or|&)\s+|\s+)(?!or equivalent)[A-Za-z][\w&/.+-]*){0,8})",
)
_FIELD_TAIL = re.compile(
    r"(?:,?\s*(?:or|and)\s+(?:a\s+)?(?:related|relevant|similar|equivalent)\b.*|,?\s*(?:or|and)\s*$"
    r"|\s+(?:from|with|is|are|required|preferred|or equivalent).*)$",
    re.IGNORECASE,
)
_DEGREE_NAME = re.compile(r"^\s*of\s+(?:applied\s+|fine\s+)?(?:science|arts|engineering)\b", re.IGNORECASE)
_EQUIVALENT = re.compile(
    r"or equivalent (?:practical |work |professional |relevant )?experience|equivalent combination", re.IGNORECASE
)


@dataclass(frozen=True)
class EducationMention:
    level: EducationLevel
    start: int
    end: int
    field: str | None
    equivalent_experience_accepted: bool


def _field(after: str) -> str | None:
    after = _DEGREE_NAME.sub("", after, count=1)
    found = _FIELD.match(after.lstrip(" ,")) if after.lstrip(" ,")[:3].casefold() in {"in ", "of "} else None
    if found is None:
        found = _FIELD.search(after[:40])
    if found is None:
        return None
    field = _FIELD_TAIL.sub("", found.group("field")).strip(" ,.;")
    return field or None


def find_education(sentence: str, offset: int = 0) -> EducationMention | None:
    """The lowest degree a sentence names ("BS/MS in Computer Science" asks for a bachelor), with its field.

    A bare "degree" counts as a bachelor; "or equivalent practical experience" is recorded, since a gap report
    treats it as a way to meet the requirement.
    """
    found: list[tuple[EducationLevel, re.Match[str]]] = []
    for level, pattern in _LEVELS:
        match = pattern.search(sentence)
        if match:
            found.append((level, match))
    if not found:
        return None
    specific = [(level, m) for level, m in found if m.group(0).casefold() != "degree"] or found
    level, match = min(specific, key=lambda item: item[0].rank)
    last_end = max(m.end() for _, m in found)
    return EducationMention(
        level=level,
        start=offset + match.start(),
        end=offset + match.end(),
        field=_field(sentence[last_end:]),
        equivalent_experience_accepted=bool(_EQUIVALENT.search(sentence)),
    )
