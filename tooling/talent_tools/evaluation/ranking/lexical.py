"""TF-IDF cosine and BM25 as whole matrices (every posting against every resume at once).

The same tokens and formulas as `talent_tools.ranking.baselines` (which scores one query at a time in Python and
would take minutes for a thousand postings x a few hundred resumes); a unit test holds the two equal.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from talent_tools.ranking.baselines import tokens

FloatMatrix = npt.NDArray[np.float64]


def _counts(texts: Sequence[str]) -> list[Counter[str]]:
    return [Counter(tokens(t)) for t in texts]


def _dense(counts: Sequence[Counter[str]], vocabulary: dict[str, int], weights: dict[str, float]) -> FloatMatrix:
    out = np.zeros((len(counts), len(vocabulary)), dtype=np.float64)
    for row, doc in enumerate(counts):
        for term, count in doc.items():
            column = vocabulary.get(term)
            if column is not None:
                out[row, column] = count * weights[term]
    return out


def tfidf_matrix(rows: Sequence[str], columns: Sequence[str]) -> FloatMatrix:
    """Cosine of every row text and every column text in one TF-IDF space fitted on both sides (raw counts,
    smoothed idf = ln((1 + n) / (1 + df)) + 1, L2 norm): `tfidf_cosine(q, docs)` for one row."""
    left, right = _counts(rows), _counts(columns)
    df: Counter[str] = Counter()
    for doc in (*left, *right):
        df.update(doc.keys())
    n = len(left) + len(right)
    idf = {t: math.log((1 + n) / (1 + c)) + 1 for t, c in df.items()}

    def norms(docs: list[Counter[str]]) -> FloatMatrix:
        return np.asarray([math.sqrt(sum((c * idf[t]) ** 2 for t, c in d.items())) or 1.0 for d in docs])

    # Only terms on both sides move a dot product; the norms still count every term.
    shared = sorted({t for d in left for t in d} & {t for d in right for t in d})
    vocabulary = {t: i for i, t in enumerate(shared)}
    a = _dense(left, vocabulary, idf) / norms(left)[:, None]
    b = _dense(right, vocabulary, idf) / norms(right)[:, None]
    return a @ b.T


def bm25_matrix(queries: Sequence[str], documents: Sequence[str], k1: float = 1.5, b: float = 0.75) -> FloatMatrix:
    """Okapi BM25 of every query against every document, idf over the documents: `bm25(q, docs)` for one
    query (a query term counts once, however often the query repeats it)."""
    docs = _counts(documents)
    asked = [set(q) for q in _counts(queries)]
    df: Counter[str] = Counter()
    for doc in docs:
        df.update(doc.keys())
    n = len(docs)
    average = sum(sum(d.values()) for d in docs) / max(n, 1)
    terms = sorted(set().union(*asked) & set(df)) if asked else []
    vocabulary = {t: i for i, t in enumerate(terms)}
    idf = {t: math.log((n - df[t] + 0.5) / (df[t] + 0.5) + 1) for t in terms}
    weight = np.zeros((n, len(terms)), dtype=np.float64)
    for row, doc in enumerate(docs):
        norm = k1 * (1 - b + b * sum(doc.values()) / average)
        for term, count in doc.items():
            column = vocabulary.get(term)
            if column is not None:
                weight[row, column] = idf[term] * count * (k1 + 1) / (count + norm)
    indicator = np.zeros((len(asked), len(terms)), dtype=np.float64)
    for row, query in enumerate(asked):
        indicator[row, [vocabulary[t] for t in query if t in vocabulary]] = 1.0
    return indicator @ weight.T
