"""Dates and date ranges as resumes write them, and months of experience without double counting."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from talent.profile.models import YearMonth

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Seasons as the month their term starts; a winter term is taken to start in January.
SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 1}

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19[4-9]\d|20[0-5]\d)"
_POINT = (
    rf"(?:(?P<§mon>{_MONTH})\s*[,'\u2019]?\s*(?:\d{{1,2}}(?:st|nd|rd|th)?\s*,\s*)?(?P<§y1>{_YEAR}|'\d\d)"
    rf"|(?P<§sea>spring|summer|fall|autumn|winter)\s*,?\s*(?P<§y2>{_YEAR})"
    rf"|(?P<§mm>0?[1-9]|1[0-2])\s*[/.\-]\s*(?:\d{{1,2}}\s*/\s*)?(?P<§y3>{_YEAR})"
    rf"|(?P<§mm2>0?[1-9]|1[0-2])\s*/\s*(?P<§y4>\d\d)"
    rf"|(?P<§y5>{_YEAR}))"
)
_OPEN = r"(?P<open>present|current(?:ly)?|now|today|ongoing|date|(?:till|until|to)[\s\-]+(?:date|now|present))"
_SEP = r"\s*(?:-+|\u2013|\u2014|~|\||to|until|till|through|thru)\s*"
RANGE = re.compile(
    rf"(?i)(?<![\w/.])(?:from\s+)?{_POINT.replace('§', 'a')}{_SEP}(?:{_POINT.replace('§', 'b')}|{_OPEN})(?![\w/])"
)
SINCE = re.compile(rf"(?i)\b(?:since|from)\s+{_POINT.replace('§', 'a')}(?![\w/])(?!{_SEP}\w)")
# A date column broken over lines: "June 2022 -" + header text, then "Present" opening a later line.
SPLIT_START = re.compile(rf"(?i)^\s*{_POINT.replace('§', 'a')}\s*(?:-+|\u2013|\u2014|to)(?=\s)")
SPLIT_END = re.compile(rf"(?i)^\s*(?:{_POINT.replace('§', 'b')}|{_OPEN})(?![\w/])")
YEAR = re.compile(rf"(?<![\d/.\-]){_YEAR}(?![\d/])")


@dataclass(frozen=True)
class DateRange:
    start: YearMonth
    end: YearMonth | None
    current: bool
    span: tuple[int, int]


def _point(m: re.Match[str], p: str) -> YearMonth | None:
    g = m.groupdict()
    if g.get(f"{p}mon") and g.get(f"{p}y1"):
        year = g[f"{p}y1"]
        full = int(year) if not year.startswith(("'", "\u2019")) else _two_digit(year[1:])
        return YearMonth(year=full, month=MONTHS[g[f"{p}mon"][:3].lower()])
    if g.get(f"{p}sea"):
        return YearMonth(year=int(g[f"{p}y2"]), month=SEASONS[g[f"{p}sea"].lower()])
    if g.get(f"{p}mm") and g.get(f"{p}y3"):
        return YearMonth(year=int(g[f"{p}y3"]), month=int(g[f"{p}mm"]))
    if g.get(f"{p}mm2") and g.get(f"{p}y4"):
        return YearMonth(year=_two_digit(g[f"{p}y4"]), month=int(g[f"{p}mm2"]))
    if g.get(f"{p}y5"):
        return YearMonth(year=int(g[f"{p}y5"]))
    return None


def _two_digit(yy: str) -> int:
    return 2000 + int(yy) if int(yy) <= 50 else 1900 + int(yy)


def split_range(first: str, later: str, first_at: int, later_at: int) -> tuple[DateRange, int, int] | None:
    """A range whose start opens `first` and whose end opens `later`: (range, end of start, end of end)."""
    a, b = SPLIT_START.match(first), SPLIT_END.match(later)
    if a is None or b is None:
        return None
    start = _point(a, "a")
    is_open = bool(b.group("open"))
    end = None if is_open else _point(b, "b")
    if start is None or (end is None and not is_open):
        return None
    return DateRange(start, end, is_open, (first_at + a.start(), later_at + b.end())), a.end(), b.end()


def find_ranges(text: str, offset: int = 0) -> list[DateRange]:
    """Date ranges in `text` ("Jan 2019 - Present", "01/2019 - 03/2021", "2018 to 2020", "Since 2020")."""
    found: list[DateRange] = []
    for m in RANGE.finditer(text):
        start = _point(m, "a")
        if start is None:
            continue
        is_open = bool(m.group("open"))
        end = None if is_open else _point(m, "b")
        if end is None and not is_open:
            continue
        found.append(DateRange(start, end, is_open, (offset + m.start(), offset + m.end())))
    for m in SINCE.finditer(text):
        start = _point(m, "a")
        if start and not any(r.span[0] <= offset + m.start() < r.span[1] for r in found):
            found.append(DateRange(start, None, True, (offset + m.start(), offset + m.end())))
    return sorted(found, key=lambda r: r.span)


def month_index(ym: YearMonth, *, is_end: bool) -> int:
    month = ym.month if ym.month is not None else (12 if is_end else 1)
    return ym.year * 12 + month - 1


def interval(r: DateRange, document_date: date) -> tuple[int, int] | None:
    """Inclusive month indexes of a range; open ends and ends after the document date stop at that date.

    A year without a month starts in January; as an end it is January of that year ("2012 - 2015" is
    37 months, not 48), or December when the range starts and ends in that same year.
    """
    today = document_date.year * 12 + document_date.month - 1
    start = month_index(r.start, is_end=False)
    if r.end is None:
        end = today
    elif r.end.month is None:
        end = r.end.year * 12 if r.end.year > r.start.year else r.end.year * 12 + 11
    else:
        end = month_index(r.end, is_end=True)
    end = min(end, today)
    if start > end:
        return None
    return start, end


def union_months(intervals: list[tuple[int, int]]) -> int:
    """Months covered by inclusive intervals, overlaps counted once."""
    total, last = 0, -1
    for start, end in sorted(intervals):
        if end <= last:
            continue
        total += end - max(start, last + 1) + 1
        last = end
    return total
