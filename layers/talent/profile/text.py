"""A length-preserving clean view of resume text, and its lines with their offsets.

Offsets found in the clean view are offsets in the original text, so every span in a profile
points at what the candidate wrote.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# pdftotext mojibake seen in real resumes: a fullwidth colon + zero-width space read as cp1252,
# a zero-width space read as cp1252, a non-breaking space read as cp1252.
_ARTIFACTS = re.compile(
    "\u00ef\u00bc\u200b|\u00ef\u00bc|\u00e2\u20ac\u2039|\u00e2\u20ac\u201c|\u00e2\u20ac\u201d|\u00c2\xa0|\u00c2"
)
_REPLACEMENT = {
    "\u00ef\u00bc\u200b": " | ",
    "\u00ef\u00bc": "| ",
    "\u00e2\u20ac\u2039": "   ",
    "\u00e2\u20ac\u201c": " - ",
    "\u00e2\u20ac\u201d": " - ",
    "\u00c2\xa0": "  ",
    "\u00c2": " ",
}
_SPACES = str.maketrans({"\xa0": " ", "\u200b": " ", "\t": " ", "\r": " ", "\f": "\n", "\u2013": "-", "\u2014": "-"})

BULLETS = "•●○◦▪■□➢❖❑✓✔►▶*·-\u2013\u2014>§"


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str

    @property
    def clean(self) -> str:
        return self.text.strip().strip(BULLETS).strip()

    @property
    def blank(self) -> bool:
        return not self.clean


def clean_view(text: str) -> str:
    """Same length as `text`; encoding artifacts, tabs and odd spaces become plain separators."""
    view = _ARTIFACTS.sub(lambda m: _REPLACEMENT[m.group(0)], text)
    return view.translate(_SPACES)


def lines_of(view: str, start: int = 0, end: int | None = None) -> list[Line]:
    end = len(view) if end is None else end
    out: list[Line] = []
    pos = start
    while pos < end:
        nl = view.find("\n", pos, end)
        stop = end if nl < 0 else nl
        out.append(Line(pos, stop, view[pos:stop]))
        pos = stop + 1
    return out


def lines_in(lines: list[Line], start: int, end: int) -> list[Line]:
    """The lines that start in [start, end), found by bisection (regions are many on odd inputs)."""
    return lines[bisect.bisect_left(lines, start, key=_start) : bisect.bisect_left(lines, end, key=_start)]


def _start(line: Line) -> int:
    return line.start


def squash(text: str) -> str:
    """Collapse runs of whitespace and strip separators at the ends."""
    return re.sub(r"\s+", " ", text).strip(" ,;:|-/")


def word_count(text: str) -> int:
    return len(text.split())
