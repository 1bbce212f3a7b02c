"""Term weights: the vocabulary of work (idf from a fixed corpus) and sublinear TF-IDF vectors of texts.

What a keyword screen sees, as a feature beside the encoder's: the words a posting asks for and a resume
names. The idf comes from a fixed corpus (`talent_tools.ranking.term_corpus` builds it: the training resumes and
O*NET's occupations), not from the texts being scored, so one pair's value never depends on which other
candidates or postings are scored with it. Terms outside the vocabulary carry no weight.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from talent.data_paths import MODELS_DIR

TERM_WEIGHTS_PATH = MODELS_DIR / "lexical" / "term_weights.json.gz"
_TOKEN = re.compile(r"[a-z0-9][a-z0-9+#.]*[a-z0-9+#]|[a-z0-9]")

TermVector = dict[str, float]


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens that keep the shapes of tool names (c++, c#, .net, node.js)."""
    return _TOKEN.findall(text.lower())


class TermWeightsError(ValueError):
    """The term-weights file is missing, altered or malformed; the message says which."""


@dataclass(frozen=True)
class TermWeights:
    idf: dict[str, float]
    sha256: str

    @classmethod
    def load(cls, path: Path = TERM_WEIGHTS_PATH) -> TermWeights:
        if not path.is_file():
            raise TermWeightsError(f"{path} not found: build it with `python -m talent_tools.ranking.term_corpus`")
        raw = path.read_bytes()
        try:
            document = json.loads(gzip.decompress(raw))
            idf = {str(t): float(w) for t, w in document["idf"].items()}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise TermWeightsError(f"{path}: not a term-weights file ({exc})") from exc
        if not idf or not all(math.isfinite(w) and w > 0 for w in idf.values()):
            raise TermWeightsError(f"{path}: empty, or a weight is not a positive number")
        return cls(idf=idf, sha256=hashlib.sha256(raw).hexdigest())

    def vector(self, text: str) -> TermVector:
        """L2-normalised (1 + ln tf) * idf over the vocabulary's terms; empty when none occurs."""
        counts = Counter(t for t in tokens(text) if t in self.idf)
        weights = {t: (1.0 + math.log(c)) * self.idf[t] for t, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {t: w / norm for t, w in weights.items()} if norm else {}


def cosine(a: TermVector, b: TermVector) -> float:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return sum(w * large.get(t, 0.0) for t, w in small.items())


def covered(wanted: TermVector, have: TermVector) -> float:
    """The weighted share of `wanted`'s terms that occur in `have` (0 when nothing is wanted)."""
    total = sum(wanted.values())
    return sum(w for t, w in wanted.items() if t in have) / total if total else 0.0
