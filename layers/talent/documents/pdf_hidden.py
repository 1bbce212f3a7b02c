"""Decide which suspicious PDF glyphs are really hidden, and group hidden glyphs into reported runs.

White text is hidden only on a light background: white on a dark banner is a design, not stuffing. The page is
rendered once (grayscale, low resolution) and the mean brightness under the run tells which. Invisible text
(render mode 3) over an image is an OCR layer and is kept as text.
"""

from __future__ import annotations

import math

import pypdfium2 as pdfium

from talent.documents.models import HiddenKind, HiddenText
from talent.documents.pdf_glyphs import Glyph

RENDER_SCALE = 0.5
MAX_RENDER_PIXELS = 16_000_000  # a page declaring a huge MediaBox is rendered smaller, never huge
# Mean gray level (0-255) under a white run above which the background is taken as paper-white.
LIGHT_BACKGROUND = 200

Box = tuple[float, float, float, float]


def confirm_hidden(page: pdfium.PdfPage, glyphs: list[Glyph], images: list[Box]) -> None:
    """Clear `hidden` on suspect glyphs that a reader can see (in place)."""
    runs = _runs([g for g in glyphs if g.suspect])
    if not runs:
        return
    gray: _Gray | None = None
    for run in runs:
        box = _union(run)
        if run[0].hidden == "invisible":
            visible = any(_overlaps(box, image) for image in images)
        else:
            if gray is None:
                gray = _Gray(page)
            visible = gray.mean(box) < LIGHT_BACKGROUND
        if visible:
            for glyph in run:
                glyph.hidden = None
                glyph.suspect = False


def hidden_runs(glyphs: list[Glyph], page_number: int) -> list[HiddenText]:
    """Consecutive hidden glyphs of one kind, as the text a reader would have seen if it were visible."""
    found: list[HiddenText] = []
    kind: HiddenKind | None = None
    parts: list[str] = []
    for glyph in glyphs:
        if glyph.hidden != kind and kind is not None:
            found.append(HiddenText(kind=kind, text="".join(parts).strip(), page=page_number))
            parts = []
        kind = glyph.hidden
        if kind is not None:
            parts.append((" " if (glyph.space_before or glyph.break_before) and parts else "") + glyph.char)
    if kind is not None and parts:
        found.append(HiddenText(kind=kind, text="".join(parts).strip(), page=page_number))
    return [h for h in found if h.text]


def _runs(glyphs: list[Glyph]) -> list[list[Glyph]]:
    runs: list[list[Glyph]] = []
    for glyph in glyphs:
        previous = runs[-1][-1] if runs else None
        same_line = previous is not None and abs(previous.y0 - glyph.y0) < 0.5 * max(glyph.size, 1.0)
        if previous is not None and previous.hidden == glyph.hidden and same_line:
            runs[-1].append(glyph)
        else:
            runs.append([glyph])
    return runs


def _union(run: list[Glyph]) -> Box:
    return (min(g.x0 for g in run), min(g.y0 for g in run), max(g.x1 for g in run), max(g.y1 for g in run))


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


class _Gray:
    """The page rendered once in 8-bit gray; mean brightness of a box in PDF coordinates."""

    def __init__(self, page: pdfium.PdfPage) -> None:
        left, _bottom, _right, top = page.get_cropbox()
        self.left, self.top = left, top
        self.rotated = page.get_rotation() != 0
        self.width = self.height = self.stride = self.channels = 0
        self.pixels = b""
        width, height = page.get_size()
        self.scale = min(RENDER_SCALE, math.sqrt(MAX_RENDER_PIXELS / max(width * height, 1.0)))
        if not self.rotated:
            bitmap = page.render(scale=self.scale, grayscale=True)
            self.width, self.height, self.stride = bitmap.width, bitmap.height, bitmap.stride
            self.channels = bitmap.n_channels
            self.pixels = bytes(bitmap.buffer)

    def mean(self, box: Box) -> float:
        if self.rotated:
            return 255.0  # cannot map coordinates reliably: keep the text reported as hidden
        x0 = max(0, int((box[0] - self.left) * self.scale))
        x1 = min(self.width, int((box[2] - self.left) * self.scale) + 1)
        y0 = max(0, int((self.top - box[3]) * self.scale))
        y1 = min(self.height, int((self.top - box[1]) * self.scale) + 1)
        if x1 <= x0 or y1 <= y0:
            return 255.0
        total = 0
        for y in range(y0, y1):
            start = y * self.stride + x0 * self.channels
            total += sum(self.pixels[start : y * self.stride + x1 * self.channels])
        return total / ((x1 - x0) * (y1 - y0) * self.channels)
