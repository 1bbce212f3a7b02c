"""Text folding shared by the taxonomy build and the matcher: one character in, one character out.

Folding keeps offsets stable so a match in the folded text maps straight back to the original: dashes,
quotes and whitespace variants become their ASCII form, letters are lower-cased where that keeps the
length, and runs of spaces collapse with an offset map (so "machine\\n  learning" still matches).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_ONE_FOR_ONE = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u00a0": " ",
        "\u200b": " ",
        "\t": " ",
        "\n": " ",
        "\r": " ",
        "\f": " ",
        "\v": " ",
    }
)
_SPACE_RUN = re.compile(r" {2,}")
_SLUG_DROP = re.compile(r"[^a-z0-9+#]+")


def _lower_same_length(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


@dataclass(frozen=True)
class FoldedText:
    """`text` is the folded form; `anchors` map folded offsets back to the original where spaces collapsed."""

    text: str
    folded_starts: tuple[int, ...]
    original_starts: tuple[int, ...]

    def original(self, index: int) -> int:
        """Original offset of folded offset `index` (a character position, not an exclusive end)."""
        if not self.folded_starts:
            return index
        slot = bisect.bisect_right(self.folded_starts, index) - 1
        if slot < 0:
            return index
        return self.original_starts[slot] + (index - self.folded_starts[slot])

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.original(start), self.original(end - 1) + 1


def fold(text: str) -> FoldedText:
    """Fold `text` for matching: ASCII punctuation, lower case, single spaces; offsets recoverable."""
    flat = _lower_same_length(text.translate(_ONE_FOR_ONE))
    if "  " not in flat:
        return FoldedText(flat, (), ())
    pieces: list[str] = []
    folded_starts: list[int] = []
    original_starts: list[int] = []
    cursor = 0
    folded_len = 0
    for run in _SPACE_RUN.finditer(flat):
        pieces.append(flat[cursor : run.start() + 1])
        folded_len += run.start() + 1 - cursor
        cursor = run.end()
        folded_starts.append(folded_len)
        original_starts.append(cursor)
    pieces.append(flat[cursor:])
    return FoldedText("".join(pieces), (0, *folded_starts), (0, *original_starts))


def normalise_alias(alias: str) -> str:
    """The key an alias is indexed under: folded, trimmed, single-spaced."""
    return fold(alias).text.strip()


def slug(name: str) -> str:
    """`onet:` ids: lower-case, runs of other characters become one dash ("C++" keeps its pluses)."""
    return _SLUG_DROP.sub("-", normalise_alias(name)).strip("-")
