"""Job titles judged by people (../shared/data/jobs/job_titles_en, Avature, Apache-2.0): 105 query titles, each
ranked against 2,619 corpus titles; relevant = the adjudicated pairs of `annotations.tsv` (TREC qrels).

Methods: the ranker's title representation (the encoder on the title as `semantic_titles` reads it,
`neutral`), raw MiniLM cosine (the same encoder on the title as written), TF-IDF cosine and BM25 on the
title words. MAP and NDCG@10 (binary gains) per query, means over queries.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from talent.features.compute import TextEncoder
from talent.features.scoring_text import neutral
from talent_tools.evaluation.ranking.lexical import bm25_matrix, tfidf_matrix
from talent_tools.ranking.metrics import average_precision, ndcg_at

FOLDER = Path("jobs") / "job_titles_en"
METHODS = {
    "ranker": "ranker title features (encoder, normalised title)",
    "minilm": "MiniLM cosine (raw title)",
    "tfidf": "TF-IDF cosine (title words)",
    "bm25": "BM25 (title words)",
}


@dataclass(frozen=True)
class TitleSet:
    queries: list[tuple[str, str]]
    corpus: list[tuple[str, str]]
    relevant: dict[str, set[str]]


def _pairs(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [(row[0], row[1]) for row in csv.reader(handle, delimiter="\t") if len(row) >= 2]


def load_titles(data_dir: Path) -> TitleSet:
    folder = data_dir / FOLDER
    relevant: dict[str, set[str]] = defaultdict(set)
    with (folder / "annotations.tsv").open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if len(row) == 4 and row[3].strip() != "0":
                relevant[row[0]].add(row[2])
    return TitleSet(_pairs(folder / "queries.tsv"), _pairs(folder / "corpus_documents.tsv"), dict(relevant))


def score_matrices(titles: TitleSet, encoder: TextEncoder) -> dict[str, npt.NDArray[Any]]:
    """[queries, corpus] scores per method."""
    queries = [t for _, t in titles.queries]
    corpus = [t for _, t in titles.corpus]

    def cosine(left: list[str], right: list[str]) -> npt.NDArray[np.float32]:
        return np.asarray(encoder.encode(left) @ encoder.encode(right).T, dtype=np.float32)

    return {
        "ranker": cosine([neutral(t) for t in queries], [neutral(t) for t in corpus]),
        "minilm": cosine(queries, corpus),
        **score_matrices_lexical(titles),
    }


def score_matrices_lexical(titles: TitleSet) -> dict[str, npt.NDArray[Any]]:
    queries = [t for _, t in titles.queries]
    corpus = [t for _, t in titles.corpus]
    return {
        "tfidf": tfidf_matrix(queries, corpus).astype(np.float32),
        "bm25": bm25_matrix(queries, corpus).astype(np.float32),
    }


@dataclass(frozen=True)
class TitleResult:
    map: float
    ndcg_at_10: float
    queries: int


def evaluate(titles: TitleSet, scores: npt.NDArray[np.floating]) -> TitleResult:
    ids = np.asarray([i for i, _ in titles.corpus])
    ap, ndcg = [], []
    for q, (query, _) in enumerate(titles.queries):
        wanted = titles.relevant.get(query, set())
        keep = ids != query  # a title is not its own neighbour
        relevant = np.asarray([i in wanted for i in ids[keep]])
        if not relevant.any():
            continue
        ap.append(average_precision(scores[q, keep], relevant))
        ndcg.append(ndcg_at(scores[q, keep], relevant.astype(np.int8), 10))
    return TitleResult(float(np.mean(ap)), float(np.mean(ndcg)), len(ap))
