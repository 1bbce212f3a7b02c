from __future__ import annotations

from datetime import date

import pytest

from talent.profile.dates import find_ranges, interval, union_months
from talent.profile.models import YearMonth


@pytest.mark.parametrize(
    ("text", "start", "end", "current"),
    [
        ("Jan 2019 \u2013 Present", (2019, 1), None, True),
        ("01/2019 - 03/2021", (2019, 1), (2021, 3), False),
        ("2018 to 2020", (2018, None), (2020, None), False),
        ("Since 2020", (2020, None), None, True),
        ("Summer 2018 - Fall 2019", (2018, 6), (2019, 9), False),
        ("March 2015 until now", (2015, 3), None, True),
        ("Feb 2014 - Till Date", (2014, 2), None, True),
        ("Oct '18 - Mar '19", (2018, 10), (2019, 3), False),
    ],
)
def test_date_range_formats_are_read(
    text: str, start: tuple[int, int | None], end: tuple[int, int | None] | None, current: bool
) -> None:
    # Given a date range as resumes write it / When it is read
    (found,) = find_ranges(f"Analyst {text} Acme")
    # Then start, end and "current" are what the text says
    assert (found.start.year, found.start.month) == start
    assert (None if found.end is None else (found.end.year, found.end.month)) == end
    assert found.current is current


def test_a_single_date_is_not_a_range() -> None:
    assert find_ranges("Graduated 12/2005 with honours") == []


def test_present_ends_at_the_document_date() -> None:
    # Given an open range and a document dated June 2024
    (found,) = find_ranges("Jan 2024 - Present")
    # When it is turned into months / Then January..June counts, not today's date
    assert interval(found, date(2024, 6, 15)) == (2024 * 12, 2024 * 12 + 5)


def test_ends_after_the_document_date_are_cut_there() -> None:
    (found,) = find_ranges("Jan 2024 - Dec 2030")
    start, end = interval(found, date(2024, 3, 1)) or (0, 0)
    assert end - start + 1 == 3


def test_overlapping_ranges_are_counted_once() -> None:
    # Given Jan-Dec 2020 and Jul 2020-Jun 2021 (6 months overlap) and a gap, then Jan 2023
    months = union_months([(0, 11), (6, 17), (36, 36)])
    # Then the union is 18 + 1 months
    assert months == 19


def test_year_only_ranges_count_whole_years_between() -> None:
    (found,) = find_ranges("2012 - 2015")
    start, end = interval(found, date(2024, 1, 1)) or (0, 0)
    assert end - start + 1 == 37


def test_a_range_ending_before_it_starts_has_no_interval() -> None:
    (found,) = find_ranges("Mar 2020 - Jan 2019")
    assert interval(found, date(2024, 1, 1)) is None


def test_year_month_without_month_is_allowed() -> None:
    assert YearMonth(year=2020).month is None
