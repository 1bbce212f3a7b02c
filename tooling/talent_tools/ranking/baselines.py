"""Keyword baselines a screening tool is compared with: TF-IDF cosine and Okapi BM25 (standard formulas)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

_TOKEN = re.compile(r"[a-z0-9][a-z0-9+#.]*[a-z0-9+#]|[a-z0-9]")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def _document_frequency(docs: list[list[str]]) -> Counter[str]:
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(set(doc))
    return df


def tfidf_cosine(query: str, documents: Sequence[str]) -> npt.NDArray[np.float64]:
    """Cosine of the query and each document in TF-IDF space fitted on the documents and the query
    (raw counts, smoothed idf = ln((1 + n) / (1 + df)) + 1, L2 norm: scikit-learn's defaults)."""
    docs = [tokens(d) for d in documents]
    q = tokens(query)
    df = _document_frequency([*docs, q])
    n = len(docs) + 1
    idf = {t: math.log((1 + n) / (1 + c)) + 1 for t, c in df.items()}

    def vector(doc: list[str]) -> dict[str, float]:
        weights = {t: c * idf[t] for t, c in Counter(doc).items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}

    qv = vector(q)
    return np.asarray([sum(w * qv.get(t, 0.0) for t, w in vector(d).items()) for d in docs])


def bm25(query: str, documents: Sequence[str], k1: float = 1.5, b: float = 0.75) -> npt.NDArray[np.float64]:
    """Okapi BM25 of the query against each document (idf = ln((N - df + 0.5) / (df + 0.5) + 1))."""
    docs = [tokens(d) for d in documents]
    df = _document_frequency(docs)
    n = len(docs)
    average = sum(len(d) for d in docs) / max(n, 1)
    terms = set(tokens(query))
    idf = {t: math.log((n - df[t] + 0.5) / (df[t] + 0.5) + 1) for t in terms}
    scores = []
    for doc in docs:
        counts = Counter(doc)
        norm = k1 * (1 - b + b * len(doc) / average)
        scores.append(sum(idf[t] * counts[t] * (k1 + 1) / (counts[t] + norm) for t in terms if counts[t]))
    return np.asarray(scores, dtype=np.float64)
