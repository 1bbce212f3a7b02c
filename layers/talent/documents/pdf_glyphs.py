"""Characters of one PDF page with their boxes and the style facts that reveal hidden text (pdfium text API)."""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from talent.documents.budget import Deadline
from talent.documents.models import HiddenKind

TINY_PT = 4.0
# A fill this light is unreadable on white paper; whether the paper under it is white is checked by rendering.
WHITE_LUMINANCE = 0.92
_INVISIBLE_MODES = (pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE, pdfium_c.FPDF_TEXTRENDERMODE_CLIP)
_STROKE_ONLY = (pdfium_c.FPDF_TEXTRENDERMODE_STROKE, pdfium_c.FPDF_TEXTRENDERMODE_STROKE_CLIP)
_CHECK_EVERY = 4096
# pdfium marks a hyphen it found at a line end with U+FFFE; U+0002 is the same in older builds.
_HYPHENS = {0xFFFE: "-", 0x0002: "-"}


@dataclass(slots=True)
class Glyph:
    char: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    hidden: HiddenKind | None = None
    space_before: bool = False
    break_before: bool = False
    suspect: bool = False  # white or invisible: hidden unless the page shows something under it


@dataclass(frozen=True, slots=True)
class _Style:
    size: float
    light: bool
    invisible: bool


def read_glyphs(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, deadline: Deadline) -> list[Glyph]:
    """Visible-order characters of a page; generated spaces and line breaks become flags on the next glyph."""
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    left, bottom, right, top = page.get_bbox()
    styles: dict[int | None, _Style] = {}
    reader = _StyleReader(raw)
    rect = pdfium_c.FS_RECTF()
    glyphs: list[Glyph] = []
    space = False
    brk = False
    for index in range(max(count, 0)):
        if index % _CHECK_EVERY == 0:
            deadline.check()
        code = pdfium_c.FPDFText_GetUnicode(raw, index)
        char = _HYPHENS.get(code) or (chr(code) if code < 0x110000 else "\ufffd")
        if char in "\r\n":
            brk = True
            continue
        if char.isspace():
            space = True
            continue
        if not pdfium_c.FPDFText_GetLooseCharBox(raw, index, rect):
            continue
        obj = pdfium_c.FPDFText_GetTextObject(raw, index)
        key = ctypes.addressof(obj.contents) if obj else None
        style = styles.get(key)
        if style is None:
            style = styles[key] = reader.read(index, obj)
        glyph = Glyph(char, rect.left, rect.bottom, rect.right, rect.top, style.size, None, space, brk)
        space = brk = False
        if rect.right < left - 1 or rect.left > right + 1 or rect.top < bottom - 1 or rect.bottom > top + 1:
            glyph.hidden = "offpage"
        elif style.size < TINY_PT:
            glyph.hidden = "tiny_text"
        elif style.invisible:
            glyph.hidden, glyph.suspect = "invisible", True
        elif style.light:
            glyph.hidden, glyph.suspect = "white_text", True
        glyphs.append(glyph)
    return glyphs


class _StyleReader:
    """Style facts of a character's text object; ctypes buffers are allocated once per page, not per call."""

    def __init__(self, raw: pdfium_c.FPDF_TEXTPAGE) -> None:
        self.raw = raw
        self.matrix = pdfium_c.FS_MATRIX()
        self.rgba = (ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint())

    def read(self, index: int, obj: pdfium_c.FPDF_PAGEOBJECT) -> _Style:
        # The font size pdfium reports ignores the text matrix; many producers write `1 Tf` and scale by the matrix.
        matrix = self.matrix
        scale = 1.0
        if pdfium_c.FPDFText_GetMatrix(self.raw, index, matrix):
            scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
        size = pdfium_c.FPDFText_GetFontSize(self.raw, index) * scale
        red, green, blue, alpha = self.rgba
        light = transparent = False
        if pdfium_c.FPDFText_GetFillColor(self.raw, index, red, green, blue, alpha):
            luminance = (0.2126 * red.value + 0.7152 * green.value + 0.0722 * blue.value) / 255.0
            light = luminance >= WHITE_LUMINANCE
            transparent = alpha.value == 0
        mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj) if obj else pdfium_c.FPDF_TEXTRENDERMODE_FILL
        if mode in _STROKE_ONLY:
            light = False
        return _Style(size=size, light=light, invisible=transparent or mode in _INVISIBLE_MODES)


@dataclass(frozen=True, slots=True)
class PageObjects:
    images: list[tuple[float, float, float, float]]
    paths: int


def page_objects(page: pdfium.PdfPage, limit: int = 20000) -> PageObjects:
    """Bounds of image objects and the number of vector paths (text drawn as outlines needs OCR too)."""
    images: list[tuple[float, float, float, float]] = []
    paths = 0
    left, bottom, right, top = (ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float())
    # (container, is form) pairs; raw calls: the helper objects cost ~5 us each on pages with 10k objects
    pending: list[tuple[object, bool, int]] = [(page.raw, False, 0)]
    seen = 0
    while pending and seen < limit:
        container, is_form, depth = pending.pop()
        count = (pdfium_c.FPDFFormObj_CountObjects if is_form else pdfium_c.FPDFPage_CountObjects)(container)
        get = pdfium_c.FPDFFormObj_GetObject if is_form else pdfium_c.FPDFPage_GetObject
        for index in range(max(0, min(count, limit - seen))):
            seen += 1
            obj = get(container, index)
            if not obj:
                continue
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                if pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
                    images.append((left.value, bottom.value, right.value, top.value))
            elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                paths += 1
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 3:
                pending.append((obj, True, depth + 1))
    return PageObjects(images, paths)
