"""Crude word stems for comparing short skill phrases word by word ("debuggers" ~ "debugger", "using" ~ "use").

Shared by the taxonomy build (ESCO label splitting) and the linker (the lexical part of a link's score).
"""

from __future__ import annotations

import re

_IRREGULAR = {"using": "use", "used": "use", "uses": "use"}
_SUFFIXES = ("ing", "es", "ed", "s", "e")
_EDGE_PUNCTUATION = "(),.;:"
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#.\-/]*")
_FUNCTION = "of and to on the a an in for with at by from or as into about & - their its other related"
_FILLER = "skills skill experience knowledge ability strong good excellent solid proven software"
FUNCTION_WORDS = frozenset(_FUNCTION.split())
# Words a skill phrase wraps around the skill ("strong knowledge of X", "X skills"): never evidence of which.
FILLER_WORDS = frozenset(_FILLER.split())


def stem(word: str) -> str:
    lowered = word.lower().strip(_EDGE_PUNCTUATION)
    if lowered in _IRREGULAR:
        return _IRREGULAR[lowered]
    for suffix in _SUFFIXES:
        if lowered.endswith(suffix) and len(lowered) - len(suffix) >= 3:
            return lowered[: -len(suffix)]
    return lowered


def word_stems(text: str, *, drop_filler: bool = True) -> frozenset[str]:
    """Stems of the words of `text` other than function words (and filler words unless told otherwise)."""
    dropped = FUNCTION_WORDS | FILLER_WORDS if drop_filler else FUNCTION_WORDS
    return frozenset(stem(w) for w in _WORD.findall(text.rstrip(".")) if w.lower().strip(".") not in dropped)
