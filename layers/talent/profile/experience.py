"""Work experience entries: each anchored on a date range, its title and employer from the lines around it."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date

from talent.profile.dates import DateRange, find_ranges, interval, split_range
from talent.profile.experience_header import LABEL, Piece, assign, header_like, missing, pieces, role
from talent.profile.models import ExperienceEntry, Span
from talent.profile.text import Line, lines_in, word_count

_WINDOW = 160


@dataclass
class _Anchor:
    index: int
    rng: DateRange | None  # None: a job written without dates
    pieces: list[Piece] = field(default_factory=list)
    first: int = 0
    last: int = 0
    description_start: int = 0


def _line_at(ends: list[int], offset: int) -> int:
    return bisect.bisect_left(ends, offset)


def _anchors(lines: list[Line]) -> list[_Anchor]:
    """One anchor per date range; a range may wrap over a few lines ("January 2014\\nto\\nCurrent")."""
    if not lines:
        return []
    anchors: list[_Anchor] = []
    ends = [line.end for line in lines]
    for rng in find_ranges("\n".join(line.text for line in lines), lines[0].start):
        i, k = _line_at(ends, rng.span[0]), _line_at(ends, rng.span[1])
        if k - i > 3 or (anchors and anchors[-1].last >= i):
            continue
        # Header text next to the dates is short; a window keeps very long lines linear.
        before, after = rng.span[0] - lines[i].start, rng.span[1] - lines[k].start
        pre = lines[i].text[max(0, before - _WINDOW) : before]
        post = lines[k].text[after : after + _WINDOW]
        if word_count(pre) > 10 or pre.strip().endswith(":") or LABEL.match(lines[i].clean):
            continue
        anchor = _Anchor(i, rng, pieces(pre), first=i, last=k, description_start=lines[k].end + 1)
        if word_count(post) <= 12:
            anchor.pieces += pieces(post)
        else:
            anchor.description_start = rng.span[1]
        anchors.append(anchor)
    return sorted(anchors + _split_anchors(lines, anchors), key=lambda a: a.index)


def _split_anchors(lines: list[Line], anchors: list[_Anchor]) -> list[_Anchor]:
    """Two-column layouts: "June 2022 - Engineer, Acme, City" with "Present" opening a later line."""
    taken = {i for a in anchors for i in range(a.first, a.last + 1)}
    found: list[_Anchor] = []
    for i, line in enumerate(lines):
        later = [k for k in range(i + 1, min(i + 4, len(lines))) if not lines[k].blank][:1]
        if i in taken or not later or later[0] in taken:
            continue
        k = later[0]
        split = split_range(line.text, lines[k].text, line.start, lines[k].start)
        if split is None:
            continue
        rng, head_at, end_at = split
        anchor = _Anchor(i, rng, pieces(line.text[head_at:]), first=i, last=k)
        anchor.description_start = lines[k].start + end_at
        found.append(anchor)
        taken.update(range(i, k + 1))
    return found


def _prefers_after(anchor: _Anchor) -> bool:
    # "Title 04/2015 to Current" then "Company Name - City, State" on the next line.
    roles = {role(p) for p in anchor.pieces}
    assert anchor.rng is not None
    return "title" in roles and "employer" not in roles and anchor.description_start > anchor.rng.span[1]


def _take_before(anchor: _Anchor, lines: list[Line], floor: int) -> None:
    j = anchor.index - 1
    taken = 0
    while j > floor and taken < 2 and missing(anchor.pieces):
        if lines[j].blank:
            j -= 1
            continue
        if not header_like(lines[j]) or find_ranges(lines[j].text):
            break
        anchor.pieces = pieces(lines[j].clean) + anchor.pieces
        anchor.first = j
        taken += 1
        j -= 1


def _take_after(anchor: _Anchor, lines: list[Line], ceiling: int) -> None:
    if anchor.rng is None:
        return
    j = anchor.last + 1
    while j < ceiling and anchor.description_start > anchor.rng.span[1] and missing(anchor.pieces):
        if lines[j].blank:
            j += 1
            continue
        head = lines[j].clean.split(" | ")[0]
        if word_count(head) > 8 or head.endswith(".") or (not header_like(lines[j]) and " | " not in lines[j].text):
            break
        anchor.pieces += pieces(head)
        anchor.last = j
        anchor.description_start = lines[j].start + lines[j].text.find(head) + len(head)
        j += 1


def _extend(anchors: list[_Anchor], lines: list[Line]) -> None:
    """Take the short header lines around each anchor: before it first, unless its layout puts them after."""
    after_first = [_prefers_after(a) for a in anchors]
    for k, anchor in enumerate(anchors):
        if not after_first[k]:
            _take_before(anchor, lines, anchors[k - 1].last if k else -1)
    for k, anchor in enumerate(anchors):
        _take_after(anchor, lines, anchors[k + 1].first if k + 1 < len(anchors) else len(lines))
    for k, anchor in enumerate(anchors):
        if after_first[k]:
            _take_before(anchor, lines, anchors[k - 1].last if k else -1)


def _richness(anchor: _Anchor) -> int:
    title, employer = assign(anchor.pieces)
    return 2 * (title is not None) + (employer is not None)


def _distinct(anchors: list[_Anchor]) -> list[_Anchor]:
    """The same dates twice are one job written up twice (header, then description): keep the richer one."""
    best: dict[tuple[object, ...], _Anchor] = {}
    for anchor in anchors:
        if anchor.rng is None:
            continue
        key = (anchor.rng.start, anchor.rng.end, anchor.rng.current)
        known = best.get(key)
        if known is None or _richness(anchor) > _richness(known):
            best[key] = anchor
    keep = {id(a) for a in best.values()}
    return [a for a in anchors if a.rng is None or id(a) in keep]


def _undated_pair(lines: list[Line], i: int, j: int) -> list[Piece] | None:
    """A title line, then an employer line: after a blank (Indeed) or with a location on it (livecareer)."""
    if not (header_like(lines[i]) and header_like(lines[j]) and not lines[j].blank):
        return None
    head, tail = pieces(lines[i].clean), pieces(lines[j].clean)
    if len(head) != 1 or role(head[0]) != "title" or not tail:
        return None
    tail_roles = [role(p) for p in tail]
    if j == i + 2 and tail_roles[0] in (None, "employer"):
        return head + tail
    if j == i + 1 and tail_roles[0] == "employer" and "location" in tail_roles:
        return head + tail
    return None


def _undated(anchors: list[_Anchor], lines: list[Line]) -> list[_Anchor]:
    """Jobs written without dates."""
    covered = {i for a in anchors for i in range(a.first, a.last + 1)}
    found: list[_Anchor] = []
    for i in range(len(lines) - 1):
        if i in covered or (i > 0 and not lines[i - 1].blank and not lines[i + 1].clean):
            continue
        j = i + 2 if lines[i + 1].blank else i + 1
        if j >= len(lines) or j in covered:
            continue
        found_pieces = _undated_pair(lines, i, j)
        if found_pieces:
            found.append(_Anchor(j, None, found_pieces, first=i, last=j, description_start=lines[j].end + 1))
            covered.update((i, j))
    return sorted(anchors + found, key=lambda a: a.first)


def experience_entries(
    text: str, lines: list[Line], regions: list[tuple[int, int]], document_date: date
) -> list[ExperienceEntry]:
    entries: list[ExperienceEntry] = []
    for start, end in regions:
        region = lines_in(lines, start, end)
        anchors = _anchors(region)
        _extend(anchors, region)
        anchors = _undated(_distinct(anchors), region)
        for k, anchor in enumerate(anchors):
            stop = region[anchors[k + 1].first].start if k + 1 < len(anchors) else end
            title, employer = assign(anchor.pieces)
            described = min(anchor.description_start, end)
            rng = anchor.rng
            span = interval(rng, document_date) if rng else None
            entries.append(
                ExperienceEntry(
                    title=title,
                    employer=employer,
                    start=rng.start if rng else None,
                    end=rng.end if rng else None,
                    current=rng.current if rng else False,
                    description=text[described:stop].strip(),
                    span=Span(start=region[anchor.first].start, end=max(stop, described)),
                    months=None if span is None else span[1] - span[0] + 1,
                )
            )
    return entries
