"""What the header lines of a job say: split into pieces, each a title, an employer, a location or unknown."""

from __future__ import annotations

import re
from dataclasses import dataclass

from talent.profile.lexicon import EMPLOYER_MARKERS, TITLE_WORDS, has_title_word, is_location
from talent.profile.text import BULLETS, Line, squash, word_count

_SPLIT = re.compile(r"\s+\|\s*|\s+[-\u2013\u2014]+\s+|\s+-$|\s{3,}|\s*\|\s+")
_WORKED = re.compile(
    r"(?i)^(?:currently\s+)?(?:worked|working|work|served|serving|employed)\s+"
    r"(?:as\s+(?:an?\s+)?(?P<t>.+?)\s+(?:in|at|with|for)\s+(?P<e>.+?)|(?:in|at|with|for)\s+(?P<e2>.+?)\s+as\s+(?:an?\s+)?(?P<t2>.+?))"
    r"(?:\s*\(|\s+from\b|\s+since\b|,|$)"
)
_AT = re.compile(r"\s+(?:at|@)\s+")
# Project write-ups inside a job ("Client: ...", "Duration: Jan 2014 - Dec 2014") are not jobs.
LABEL = re.compile(
    r"(?i)^(?:project(?: name| title)?\s*\d*|client|role|responsibilit\w*|description|environment|team size|duration|"
    r"period|tenure|technologies|tools|platform|domain|location|designation|organi[sz]ation|company)\s*[:\-\u2013]"
)
_URL = re.compile(r"(?i)https?://|www\.|\.com/|@")
_DATE_WORDS = re.compile(r"(?i)^(?:present|current|now|till date|to date|\W*)$")
# What is left of "(2019 - present)" once the dates are cut out of a header line.
_EMPTY_BRACKETS = re.compile(r"\s*[(\[]\s*[)\]]?\s*$|^\s*[)\]]\s*")
# Departments read like employers after a comma ("Manager, Sales") but belong to the title.
_DEPARTMENTS = frozenset(
    {
        *("sales", "marketing", "finance", "operations", "engineering", "hr", "it", "accounting", "support"),
        *("product", "design", "research", "administration", "customer service", "legal", "procurement", "logistics"),
    }
)


@dataclass
class Piece:
    text: str
    role: str | None = None  # "title" / "employer" forced by " at "


def header_like(line: Line) -> bool:
    text = line.clean
    if not text or word_count(text) > 10 or len(text) > 90 or text[-1] in ".;:":
        return False
    return not line.text.lstrip().startswith(("•", "●", "➢", "▪", "-", "*", "❖", "○"))


def _title_employer_place(commas: list[str]) -> bool:
    if len(commas) < 2 or not has_title_word(commas[0]) or has_title_word(commas[1]) or not commas[1][:1].isupper():
        return False
    if EMPLOYER_MARKERS.search(commas[1]) or (len(commas) >= 3 and is_location(", ".join(commas[2:]))):
        return True
    # "Senior Data Engineer, Northwind Analytics": a capitalised name that is neither a place nor a department.
    return len(commas) == 2 and not is_location(commas[1]) and commas[1].lower() not in _DEPARTMENTS


def pieces(text: str) -> list[Piece]:
    """ "Sr. Analyst - Acme Corp - Springfield, IL" -> three pieces; "Analyst at Acme" -> title + employer."""
    out: list[Piece] = []
    for chunk in _SPLIT.split(text):
        chunk = squash(_EMPTY_BRACKETS.sub("", chunk.strip().strip(BULLETS)))
        if not chunk or _DATE_WORDS.match(chunk) or _URL.search(chunk) or LABEL.match(chunk + ":"):
            continue
        if "Company Name" in chunk and chunk != "Company Name":
            # Anonymised livecareer layout: "Creative Director Company Name".
            out.extend(Piece(squash(p)) for p in chunk.split("Company Name") if squash(p))
            out.append(Piece("Company Name", "employer"))
            continue
        worked = _WORKED.match(chunk)
        if worked:
            title, employer = worked.group("t") or worked.group("t2"), worked.group("e") or worked.group("e2")
            out += [Piece(squash(title), "title"), Piece(squash(employer), "employer")]
            continue
        at = _AT.split(chunk, maxsplit=1)
        commas = chunk.split(", ")
        if _title_employer_place(commas):
            # "Software Engineer, Acme, Springfield, IL": title, employer, then the location.
            out += [Piece(commas[0], "title"), Piece(commas[1], "employer")]
            if len(commas) > 2:
                out.append(Piece(", ".join(commas[2:]), "location"))
        elif len(at) == 2 and has_title_word(at[0]):
            out += [Piece(squash(at[0]), "title"), Piece(squash(at[1]), "employer")]
        else:
            out.append(Piece(chunk))
    return out


def role(piece: Piece) -> str | None:
    if piece.role:
        return piece.role
    if is_location(piece.text) or piece.text in {"City", "State"}:
        return "location"
    words = piece.text.lower().split()
    if words and words[-1].strip(".,()") in TITLE_WORDS:
        return "title"
    if EMPLOYER_MARKERS.search(piece.text):
        return "employer"
    if has_title_word(piece.text):
        return "title"
    return None


def assign(pieces: list[Piece]) -> tuple[str | None, str | None]:
    title: str | None = None
    employer: str | None = None
    unknown: list[str] = []
    for piece in pieces:
        if word_count(piece.text) > 12:
            continue
        kind = role(piece)
        if kind == "title" and title is None:
            title = piece.text
        elif kind == "employer" and employer is None:
            employer = piece.text
        elif kind is None:
            unknown.append(piece.text)
    for text in unknown:
        if title is None:
            title = text
        elif employer is None:
            employer = text
    return title, employer


def missing(found: list[Piece]) -> int:
    """How many of title and employer the pieces cannot fill yet (locations do not count)."""
    return max(0, 2 - sum(1 for p in found if role(p) != "location"))
