"""The job posting sets in ../shared/data and the texts the job evaluation builds from them.

Google postings keep minimum and preferred qualifications in separate columns, so the column a skill came from
is a free label for required vs preferred. Each variant joins the columns into one posting differently.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

GOOGLE_CSV = Path("jobs") / "google_job_skills.csv"
US_CSV = Path("jobs") / "us_job_postings_1000.csv"

_PREFERRED_TEMPLATES = ("Ideally, {}", "{} would be a plus.", "Nice to have: {}", "{} (preferred)", "Bonus: {}")
_REQUIRED_TEMPLATES = ("Must have: {}", "{} (required)", "Required: {}", "You must have: {}")


@dataclass(frozen=True)
class GooglePosting:
    title: str
    responsibilities: list[str]
    minimum: list[str]
    preferred: list[str]


@dataclass(frozen=True)
class UsPosting:
    title: str
    description: str


def _lines(cell: str | None) -> list[str]:
    return [line.strip() for line in (cell or "").splitlines() if line.strip()]


def read_google(data_dir: Path) -> Iterator[GooglePosting]:
    with (data_dir / GOOGLE_CSV).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            yield GooglePosting(
                title=(row.get("Title") or "").strip(),
                responsibilities=_lines(row.get("Responsibilities")),
                minimum=_lines(row.get("Minimum Qualifications")),
                preferred=_lines(row.get("Preferred Qualifications")),
            )


def read_us(data_dir: Path) -> Iterator[UsPosting]:
    with (data_dir / US_CSV).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield UsPosting(title=(row.get("job_title") or "").strip(), description=row.get("job_description") or "")


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"\u2022 {line}" for line in lines)


def _sentence(line: str) -> str:
    return line if line.endswith((".", "!", "?")) else line + "."


def with_headings(posting: GooglePosting) -> str:
    """As the posting reads on a careers page: two headed bullet lists."""
    minimum, preferred = _bullets(posting.minimum), _bullets(posting.preferred)
    return f"Minimum qualifications:\n{minimum}\n\nPreferred qualifications:\n{preferred}"


def with_responsibilities(posting: GooglePosting) -> str:
    """The headed posting after its responsibilities, whose skills carry no level of their own."""
    return f"Responsibilities:\n{_bullets(posting.responsibilities)}\n\n{with_headings(posting)}"


def inline_headings(posting: GooglePosting) -> str:
    """The headed posting flattened to one paragraph, as text copied from a web page often is."""
    minimum = " ".join(_sentence(line) for line in posting.minimum)
    preferred = " ".join(_sentence(line) for line in posting.preferred)
    return f"Minimum qualifications: {minimum} Preferred qualifications: {preferred}"


def cue_phrases(posting: GooglePosting) -> str:
    """No headings: each line carries a cue phrase in the sentence itself, cycling through common wordings."""
    minimum = [_REQUIRED_TEMPLATES[i % len(_REQUIRED_TEMPLATES)].format(line) for i, line in enumerate(posting.minimum)]
    preferred = [
        _PREFERRED_TEMPLATES[i % len(_PREFERRED_TEMPLATES)].format(line) for i, line in enumerate(posting.preferred)
    ]
    return "\n".join([*minimum, *preferred])


def no_headings(posting: GooglePosting) -> str:
    """The lines alone: only the cue phrases the qualifications happen to contain can tell the levels apart."""
    return "\n".join([*posting.minimum, *posting.preferred])


VARIANTS: dict[str, Callable[[GooglePosting], str]] = {
    "headings": with_headings,
    "headings+responsibilities": with_responsibilities,
    "inline headings": inline_headings,
    "cue phrases only": cue_phrases,
    "no headings, no cues": no_headings,
}
