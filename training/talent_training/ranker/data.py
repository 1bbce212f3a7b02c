"""The benchmark table (built by `python -m talent_tools.ranking.benchmark`) as tensors per split."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from talent_tools.ranking.metamorphic_pairs import better_worse


class TrainingDataError(ValueError):
    """The benchmark table cannot train a ranker; the message says why."""


@dataclass(frozen=True)
class Split:
    x: torch.Tensor  # [N, F] float32
    grade: torch.Tensor  # [N] int64
    job: torch.Tensor  # [N] int64 (query id)
    resume: torch.Tensor | None = None  # [N] int64, where the table has it: one resume against many postings

    @property
    def jobs(self) -> list[int]:
        return sorted(set(self.job.tolist()))

    @property
    def resumes(self) -> list[int]:
        return sorted(set(self.resume.tolist())) if self.resume is not None else []


@dataclass(frozen=True)
class Benchmark:
    feature_names: list[str]
    spec_sha256: str
    spec_version: str
    splits: dict[str, Split]
    better: torch.Tensor | None = None
    """[K, F] rows that must outscore `worse` (edited training resumes, `talent_tools.ranking.metamorphic_pairs`)."""
    worse: torch.Tensor | None = None


def load_benchmark(path: Path) -> Benchmark:
    if not path.is_file():
        raise TrainingDataError(f"{path} not found: build it with `python -m talent_tools.ranking.benchmark`")
    data = np.load(path)
    splits = {}
    for name in ("train", "val", "test"):
        rows = data["split"] == name
        splits[name] = Split(
            x=torch.from_numpy(data["features"][rows].astype(np.float32)),
            # Occupation-aware grades where the table has them (`benchmark.occupation_grades`), else family ones.
            grade=torch.from_numpy(data["train_grade" if "train_grade" in data else "grade"][rows].astype(np.int64)),
            job=torch.from_numpy(data["job"][rows].astype(np.int64)),
            resume=torch.from_numpy(data["resume"][rows].astype(np.int64)) if "resume" in data else None,
        )
    train = splits["train"]
    if train.x.shape[0] == 0:
        raise TrainingDataError(f"{path} has no training pairs")
    if not torch.isfinite(train.x).all():
        raise TrainingDataError(f"{path}: training features contain NaN or infinity")
    if len(set(train.grade.tolist())) < 2:
        raise TrainingDataError(f"{path}: every training pair has the same grade; nothing to rank")
    better, worse = better_worse(dict(data))
    return Benchmark(
        feature_names=[str(n) for n in data["feature_names"]],
        spec_sha256=str(data["spec_sha256"]),
        spec_version=str(data["spec_version"]),
        splits=splits,
        better=torch.from_numpy(better) if len(better) else None,
        worse=torch.from_numpy(worse) if len(worse) else None,
    )
