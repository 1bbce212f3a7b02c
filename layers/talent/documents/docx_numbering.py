"""Bullets of DOCX list paragraphs: Word draws them from numbering.xml, so they are not in the runs' text.

Only bullet formats are rendered ("• "), so a DOCX reads like the PDF Word exports from it; numbered lists
are left unnumbered (the numbers carry no meaning for screening).
"""

from __future__ import annotations

from typing import Any

from talent.documents.docx_styles import W

BULLET = "\u2022 "


class Bullets:
    def __init__(self, numbering: Any, styles: Any) -> None:
        self._bullet_levels: set[tuple[str, str]] = set()  # (numId, ilvl) whose format is a bullet
        self._style_numbering: dict[str, tuple[str, str]] = {}
        if numbering is not None:
            self._read_numbering(numbering)
        if styles is not None:
            for style in styles.iterfind(f"{W}style"):
                num = style.find(f"{W}pPr/{W}numPr")
                if num is not None and style.get(f"{W}styleId"):
                    self._style_numbering[style.get(f"{W}styleId")] = _ids(num)

    def _read_numbering(self, numbering: Any) -> None:
        bullets: dict[str, set[str]] = {}
        for abstract in numbering.iterfind(f"{W}abstractNum"):
            levels = set()
            for level in abstract.iterfind(f"{W}lvl"):
                fmt = level.find(f"{W}numFmt")
                if fmt is not None and fmt.get(f"{W}val") == "bullet":
                    levels.add(level.get(f"{W}ilvl", "0"))
            bullets[abstract.get(f"{W}abstractNumId", "")] = levels
        for num in numbering.iterfind(f"{W}num"):
            abstract = num.find(f"{W}abstractNumId")
            if abstract is not None:
                for level in bullets.get(abstract.get(f"{W}val", ""), set()):
                    self._bullet_levels.add((num.get(f"{W}numId", ""), level))

    def prefix(self, ppr: Any, style: str | None) -> str:
        num = None if ppr is None else ppr.find(f"{W}numPr")
        ids = _ids(num) if num is not None else self._style_numbering.get(style or "")
        return BULLET if ids is not None and ids in self._bullet_levels else ""


def _ids(num: Any) -> tuple[str, str]:
    num_id = num.find(f"{W}numId")
    level = num.find(f"{W}ilvl")
    return (
        "" if num_id is None else num_id.get(f"{W}val", ""),
        "0" if level is None else level.get(f"{W}val", "0"),
    )
