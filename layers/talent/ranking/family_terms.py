"""TF-IDF term vectors for the job-family classifier's kind `terms`: one function at training and at serving.

Two views of each text, each L2-normalised over the same vocabulary and side by side: the whole text, and its
first line. In a blind scoring text the first line is the headline (the title under the name) when the resume
has one, and in a posting it is the posting's title: the single most telling line, which the whole text's
vector dilutes among hundreds of words. Tokens are lower-cased runs of two or more word characters (what
scikit-learn's TfidfVectorizer does by default); term frequency is sublinear (1 + log tf) and idf smoothed,
ln((1 + n) / (1 + df)) + 1. The vocabulary and idf are fitted on the training split only (`TermVectors.fit`,
called by `talent_training.job_family.terms`) and stored in one small file, `terms.npz`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]
TOKEN = re.compile(r"\b\w\w+\b")
VIEWS = ("text", "first line")


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text.lower())


def first_line(text: str) -> str:
    return text.strip().split("\n", 1)[0]


class TermVectors:
    """texts → [N, 2 * len(terms)] float32: the whole text's TF-IDF vector, then its first line's."""

    def __init__(self, terms: Sequence[str], idf: FloatArray) -> None:
        if len(terms) != len(idf):
            raise ValueError(f"{len(terms)} terms but {len(idf)} idf weights")
        self.terms = list(terms)
        self.index = {term: i for i, term in enumerate(self.terms)}
        self.idf = np.asarray(idf, dtype=np.float32)
        self.width = 2 * len(self.terms)

    @classmethod
    def fit(cls, texts: Sequence[str], max_terms: int = 20_000, min_df: int = 2) -> TermVectors:
        """The `max_terms` most frequent terms found in at least `min_df` texts (one is a typo or a number)."""
        frequency: Counter[str] = Counter()
        for text in texts:
            frequency.update(set(tokens(text)))
        kept = sorted((t for t, df in frequency.items() if df >= min_df), key=lambda t: (-frequency[t], t))
        terms = sorted(kept[:max_terms])
        n = len(texts)
        idf = np.asarray([math.log((1 + n) / (1 + frequency[t])) + 1.0 for t in terms], dtype=np.float32)
        return cls(terms, idf)

    def __call__(self, texts: Sequence[str]) -> FloatArray:
        out = np.zeros((len(texts), self.width), dtype=np.float32)
        size = len(self.terms)
        for row, text in enumerate(texts):
            self._fill(out[row, :size], text)
            self._fill(out[row, size:], first_line(text))
        return out

    def _fill(self, row: FloatArray, text: str) -> None:
        counts = Counter(i for i in map(self.index.get, tokens(text)) if i is not None)
        if not counts:
            return  # no known term: a zero vector, which the head maps to its prior
        columns = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        frequency = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
        weights = (1.0 + np.log(frequency)) * self.idf[columns]
        row[columns] = weights / np.linalg.norm(weights)

    def save(self, path: Path) -> Path:
        """Terms as one UTF-8 blob joined by newlines (no term holds one), idf as float32: ~0.2 MB, read in ms."""
        blob = np.frombuffer("\n".join(self.terms).encode("utf-8"), dtype=np.uint8)
        with path.open("wb") as handle:  # np.savez on a path would append ".npz" to a name without it
            np.savez_compressed(handle, terms=blob, idf=self.idf)
        return path

    @classmethod
    def load(cls, path: Path) -> TermVectors:
        with np.load(path, allow_pickle=False) as data:
            terms = data["terms"].tobytes().decode("utf-8").split("\n") if data["terms"].size else []
            return cls(terms, data["idf"])
