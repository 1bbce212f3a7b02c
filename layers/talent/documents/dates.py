"""Document dates from file metadata: PDF date strings and DOCX core properties, kept only when plausible."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_PDF_DATE = re.compile(r"^\s*(?:D:)?(\d{4})(\d{2})?(\d{2})?")
_EARLIEST = date(1985, 1, 1)


def parse_pdf_date(value: str | None) -> date | None:
    """`D:20230412093000+02'00'` -> 2023-04-12 (the calendar day as written; time zone ignored)."""
    if not value:
        return None
    match = _PDF_DATE.match(value)
    if not match:
        return None
    year, month, day = int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1)
    try:
        return plausible(date(year, month, day))
    except ValueError:
        return None


def plausible(value: date | datetime | None) -> date | None:
    """Drop dates no real resume file has: before 1985 or in the future (clock errors, template defaults)."""
    if value is None:
        return None
    day = value.date() if isinstance(value, datetime) else value
    if day < _EARLIEST or day > date.today() + timedelta(days=1):
        return None
    return day


def first_plausible(*values: date | datetime | None) -> date | None:
    for value in values:
        day = plausible(value)
        if day is not None:
            return day
    return None
