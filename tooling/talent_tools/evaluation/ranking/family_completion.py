"""`family_match` filled in after the fact, as the benchmark's `complete` stage does.

The fit suite's tables are built without the job-family classifier (every other feature needs only the
encoder, taxonomy and term weights), keeping what the classifier reads for each job and resume: the text it
reads and its `family_input` row. Once a classifier exists, `family_match` of a pair is the product of the
two probability vectors (`talent.features.compute.family_match`), so a new classifier costs one pass over the
jobs and resumes, not a rebuild.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from talent.features.compute import CandidateView, FamilyClassifier, JobView, family_input
from talent_tools.ranking.benchmark import pack_texts, stored_texts

COLUMN = "family_match"


def inputs(name: str, views: Sequence[JobView | CandidateView]) -> dict[str, npt.NDArray[Any]]:
    """What the classifier reads for each view, under `<name>_family_inputs` and `<name>_text_*`."""
    rows = [family_input(v.text, v.head) for v in views]
    width = rows[0].shape[1] if rows else 0
    return {
        f"{name}_family_inputs": np.concatenate(rows) if rows else np.zeros((0, width), np.float32),
        **pack_texts(name, [v.described for v in views]),
    }


def probabilities(arrays: dict[str, npt.NDArray[Any]], name: str, classify: FamilyClassifier) -> npt.NDArray[Any]:
    rows = arrays[f"{name}_family_inputs"]
    if rows.shape[0] == 0:
        return np.zeros((0, 0), dtype=np.float32)
    return classify(stored_texts(arrays, name), rows)


def column(feature_names: Sequence[str]) -> int | None:
    names = [str(n) for n in feature_names]
    return names.index(COLUMN) if COLUMN in names else None


def require_finite(features: npt.NDArray[np.floating], feature_names: Sequence[str], origin: str) -> None:
    bad = ~np.isfinite(features.reshape(-1, features.shape[-1])).all(axis=0)
    if bad.any():
        missing = [str(n) for n, b in zip(feature_names, bad, strict=True) if b]
        raise ValueError(f"{origin}: features {missing} are NaN after completion")
