"""Baselines `talent eval classifier` prints beside the served job-family classifier (evaluation only).

Multinomial logistic regression, fitted here in numpy (the serving venv has no scikit-learn), on the same
training rows as the classifier (training resumes plus training postings), its L2 strength chosen on the
validation resumes, probabilities uncalibrated: what a team would try first.
- `minilm_first_window`: the encoder's embedding of the text's first window (the second half of a
  `family_input` row), i.e. a plain MiniLM embedding of the first 256 word pieces;
- `tfidf`: TF-IDF of the whole text (word unigrams, sublinear tf, vocabulary fitted on the training split).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from talent.ranking.family_terms import TermVectors
from talent_tools.ranking.benchmark import stored_texts

FloatArray = npt.NDArray[np.float32]
L2_GRID = (1e-5, 1e-4, 1e-3)


@dataclass(frozen=True)
class Rows:
    x: dict[str, FloatArray]
    y: dict[str, npt.NDArray[np.int64]]


def _softmax(z: FloatArray) -> FloatArray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float32)


def fit_logistic(
    x: FloatArray, y: npt.NDArray[np.int64], classes: int, l2: float, steps: int = 300, lr: float = 0.05
) -> Callable[[FloatArray], FloatArray]:
    """Full-batch Adam on mean cross-entropy + l2 * |W|^2; returns rows → probabilities."""
    weight = np.zeros((x.shape[1], classes), dtype=np.float32)
    bias = np.zeros(classes, dtype=np.float32)
    onehot = np.eye(classes, dtype=np.float32)[y]
    moments = [np.zeros_like(weight), np.zeros_like(weight), np.zeros_like(bias), np.zeros_like(bias)]
    for step in range(1, steps + 1):
        error = (_softmax(x @ weight + bias) - onehot) / len(x)
        grads = (x.T @ error + 2 * l2 * weight, error.sum(axis=0))
        for k, (param, grad) in enumerate(zip((weight, bias), grads, strict=True)):
            m, v = moments[2 * k], moments[2 * k + 1]
            m[:] = 0.9 * m + 0.1 * grad
            v[:] = 0.999 * v + 0.001 * grad * grad
            param -= lr * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return lambda rows: _softmax(rows @ weight + bias)


def chosen_on_validation(rows: Rows, classes: int) -> FloatArray:
    """Test-split probabilities of the L2 strength with the best validation top-1."""
    best: tuple[float, Callable[[FloatArray], FloatArray] | None] = (-1.0, None)
    for l2 in L2_GRID:
        predict = fit_logistic(rows.x["train"], rows.y["train"], classes, l2)
        top1 = float((predict(rows.x["val"]).argmax(axis=1) == rows.y["val"]).mean())
        if top1 > best[0]:
            best = (top1, predict)
    assert best[1] is not None
    return best[1](rows.x["test"])


def split_rows(
    data: Mapping[str, npt.NDArray[Any]], families: Sequence[str], represent: Callable[[str, list[int]], FloatArray]
) -> Rows:
    """`represent(kind, indices)` → the rows of resumes or jobs; the split is the benchmark's."""
    index = {f: i for i, f in enumerate(families)}
    x, y = {}, {}
    for split in ("train", "val", "test"):
        resumes = np.flatnonzero(data["resume_splits"] == split).tolist()
        parts, labels = [represent("resume", resumes)], [data["resume_families"][resumes]]
        if split == "train":  # the training postings, as the classifier has them
            jobs = np.flatnonzero(data["job_roles"] == "train").tolist()
            parts.append(represent("job", jobs))
            labels.append(data["job_families"][jobs])
        x[split] = np.concatenate(parts).astype(np.float32)
        y[split] = np.asarray([index[f] for f in np.concatenate(labels)], dtype=np.int64)
    return Rows(x, y)


def baseline_probabilities(data: Mapping[str, npt.NDArray[Any]], families: Sequence[str]) -> dict[str, FloatArray]:
    """Each baseline's probabilities on the test resumes, in the benchmark's order."""
    texts = {kind: stored_texts(data, kind) for kind in ("resume", "job")}
    half = data["resume_inputs"].shape[1] // 2

    def first_window(kind: str, rows: list[int]) -> FloatArray:
        return np.asarray(data[f"{kind}_inputs"][rows, half:], dtype=np.float32)

    train = [texts["resume"][i] for i in np.flatnonzero(data["resume_splits"] == "train")]
    train += [texts["job"][i] for i in np.flatnonzero(data["job_roles"] == "train")]
    vectors = TermVectors.fit(train)  # the classifier's vocabulary rule

    def tfidf(kind: str, rows: list[int]) -> FloatArray:
        return vectors([texts[kind][i] for i in rows])[:, : len(vectors.terms)]

    return {
        "MiniLM first window + logistic regression": chosen_on_validation(
            split_rows(data, families, first_window), len(families)
        ),
        "TF-IDF (whole text) + logistic regression": chosen_on_validation(
            split_rows(data, families, tfidf), len(families)
        ),
    }
