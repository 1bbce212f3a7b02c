"""Reading order of a PDF page from glyph boxes: glyphs to segments (one line, no large gap), columns found by
columns.py, then rows and paragraphs.

Segments are runs of glyphs in content order on one line; a gap over SPLIT_GAP_EM starts a new segment, so
cells of a row (title | date) and column neighbours stay apart. Rows join segments that share a line with a
space; a vertical gap over PARAGRAPH_GAP line heights leaves a blank line.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from talent.documents.columns import order_blocks, same_row
from talent.documents.pdf_glyphs import Glyph

SPLIT_GAP_EM = 1.0  # gap between glyphs on a line that starts a new segment
SPACE_GAP_EM = 0.1  # gap beyond the usual letter gap that means a word space (files without space characters)
MIN_GUTTER_PT = 6.0
PARAGRAPH_GAP = 0.6  # vertical gap (in line heights) that starts a new paragraph


@dataclass(slots=True)
class Segment:
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    text: str = ""


Row = list[Segment]
Block = list[Row]


def page_text(glyphs: Sequence[Glyph], page_top: float, check: Callable[[], None] = lambda: None) -> str:
    """The text of the visible glyphs of a page in reading order (rows "\\n", blocks and paragraphs "\\n\\n")."""
    segments = segment(glyphs, page_top)
    if not segments:
        return ""
    gutter = max(MIN_GUTTER_PT, 0.8 * statistics.median(s.size for s in segments))
    return "\n\n".join(_block_text(_rows(block)) for block in order_blocks(segments, gutter, check) if block)


def segment(glyphs: Sequence[Glyph], page_top: float) -> list[Segment]:
    """Runs of glyphs on one line without a large gap, with word spaces restored."""
    runs: list[list[Glyph]] = []
    previous: Glyph | None = None
    for glyph in glyphs:
        if previous is not None and _continues(previous, glyph):
            runs[-1].append(glyph)
        else:
            runs.append([glyph])
        previous = glyph
    return [_segment(run, page_top) for run in runs]


def _continues(previous: Glyph, glyph: Glyph) -> bool:
    overlap = min(glyph.y1, previous.y1) - max(glyph.y0, previous.y0)
    same_line = overlap > 0.5 * min(glyph.y1 - glyph.y0, previous.y1 - previous.y0)
    em = max(glyph.size, 1.0)
    # Ligature components (t+i drawn as one glyph) share one box: measure backwards from the previous start.
    return same_line and glyph.x0 - previous.x0 > -0.5 * em and glyph.x0 - previous.x1 < SPLIT_GAP_EM * em


def _segment(run: list[Glyph], page_top: float) -> Segment:
    """Some producers (Qt/wkhtmltopdf) write no space characters, and place glyphs tighter or looser than their
    advance widths: a gap is a word space when it exceeds the run's usual letter gap by SPACE_GAP_EM."""
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(run)]
    usual = statistics.median(gaps) if len(gaps) >= 3 else 0.0
    parts = [run[0].char]
    for gap, glyph in zip(gaps, run[1:], strict=False):
        if glyph.space_before or glyph.break_before or gap - usual > SPACE_GAP_EM * max(glyph.size, 1.0):
            parts.append(" ")
        parts.append(glyph.char)
    return Segment(
        x0=min(g.x0 for g in run),
        top=page_top - max(g.y1 for g in run),
        x1=max(g.x1 for g in run),
        bottom=page_top - min(g.y0 for g in run),
        size=run[0].size,
        text="".join(parts),
    )


def _rows(segments: Sequence[Segment]) -> Block:
    rows: Block = []
    for seg in sorted(segments, key=lambda s: (s.top, s.x0)):
        if rows and any(same_row(seg, other) for other in rows[-1]):
            rows[-1].append(seg)
        else:
            rows.append([seg])
    return [sorted(row, key=lambda s: s.x0) for row in rows]


def _block_text(block: Block) -> str:
    lines: list[str] = []
    previous: Row | None = None
    for row in block:
        if previous is not None:
            height = max(s.bottom - s.top for s in previous)
            gap = min(s.top for s in row) - max(s.bottom for s in previous)
            if gap > PARAGRAPH_GAP * height:
                lines.append("")
        lines.append(" ".join(s.text for s in row))
        previous = row
    return "\n".join(lines)
