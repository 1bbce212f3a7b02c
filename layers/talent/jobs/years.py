"""Years of experience a posting asks for: "5+ years", "at least three years", "3-5 years" (the lower bound)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20,
}  # fmt: skip
_NUM = rf"(?:\d{{1,2}}(?:\.\d)?|{'|'.join(_WORDS)})"
_UNIT = r"(?:years?|yrs?\.?)(?:['\u2019]s?)?"
_YEARS = re.compile(
    rf"(?P<qualifier>at least|a minimum of|minimum of|minimum|min\.?|no less than|more than|over|upwards of)?\s*"
    rf"(?<![\w.])(?P<low>{_NUM})(?:\s*\(\s*\d{{1,2}}\s*\))?\s*(?P<plus>\+|plus\b)?\s*"
    rf"(?:(?:-|\u2013|\u2014|to)\s*(?P<high>{_NUM})\s*\+?\s*)?(?P<or_more>or more\s+)?{_UNIT}(?![\w-])",
    re.IGNORECASE,
)
_EXPERIENCE_CONTEXT = re.compile(
    r"experience|exp\b|work(?:ing|ed)?\b|background|track record|professional|industry|hands[- ]on|employment"
    r"|in (?:a|an|the) (?:role|position|field)",
    re.IGNORECASE,
)
_NOT_EXPERIENCE = re.compile(
    r"\b(?:of age|old|older|age)\b|anniversar|in business|histor|warranty|ago\b"
    r"|of (?:success|stability|excellence|growth)",
    re.IGNORECASE,
)
# Outside a requirements section, "an industry leader with 20+ years of experience" is about the employer.
_COMPANY_BEFORE = re.compile(
    r"\b(?:in business|established|founded|leader with|been (?:around|serving|operating)|(?:company|firm|agency|"
    r"organization|business) (?:with|of|for)|for over|for more than|for nearly|for almost)\b[^.]*$|\bfor\s*$",
    re.IGNORECASE,
)
_AGES_BEFORE = re.compile(r"\bage[sd]?\s*$", re.IGNORECASE)
_OF_SOMETHING = re.compile(r"\s+(?:of|in)\s+\w")
MAX_YEARS = 30
CONTEXT_CHARS = 80


@dataclass(frozen=True)
class YearsMention:
    years: int
    start: int
    end: int


def _number(token: str) -> int:
    token = token.casefold()
    return _WORDS[token] if token in _WORDS else int(float(token))


def find_years(text: str, start: int = 0, end: int | None = None, *, lenient: bool = False) -> list[YearsMention]:
    """Each experience-years mention in `text[start:end]`; a range counts as its lower bound.

    A bare "N years" needs experience words near it ("3 years of experience", "2 years working with"); a
    qualifier ("at least", "minimum of", "5+", "3-5") is enough on its own; and `lenient` (a requirements
    section) also takes "N years of/in <anything>" ("7 years of sales management"). Ages and company histories
    are never experience, nor, outside a requirements section, "a leader with 20+ years", "for 2 years".
    """
    end = len(text) if end is None else end
    mentions: list[YearsMention] = []
    for found in _YEARS.finditer(text, start, end):
        years = _number(found.group("low"))
        if years > MAX_YEARS or (years == 0 and not found.group("high")):
            continue
        window = text[max(start, found.start() - CONTEXT_CHARS) : min(end, found.end() + CONTEXT_CHARS)]
        after = text[found.end() : min(end, found.end() + CONTEXT_CHARS)]
        qualified = any(found.group(g) for g in ("qualifier", "plus", "high", "or_more"))
        if _NOT_EXPERIENCE.search(after[:25]) or _AGES_BEFORE.search(
            text, max(start, found.start() - 12), found.start()
        ):
            continue
        if not lenient and _COMPANY_BEFORE.search(text, max(start, found.start() - CONTEXT_CHARS // 2), found.start()):
            continue
        if qualified or _EXPERIENCE_CONTEXT.search(window) or (lenient and _OF_SOMETHING.match(after)):
            span_start = found.start() + (len(found.group(0)) - len(found.group(0).lstrip()))
            mentions.append(YearsMention(years=years, start=span_start, end=found.end()))
    return mentions
