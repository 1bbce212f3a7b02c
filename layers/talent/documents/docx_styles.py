"""Effective run formatting in a DOCX (direct, character style, paragraph style, defaults) and hidden-run rules.

A run is hidden when it is w:vanish, when it is white or near-white with nothing dark behind it (run or
paragraph shading, highlight, a shaded table cell, a dark page background), or when it is under 4 pt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from talent.documents.models import HiddenKind

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TINY_HALF_POINTS = 8  # w:sz is in half-points: under 4 pt
WHITE_LUMINANCE = 0.92
DARK_LUMINANCE = 0.8
_OFF = {"0", "false", "off"}
_MAX_STYLE_CHAIN = 20


@dataclass(frozen=True)
class RunFormat:
    vanish: bool | None = None
    color: str | None = None
    half_points: int | None = None
    shaded: bool | None = None

    def over(self, base: RunFormat) -> RunFormat:
        """This format with unset properties taken from `base`."""
        return RunFormat(
            vanish=base.vanish if self.vanish is None else self.vanish,
            color=base.color if self.color is None else self.color,
            half_points=base.half_points if self.half_points is None else self.half_points,
            shaded=base.shaded if self.shaded is None else self.shaded,
        )


def luminance(hex_color: str | None) -> float | None:
    if not hex_color or len(hex_color) != 6:
        return None
    try:
        red, green, blue = (int(hex_color[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return None
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255.0


def is_dark_fill(element: Any) -> bool:
    """w:shd with a dark fill, or a highlight, under the element's properties."""
    if element is None:
        return False
    shade = element.find(f"{W}shd")
    if shade is not None:
        fill = luminance(shade.get(f"{W}fill"))
        if fill is not None and fill < DARK_LUMINANCE:
            return True
    highlight = element.find(f"{W}highlight")
    return highlight is not None and highlight.get(f"{W}val", "none") not in ("none", "white")


def read_format(rpr: Any) -> RunFormat:
    if rpr is None:
        return RunFormat()
    vanish = rpr.find(f"{W}vanish")
    color = rpr.find(f"{W}color")
    size = rpr.find(f"{W}sz")
    half_points = None
    if size is not None:
        try:
            half_points = int(float(size.get(f"{W}val", "")))
        except ValueError:
            half_points = None
    return RunFormat(
        vanish=None if vanish is None else vanish.get(f"{W}val", "true").lower() not in _OFF,
        color=None if color is None else color.get(f"{W}val", "").upper() or None,
        half_points=half_points,
        shaded=True if is_dark_fill(rpr) else None,
    )


class StyleSheet:
    """Run formats of the document's styles, resolved through w:basedOn once per style."""

    def __init__(self, styles_element: Any, page_dark: bool) -> None:
        self.page_dark = page_dark
        self._raw: dict[str, tuple[RunFormat, str | None]] = {}
        self._resolved: dict[str, RunFormat] = {}
        self.defaults = RunFormat()
        if styles_element is None:
            return
        default = styles_element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.defaults = read_format(default)
        for style in styles_element.iterfind(f"{W}style"):
            style_id = style.get(f"{W}styleId")
            if style_id:
                based = style.find(f"{W}basedOn")
                parent = None if based is None else based.get(f"{W}val")
                self._raw[style_id] = (read_format(style.find(f"{W}rPr")), parent)

    def style(self, style_id: str | None) -> RunFormat:
        if not style_id:
            return RunFormat()
        if style_id not in self._resolved:
            chain: list[RunFormat] = []
            current: str | None = style_id
            while current and current in self._raw and len(chain) < _MAX_STYLE_CHAIN:
                own, current = self._raw[current]
                chain.append(own)
            resolved = RunFormat()
            for own in chain:
                resolved = resolved.over(own)
            self._resolved[style_id] = resolved
        return self._resolved[style_id]

    def effective(self, rpr: Any, paragraph_style: str | None) -> RunFormat:
        run_style = None
        if rpr is not None:
            found = rpr.find(f"{W}rStyle")
            run_style = None if found is None else found.get(f"{W}val")
        return read_format(rpr).over(self.style(run_style)).over(self.style(paragraph_style)).over(self.defaults)

    def hidden_kind(self, fmt: RunFormat, dark_context: bool) -> HiddenKind | None:
        if fmt.vanish:
            return "vanish"
        if fmt.half_points is not None and fmt.half_points < TINY_HALF_POINTS:
            return "tiny_text"
        light = luminance(fmt.color)
        if light is not None and light >= WHITE_LUMINANCE and not (fmt.shaded or dark_context or self.page_dark):
            return "white_text"
        return None
