"""Contact details: emails, phones (E.164 where parseable), links, name, location, headline."""

from __future__ import annotations

import re

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from talent.profile.lexicon import BUSINESS_WORDS, REGION_HINTS, has_title_word, is_location, word_set
from talent.profile.models import Link, Phone
from talent.profile.sections import heading_name
from talent.profile.text import Line, squash

EMAIL = re.compile(r"(?<![\w.+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
# Indeed's "Email me on Indeed" relay links wrap inside the slug or after it in extracted text.
_INDEED = re.compile(
    r"(?i)(?:https?://)?(?:www\.)?indeed\.com/r/[A-Za-z0-9\-]+(?:\n[A-Za-z0-9\-]+)?/?(?:\n?[0-9a-f]{8,})?"
)
_LINKEDIN = re.compile(r"(?i)(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/(?:in|pub|profile)/[A-Za-z0-9\-_%/]+")
_GITHUB = re.compile(r"(?i)(?:https?://)?(?:www\.)?github\.com/[A-Za-z0-9\-_]+")
_WEBSITE = re.compile(r"(?i)(?:https?://|www\.)[^\s<>\"']+")
_HEADER_CHARS = 3000
_PHONE_TRIES = 300
_SCHEME = re.compile(r"(?i)^(?:https?://)?(?:www\.)?")
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*\.?|[A-Z]{2,}(?:[-'][A-Z]+)?|[A-Z]\.?|[a-z]+|[A-Z][a-z]+[A-Z][a-z]+)$"
)
_PARTICLES = frozenset({"van", "von", "de", "da", "der", "den", "del", "della", "di", "du", "la", "le", "bin", "al"})
_NOT_NAME = word_set(
    """resume curriculum vitae cv page profile contact address phone email mobile summary
    objective confidential portfolio city state street road nagar india university college"""
)


def link_url(raw: str) -> str:
    return _SCHEME.sub("", re.sub(r"\s+", "", raw)).rstrip("/.,;)")


def find_emails(view: str) -> list[str]:
    return list(dict.fromkeys(m.group(0).rstrip(".") for m in EMAIL.finditer(view)))


def find_links(view: str) -> list[Link]:
    links: dict[str, Link] = {}
    taken: list[tuple[int, int]] = []
    for kind, pattern in (("indeed", _INDEED), ("linkedin", _LINKEDIN), ("github", _GITHUB), ("website", _WEBSITE)):
        for m in pattern.finditer(view):
            if any(s <= m.start() < e for s, e in taken) or "@" in m.group(0):
                continue
            taken.append(m.span())
            url = link_url(m.group(0))
            if kind == "website" and "." not in url:
                continue
            links.setdefault(url.lower(), Link(kind=kind, url=url))
    return list(links.values())


def guess_region(view: str, header: str) -> str:
    """The default region for numbers written without a country code; the header counts first."""
    for text in (header.lower(), view.lower()):
        scores = {region: sum(text.count(hint) for hint in hints) for region, hints in REGION_HINTS.items()}
        region, score = max(scores.items(), key=lambda kv: kv[1])
        if score:
            return region
    return "US"


def find_phones(view: str, header_end: int, region: str) -> list[Phone]:
    """Valid numbers anywhere; merely possible ones only in the header, where contact details live.

    The matcher's tries are capped: digit-heavy text (tables, IDs) must not make parsing slow.
    """
    phones: dict[str, Phone] = {}
    header = view[: min(header_end, _HEADER_CHARS)]
    for text, leniency in ((header, Leniency.POSSIBLE), (view, Leniency.VALID)):
        for m in PhoneNumberMatcher(text, region, leniency=leniency, max_tries=_PHONE_TRIES):
            digits = re.sub(r"\D", "", m.raw_string)
            if len(digits) < 7:
                continue
            valid = phonenumbers.is_valid_number(m.number)
            e164 = phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164) if valid else None
            phones.setdefault(e164 or digits, Phone(raw=m.raw_string, e164=e164))
    return list(phones.values())


def _looks_like_name(text: str, *, first_line: bool) -> bool:
    tokens = text.replace(",", " ").split()
    if not 2 <= len(tokens) <= 4 or len(text) > 40 or heading_name(text):
        return False
    if any(ch.isdigit() or ch in "@/:|()" for ch in text) or has_title_word(text):
        return False
    lowered = [t.lower().strip(".") for t in tokens]
    if any(t in _NOT_NAME or t in BUSINESS_WORDS for t in lowered) or is_location(text):
        return False
    # On the very first line a name may be written in lower case, in part or in full.
    lower_ok = first_line
    for token in tokens:
        if not _NAME_TOKEN.match(token):
            return False
        if token.islower() and token not in _PARTICLES and not lower_ok:
            return False
    return sum(t.lower() not in _PARTICLES for t in tokens) >= 2


def find_name(header: list[Line]) -> str | None:
    """The first line of the header that looks like a person's name (2 to 4 capitalised words)."""
    seen = 0
    for line in header:
        if line.blank:
            continue
        seen += 1
        if seen > 6:
            break
        for piece in re.split(r"\s{3,}|\s[|•·]\s", line.clean):
            candidate = squash(piece)
            if _looks_like_name(candidate, first_line=seen == 1):
                return candidate
    return None


def find_location(header: list[Line]) -> str | None:
    for line in header[:12]:
        for piece in re.split(r"\s[-|•·]\s|\s{3,}", line.clean):
            candidate = squash(piece)
            if candidate and "@" not in candidate and is_location(candidate):
                return candidate
    return None


def find_headline(header: list[Line], name: str | None) -> str | None:
    """A job title near the top: under the name, or the first line where there is no name."""
    for line in [ln for ln in header if not ln.blank][:4]:
        text = squash(line.clean)
        if not text or (name and name in text) or heading_name(text) or "@" in text or is_location(text):
            continue
        if len(text.split()) <= 10 and has_title_word(text) and not text.endswith("."):
            return text
    return None


def personal_spans(view: str, name: str | None, location: str | None) -> list[tuple[int, int]]:
    """Where the text shows the candidate's name, location, emails or links: never evidence of a skill."""
    spans = [m.span() for pattern in (EMAIL, _INDEED, _LINKEDIN, _GITHUB, _WEBSITE) for m in pattern.finditer(view)]
    for literal in (name, location):
        if literal:
            spans += [m.span() for m in re.finditer(re.escape(literal), view)]
    return spans
