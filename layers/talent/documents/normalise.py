"""One whitespace and character convention for every format (see ExtractedDocument.text)."""

from __future__ import annotations

import re

_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}
# Symbol/Wingdings bullets that Word maps into the private use area.
_PUA_BULLETS = "\uf0b7\uf0a7\uf0a8\uf0d8\uf076\uf0fc\uf0d2\uf06c\uf06e\uf0a1"

_TABLE: dict[int, str | None] = {ord(k): v for k, v in _LIGATURES.items()}
_TABLE.update({ord(c): "\u2022" for c in _PUA_BULLETS})
_TABLE.update({c: None for c in range(0xE000, 0xF900) if chr(c) not in _PUA_BULLETS})
_TABLE.update(dict.fromkeys((9, 160, 5760, 8239, 8287, 12288, *range(8192, 8203)), " "))
_TABLE.update(dict.fromkeys((173, 8203, 8204, 8205, 8288, 65279, 65534, 65535)))
_TABLE.update(dict.fromkeys((11, 133, 8232, 8233), "\n"))
_TABLE.update({c: None for c in range(32) if c not in (0x09, 0x0A, 0x0B, 0x0C)})
_TABLE.update({c: None for c in range(0x7F, 0xA0) if c != 0x85})
_TABLE.update(dict.fromkeys(range(55296, 57344)))

_SPACES = re.compile(r" {2,}")


def clean_text(text: str) -> str:
    """Normalise line ends, spaces and odd code points; keep "\\f" page breaks and single blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_TABLE)
    return "\f".join(_clean_page(page) for page in text.split("\f"))


def _clean_page(page: str) -> str:
    lines: list[str] = []
    for raw in page.split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if line or (lines and lines[-1]):
            lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)
