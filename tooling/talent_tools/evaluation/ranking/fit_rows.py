"""The occupation-level and resume-centric rows, for any scorer given as a [postings, resumes] matrix.

Occupation level, within families: each posting against the held-out resumes filed under the posting's
family only (so `family_match` cannot separate them), graded by the SOC tree (`relevance`: 4 same
occupation ... 0); NDCG@10 and MAP (relevant: same minor group) per posting, mean over postings with at least
one resume of grade 2 or more and not all of one grade. Resume-centric fit AUC: each held-out resume against
every real posting, fit = same minor group (or same major group), AUC per resume, mean over resumes with
fit and unfit postings.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from talent_tools.evaluation.ranking.fit_table import FitTable
from talent_tools.evaluation.ranking.occupations import relevance
from talent_tools.ranking.metrics import average_precision, ndcg_at, roc_auc

Scores = npt.NDArray[np.floating]


@dataclass(frozen=True)
class RankingResult:
    ndcg_at_10: float
    map: float
    queries: int
    per_query: list[float]
    """NDCG@10 per posting, for the plots."""


@dataclass(frozen=True)
class AucResult:
    auc: float
    resumes: int
    per_resume: list[float]


def grades(table: FitTable) -> npt.NDArray[np.int8]:
    return np.asarray(
        [[relevance(p, r) for r in table.resume_codes] for p in table.posting_codes], dtype=np.int8
    ).reshape(len(table.posting_codes), len(table.resume_codes))


def occupation_level(table: FitTable, scores: Scores, postings: npt.NDArray[np.bool_]) -> RankingResult:
    graded = grades(table)
    families = np.asarray(table.resume_families)
    ndcg, ap = [], []
    for p in np.flatnonzero(postings):
        family = table.posting_families[p]
        pool = families == family
        g = graded[p, pool]
        if not family or not (g >= 2).any() or (g == g[0]).all():
            continue
        ndcg.append(ndcg_at(scores[p, pool], g, 10))
        ap.append(average_precision(scores[p, pool], g >= 2))
    if not ndcg:
        return RankingResult(float("nan"), float("nan"), 0, [])
    return RankingResult(float(np.mean(ndcg)), float(np.mean(ap)), len(ndcg), ndcg)


def fit_auc(table: FitTable, scores: Scores, width: int = 5) -> AucResult:
    """`width` 5: fit = same minor group (xx-xx); 2: same major group (xx)."""
    real = table.real
    codes = [c[:width] for c in np.asarray(table.posting_codes)[real]]
    aucs = []
    for r, code in enumerate(table.resume_codes):
        fit = np.asarray([c == code[:width] for c in codes])
        if fit.all() or not fit.any():
            continue
        aucs.append(roc_auc(scores[real, r], fit, ~fit))
    return AucResult(float(np.mean(aucs)) if aucs else float("nan"), len(aucs), aucs)
