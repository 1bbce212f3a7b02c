"""Training pairs from edited resumes: what a ranker must never do, shown to it while it learns.

The family benchmark grades whole resumes; nothing in it says that a resume with a required skill removed,
or with every line naming the job's skills and title removed, is a worse fit for that job. These pairs say
it: training resumes (never held-out ones) against the benchmark's O*NET training postings, edited by the
fit suite's own edits (`talent_tools.evaluation.ranking.sensitivity`), re-parsed and featurised as serving does.
Each case is one (better, worse) pair of feature rows for the same job.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from talent.features.compute import FamilyClassifier
from talent.features.featurizer import Featurizer
from talent_tools.evaluation.ranking import sensitivity
from talent_tools.evaluation.ranking.corpus import onet_postings

PREFIX = "case_"
# Kind → whether the edited resume is the better one (adding a skill, more years) or the worse (removals).
EDIT_IS_BETTER = {"remove_skill": False, "add_skill": True, "more_years": True, "weakened": False}


def build(
    featurizer: Featurizer, data_dir: Path, codes: list[str], per_kind: int, resumes: int
) -> dict[str, npt.NDArray[Any]]:
    postings = onet_postings(data_dir / "skills" / "onet", codes)
    sizes = sensitivity.SensitivitySizes(per_kind=per_kind, seed=29)
    cases = sensitivity.build(featurizer, data_dir, sizes, split="train", postings=postings, resumes=resumes)
    return {f"{PREFIX}{name}": values for name, values in cases.items()}


def complete(arrays: dict[str, npt.NDArray[Any]], classify: FamilyClassifier) -> dict[str, npt.NDArray[Any]]:
    """`family_match` of every case, from the classifier the ranker will be trained with."""
    cases = {k[len(PREFIX) :]: v for k, v in arrays.items() if k.startswith(PREFIX)}
    if "original" not in cases or not len(cases["original"]):
        return {}
    return {f"{PREFIX}{k}": v for k, v in sensitivity.complete(cases, classify).items()}


def better_worse(arrays: dict[str, npt.NDArray[Any]]) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
    """([K, F] better rows, [K, F] worse rows) of the completed cases; empty when the table has none."""
    if f"{PREFIX}original" not in arrays:
        return np.zeros((0, 0), np.float32), np.zeros((0, 0), np.float32)
    original, variant = arrays[f"{PREFIX}original"], arrays[f"{PREFIX}variant"]
    edit_better = np.asarray([EDIT_IS_BETTER[str(k)] for k in arrays[f"{PREFIX}kind"]], dtype=bool)
    better = np.where(edit_better[:, None], variant, original).astype(np.float32)
    worse = np.where(edit_better[:, None], original, variant).astype(np.float32)
    return better, worse
