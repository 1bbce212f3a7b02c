"""Column detection for PDF reading order: find the longest run of bands that share a vertical gutter.

A band is a horizontal strip of segments with no y-gap inside. A gutter candidate is a free x-range in a band
with text on both sides of it. Its run is the consecutive bands that keep (part of) that range free; the run
with the most rows on both sides is read as columns (left column top to bottom, then right), and the bands above
and below it, and each column, are ordered the same way. A run whose right-hand cells are short and sit on
the left-hand rows (title | date, label | value) is a table and stays in row order.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

MAX_DEPTH = 12
MIN_SIDE_ROWS = 2
MAX_EDGE_BANDS = 2

Interval = tuple[float, float]


class Box(Protocol):
    x0: float
    x1: float
    top: float
    bottom: float
    text: str


S = TypeVar("S", bound=Box)


def order_blocks(
    segments: list[S], minimum: float, check: Callable[[], None] = lambda: None, depth: int = 0
) -> list[list[S]]:
    """Segments grouped into blocks in reading order; a block is read row by row. `check` may raise (time budget)."""
    if len(segments) < 2 or depth > MAX_DEPTH:
        return [segments]
    check()
    bands = bands_of(segments)
    found = _best_run(bands, minimum, check)
    if found is None:
        return [segments]
    first, last, cut = found
    above = [s for band in bands[:first] for s in band]
    run = [s for band in bands[first:last] for s in band]
    below = [s for band in bands[last:] for s in band]
    blocks: list[list[S]] = []
    for part in (above, [s for s in run if s.x1 <= cut[0]], [s for s in run if s.x0 >= cut[1]], below):
        if part:
            blocks.extend(order_blocks(part, minimum, check, depth + 1))
    return blocks


def bands_of(segments: Sequence[S]) -> list[list[S]]:
    """Split top to bottom wherever no segment spans a horizontal gap."""
    bands: list[list[S]] = []
    bottom = float("-inf")
    for seg in sorted(segments, key=lambda s: (s.top, s.x0)):
        if seg.top >= bottom:
            bands.append([seg])
            bottom = seg.bottom
        else:
            bands[-1].append(seg)
            bottom = max(bottom, seg.bottom)
    return bands


def same_row(a: Box, b: Box) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > 0.5 * min(a.bottom - a.top, b.bottom - b.top)


def _best_run(
    bands: Sequence[Sequence[Box]], minimum: float, check: Callable[[], None]
) -> tuple[int, int, Interval] | None:
    start = min(s.x0 for band in bands for s in band)
    end = max(s.x1 for band in bands for s in band)
    free = [_gaps(band, start, end, minimum) for band in bands]
    best: tuple[int, int, int, Interval] | None = None  # (rows on the thinner side, first, last, cut)
    tried: set[tuple[int, Interval]] = set()
    for seed, band in enumerate(bands):
        check()
        for gap in free[seed]:
            if not _two_sided(band, gap) or (seed, gap) in tried:
                continue
            first, last, cut = _grow(free, seed, gap, minimum)
            first, last = _trim(bands, first, last, cut)
            tried.update((i, g) for i in range(first, last) for g in free[i] if _overlap(g, cut) >= minimum)
            sided = sum(_sides(b, cut) for b in bands[first:last])
            if sided >= MIN_SIDE_ROWS and (best is None or sided > best[0]):
                members = [s for b in bands[first:last] for s in b]
                if not _is_table(members, cut):
                    best = (sided, first, last, cut)
    return None if best is None else (best[1], best[2], best[3])


def _grow(free: list[list[Interval]], seed: int, gap: Interval, minimum: float) -> tuple[int, int, Interval]:
    """Extend from the seed band down, then up, while each band leaves part of the gutter free."""
    cut = gap
    last = seed + 1
    while last < len(free):
        narrowed = _narrow(cut, free[last], minimum)
        if narrowed is None:
            break
        cut, last = narrowed, last + 1
    first = seed
    while first > 0:
        narrowed = _narrow(cut, free[first - 1], minimum)
        if narrowed is None:
            break
        cut, first = narrowed, first - 1
    return first, last, cut


def _trim(bands: Sequence[Sequence[Box]], first: int, last: int, cut: Interval) -> tuple[int, int]:
    """A heading or two on one side at the edge of a run, with full-width text beyond it, belongs with that text
    (a section title under a two-column header), not with the column."""
    if last < len(bands):
        tail = last
        while tail > first and not _two_sided(bands[tail - 1], cut):
            tail -= 1
        if last - tail <= MAX_EDGE_BANDS:
            last = tail
    if first > 0:
        head = first
        while head < last and not _two_sided(bands[head], cut):
            head += 1
        if head - first <= MAX_EDGE_BANDS:
            first = head
    return first, last


def _narrow(cut: Interval, gaps: list[Interval], minimum: float) -> Interval | None:
    best = max(gaps, key=lambda g: _overlap(g, cut), default=None)
    if best is None or _overlap(best, cut) < minimum:
        return None
    return max(cut[0], best[0]), min(cut[1], best[1])


def _overlap(a: Interval, b: Interval) -> float:
    return min(a[1], b[1]) - max(a[0], b[0])


def _sides(band: Sequence[Box], gap: Interval) -> int:
    """How many segments the thinner side of a band has: a band of one stacked column each side counts its rows."""
    return min(sum(1 for s in band if s.x1 <= gap[0]), sum(1 for s in band if s.x0 >= gap[1]))


def _two_sided(band: Sequence[Box], gap: Interval) -> bool:
    return any(s.x1 <= gap[0] for s in band) and any(s.x0 >= gap[1] for s in band)


def _gaps(segments: Sequence[Box], start: float, end: float, minimum: float) -> list[Interval]:
    """X-ranges in [start, end] that no segment covers and are at least `minimum` wide."""
    gaps: list[Interval] = []
    cursor = start
    for x0, x1 in sorted((s.x0, s.x1) for s in segments):
        if x0 - cursor >= minimum:
            gaps.append((cursor, x0))
        cursor = max(cursor, x1)
    if end - cursor >= minimum:
        gaps.append((cursor, end))
    return gaps


def _is_table(segments: Sequence[Box], cut: Interval) -> bool:
    """Rows of cells, not columns: most cells of one side sit on the baseline of a cell of the other side, and
    that side is short (title | date, label | value, moderncv's date column): read row by row."""
    left = [s for s in segments if s.x1 <= cut[0]]
    right = [s for s in segments if s.x0 >= cut[1]]
    return _labels(left, right) or _labels(right, left)


def _labels(side: list[Box], other: list[Box]) -> bool:
    if not side or not other:
        return False
    paired = sum(1 for s in side if any(_same_baseline(s, o) for o in other))
    return paired >= 0.6 * len(side) and statistics.median(len(s.text) for s in side) <= 30


def _same_baseline(a: Box, b: Box) -> bool:
    return abs(a.bottom - b.bottom) < 0.25 * min(a.bottom - a.top, b.bottom - b.top)
