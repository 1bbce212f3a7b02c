"""Walk WordprocessingML (body, header, footer, table cell, text box) into lines, setting hidden runs aside."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from talent.documents.budget import Deadline
from talent.documents.docx_numbering import Bullets
from talent.documents.docx_styles import DARK_LUMINANCE, StyleSheet, W, is_dark_fill, luminance
from talent.documents.models import HiddenKind, HiddenText

MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
V = "{urn:schemas-microsoft-com:vml}"
_LIGHT_SCHEME = {"bg1", "lt1", "bg2", "lt2"}
MAX_DEPTH = 40
_CHECK_EVERY = 200
# Containers whose children are read as if they stood in the parent (content controls, custom XML, tracked insertions).
_TRANSPARENT = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}moveTo", f"{W}smartTag"}
# Deleted or moved-away text, properties, and field instructions are never part of the visible text.
_SKIP = {f"{W}pPr", f"{W}rPr", f"{W}del", f"{W}moveFrom", f"{W}sdtPr", f"{W}sdtEndPr", f"{MC}Fallback", f"{W}tblPr"}
_CHARS = {f"{W}tab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}


class Walker:
    def __init__(self, styles: StyleSheet, deadline: Deadline, bullets: Bullets | None = None) -> None:
        self.styles = styles
        self.bullets = bullets
        self.deadline = deadline
        self.hidden: list[HiddenText] = []
        self.warnings: list[str] = []
        self._paragraphs = 0

    def blocks(self, container: Any) -> str:
        return "\n".join(self._lines(container, dark=False, depth=0)).strip("\n")

    def _lines(self, container: Any, dark: bool, depth: int) -> list[str]:
        lines: list[str] = []
        if depth > MAX_DEPTH:
            if not self.warnings or "nested" not in self.warnings[-1]:
                self.warnings.append(f"content nested deeper than {MAX_DEPTH} levels was skipped")
            return lines
        for child in _children(container):
            if child.tag == f"{W}p":
                lines.extend(self._paragraph(child, dark, depth))
            elif child.tag == f"{W}tbl":
                lines.extend(["", *self._table(child, dark, depth + 1), ""])
        return lines

    def _paragraph(self, paragraph: Any, dark: bool, depth: int) -> list[str]:
        self._paragraphs += 1
        if self._paragraphs % _CHECK_EVERY == 0:
            self.deadline.check()
        ppr = paragraph.find(f"{W}pPr")
        style = None
        if ppr is not None:
            found = ppr.find(f"{W}pStyle")
            style = None if found is None else found.get(f"{W}val")
        dark = dark or is_dark_fill(ppr)
        parts: list[str] = [self.bullets.prefix(ppr, style)] if self.bullets is not None else []
        boxes: list[str] = []
        hidden: list[tuple[HiddenKind, str]] = []
        stack = list(reversed(paragraph))
        while stack:
            element = stack.pop()
            tag = element.tag
            if tag == f"{W}r":
                text, anchored = self._run_text(element, dark, depth)
                boxes.extend(anchored)
                kind = self.styles.hidden_kind(self.styles.effective(element.find(f"{W}rPr"), style), dark)
                if kind is None:
                    parts.append(text)
                elif hidden and hidden[-1][0] == kind:
                    hidden[-1] = (kind, hidden[-1][1] + text)
                else:
                    hidden.append((kind, text))
            elif tag not in _SKIP and isinstance(tag, str):
                stack.extend(reversed(element))
        self.hidden.extend(HiddenText(kind=k, text=" ".join(t.split())) for k, t in hidden if t.strip())
        return [*"".join(parts).split("\n"), *boxes]

    def _run_text(self, run: Any, dark: bool, depth: int) -> tuple[str, list[str]]:
        out: list[str] = []
        boxes: list[str] = []
        for child in run:
            tag = child.tag
            if tag == f"{W}t":
                out.append(child.text or "")
            elif tag in _CHARS:
                out.append(_CHARS[tag])
            elif tag in (f"{W}drawing", f"{W}pict", f"{W}object", f"{MC}AlternateContent"):
                for box in _text_boxes(child):
                    boxes.extend(["", *self._lines(box, dark or _filled_dark(box), depth + 1)])
        return "".join(out), boxes

    def _table(self, table: Any, dark: bool, depth: int) -> list[str]:
        lines: list[str] = []
        for row in _children(table):
            if row.tag != f"{W}tr":
                continue
            cells = []
            for cell in _children(row):
                if cell.tag == f"{W}tc":
                    shaded = dark or is_dark_fill(cell.find(f"{W}tcPr"))
                    cells.append([line for line in self._lines(cell, shaded, depth) if line.strip()])
            cells = [cell for cell in cells if cell]
            if all(len(cell) == 1 for cell in cells):
                lines.append(" | ".join(cell[0].strip() for cell in cells))
            else:
                for cell in cells:
                    lines.extend([*cell, ""])
        return lines


def _children(element: Any) -> Iterator[Any]:
    """Children, looking through content controls and markup-compatibility wrappers (first mc:Choice only)."""
    stack = list(reversed(element))
    while stack:
        child = stack.pop()
        tag = child.tag
        if not isinstance(tag, str):
            continue  # comments and processing instructions
        if tag in _TRANSPARENT:
            stack.extend(reversed(child))
        elif tag == f"{MC}AlternateContent":
            chosen = child.find(f"{MC}Choice")
            if chosen is None:
                chosen = child.find(f"{MC}Fallback")
            stack.extend(reversed(chosen if chosen is not None else []))
        elif tag not in _SKIP:
            yield child


def _text_boxes(element: Any) -> Iterator[Any]:
    """w:txbxContent under a drawing, skipping mc:Fallback (it repeats the mc:Choice text box as VML)."""
    stack = [element]
    while stack:
        node = stack.pop()
        tag = node.tag
        if not isinstance(tag, str) or tag == f"{MC}Fallback":
            continue
        if tag == f"{W}txbxContent":
            yield node
        else:
            stack.extend(reversed(node))


def _filled_dark(text_box: Any) -> bool:
    """Whether the shape holding a text box is filled with a dark colour (DrawingML or VML)."""
    node = text_box.getparent()
    while node is not None:
        if node.tag == f"{WPS}wsp":
            fill = node.find(f"{WPS}spPr/{A}solidFill")
            if fill is None:
                return False
            rgb = fill.find(f"{A}srgbClr")
            if rgb is not None:
                light = luminance(rgb.get("val"))
                return light is not None and light < DARK_LUMINANCE
            scheme = fill.find(f"{A}schemeClr")
            return scheme is not None and scheme.get("val") not in _LIGHT_SCHEME
        if isinstance(node.tag, str) and node.tag.startswith(V) and node.get("fillcolor"):
            colour = node.get("fillcolor", "").lstrip("#").split(" ")[0]
            light = luminance(colour) if len(colour) == 6 else (0.0 if colour == "black" else None)
            return light is not None and light < DARK_LUMINANCE
        node = node.getparent()
    return False
