"""The kind `terms`'s training data: the benchmark's stored blind texts and embeddings, split as the benchmark
splits them, plus the vocabulary and idf fitted on the training split only.

The training postings join the training resumes (labelled with their family), as for the embeddings kind;
validation chooses the epoch and the temperature; the test resumes are read by `talent eval classifier` only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from talent.ranking.family_terms import TermVectors
from talent_tools.ranking.benchmark import stored_texts
from talent_training.ranker.data import TrainingDataError

SPLITS = ("train", "val", "test")


@dataclass(frozen=True)
class Split:
    texts: list[str]
    embeddings: torch.Tensor
    labels: torch.Tensor


@dataclass(frozen=True)
class TermsData:
    families: list[str]
    splits: dict[str, Split]


def load_texts(path: Path) -> TermsData:
    if not path.is_file():
        raise TrainingDataError(f"{path} not found: build it with `python -m talent_tools.ranking.benchmark embed`")
    data = np.load(path)
    try:
        resume_texts, job_texts = stored_texts(data, "resume", path), stored_texts(data, "job", path)
    except ValueError as exc:
        raise TrainingDataError(str(exc)) from exc
    families = sorted(set(data["resume_families"].tolist()) | set(data["job_families"].tolist()))
    index = {f: i for i, f in enumerate(families)}
    splits = {}
    for split in SPLITS:
        rows = np.flatnonzero(data["resume_splits"] == split)
        texts = [resume_texts[i] for i in rows]
        inputs = [data["resume_inputs"][rows]]
        labels = [data["resume_families"][rows]]
        if split == "train":  # the training postings are labelled examples too; test postings never are
            jobs = np.flatnonzero(data["job_roles"] == "train")
            texts += [job_texts[i] for i in jobs]
            inputs.append(data["job_inputs"][jobs])
            labels.append(data["job_families"][jobs])
        splits[split] = Split(
            texts,
            torch.from_numpy(np.concatenate(inputs).astype(np.float32)),
            torch.tensor([index[f] for f in np.concatenate(labels)], dtype=torch.long),
        )
    if not splits["train"].texts or len(set(splits["train"].labels.tolist())) < 2:
        raise TrainingDataError(f"{path}: no labelled training resumes in at least two families")
    return TermsData(families, splits)


def fit_vocabulary(texts: Sequence[str], max_terms: int = 20_000, min_df: int = 2) -> TermVectors:
    return TermVectors.fit(texts, max_terms, min_df)


def sparse_rows(vectors: TermVectors, texts: Sequence[str], chunk: int = 256) -> torch.Tensor:
    """The texts' term vectors as one sparse COO tensor (built in dense chunks: [N, 25k] dense is ~0.2 GB)."""
    rows, columns, values = [], [], []
    for start in range(0, len(texts), chunk):
        dense = vectors(texts[start : start + chunk])
        r, c = np.nonzero(dense)
        rows.append(r + start)
        columns.append(c)
        values.append(dense[r, c])
    indices = np.vstack([np.concatenate(rows), np.concatenate(columns)]) if rows else np.zeros((2, 0))
    return torch.sparse_coo_tensor(
        torch.from_numpy(indices.astype(np.int64)),
        torch.from_numpy(np.concatenate(values) if values else np.zeros(0, dtype=np.float32)),
        (len(texts), vectors.width),
    ).coalesce()
