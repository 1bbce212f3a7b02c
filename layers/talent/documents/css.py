"""The few inline-CSS facts that hide text: display, visibility, opacity, font size, colour, off-screen offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

WHITE_LUMINANCE = 0.92
DARK_LUMINANCE = 0.6
TINY_PT = 4.0
OFFSCREEN_PX = -999.0
_PT_PER = {"pt": 1.0, "px": 0.75, "pc": 12.0, "mm": 2.835, "cm": 28.35, "in": 72.0, "em": 12.0, "rem": 12.0, "%": 0.12}
_LENGTH = re.compile(r"^\s*(-?\d*\.?\d+)\s*(pt|px|pc|mm|cm|in|em|rem|%)?\s*(?:!important)?\s*$")
_HEX = re.compile(r"#([0-9a-f]{3}|[0-9a-f]{6})\b")
_NUM = r"(\d*\.?\d+%?)"
_RGB = re.compile(rf"rgba?\(\s*{_NUM}\s*[, ]\s*{_NUM}\s*[, ]\s*{_NUM}\s*(?:[,/]\s*{_NUM}\s*)?\)")
_NAMED = {
    "white": (255, 255, 255),
    "snow": (255, 250, 250),
    "ivory": (255, 255, 240),
    "ghostwhite": (248, 248, 255),
    "whitesmoke": (245, 245, 245),
    "black": (0, 0, 0),
    "navy": (0, 0, 128),
    "darkblue": (0, 0, 139),
    "darkslategray": (47, 79, 79),
    "darkslategrey": (47, 79, 79),
    "dimgray": (105, 105, 105),
    "dimgrey": (105, 105, 105),
    "maroon": (128, 0, 0),
    "darkgreen": (0, 100, 0),
    "purple": (128, 0, 128),
    "teal": (0, 128, 128),
}


@dataclass(frozen=True)
class Style:
    invisible: bool = False
    offscreen: bool = False
    tiny: bool = False
    white: bool = False
    dark_background: bool | None = None  # None: the element sets no background


def parse_style(style: str | None) -> Style:
    if not style:
        return Style()
    declarations: dict[str, str] = {}
    for part in style[:4000].split(";"):
        name, _, value = part.partition(":")
        if value:
            declarations[name.strip().lower()] = value.strip().lower()
    size = _points(declarations.get("font-size"))
    color = _luminance(declarations.get("color"))
    background = declarations.get("background-color") or declarations.get("background")
    background_light = _luminance(background)
    offsets = (_px(declarations.get(k)) for k in ("text-indent", "left", "top", "margin-left"))
    return Style(
        invisible=declarations.get("display", "").startswith("none")
        or declarations.get("visibility", "").startswith(("hidden", "collapse"))
        or _number(declarations.get("opacity")) == 0.0,
        offscreen=any(o is not None and o <= OFFSCREEN_PX for o in offsets),
        tiny=size is not None and size < TINY_PT,
        white=color is not None and color >= WHITE_LUMINANCE,
        dark_background=None if background_light is None else background_light < DARK_LUMINANCE,
    )


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    match = _LENGTH.match(value)
    return float(match.group(1)) if match else None


def _points(value: str | None) -> float | None:
    match = _LENGTH.match(value) if value else None
    if not match:
        return None
    return float(match.group(1)) * _PT_PER[match.group(2) or "px"]


def _px(value: str | None) -> float | None:
    match = _LENGTH.match(value) if value else None
    if not match:
        return None
    return float(match.group(1)) / _PT_PER["px"] * _PT_PER[match.group(2) or "px"]


def _luminance(value: str | None) -> float | None:
    if not value:
        return None
    rgb: tuple[float, float, float] | None = None
    hex_match = _HEX.search(value)
    rgb_match = _RGB.search(value)
    if hex_match:
        digits = hex_match.group(1)
        digits = "".join(c * 2 for c in digits) if len(digits) == 3 else digits
        rgb = (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))
    elif rgb_match:
        channels = [_channel(rgb_match.group(i)) for i in (1, 2, 3)]
        alpha = rgb_match.group(4)
        if alpha is not None and _channel(alpha, scale=1.0) == 0.0:
            return None  # fully transparent: says nothing about what shows
        rgb = (channels[0], channels[1], channels[2])
    else:
        for word in re.findall(r"[a-z]+", value):
            if word in _NAMED:
                rgb = _NAMED[word]
                break
    if rgb is None:
        return None
    return (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255.0


def _channel(token: str, scale: float = 255.0) -> float:
    if token.endswith("%"):
        return float(token[:-1]) / 100.0 * scale
    return float(token)
