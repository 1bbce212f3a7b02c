"""Score one candidate against one job: features → ONNX ranker → score, contributions and skill gaps.

What a ranking records comes from here: the score with per-feature contributions (they add up to the
score minus `baseline`), the skills met and missing, the model and feature-spec versions, and a sha256
of the exact inputs (requirements, blind profile, assessment results, model) so any score can be
reproduced and audited.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from talent.assessment import GapReport, GapStatus, gap_report
from talent.contracts.events import SkillScore
from talent.features.compute import CandidateView, JobView
from talent.features.featurizer import Featurizer
from talent.profile.models import ResumeProfile
from talent.ranking.ranker import OnnxRanker


@dataclass(frozen=True)
class ScreeningScore:
    score: float
    baseline: float
    contributions: dict[str, float]
    features: dict[str, float]
    gaps: GapReport
    matched_skills: list[str]
    missing_skills: list[str]
    model_version: str
    feature_spec_version: str
    input_sha256: str


def _highest_level(profile: ResumeProfile) -> str | None:
    order = ["none", "high_school", "associate", "bachelor", "master", "doctorate"]
    levels = [e.level for e in profile.education if e.level in order]
    return max(levels, key=order.index) if levels else None


class ScreeningModel:
    def __init__(self, featurizer: Featurizer, ranker: OnnxRanker) -> None:
        ranker.spec.require(featurizer.spec.sha256, featurizer.spec.version, "the featurizer")
        self.featurizer = featurizer
        self.ranker = ranker

    def job(self, text: str, title: str | None = None) -> JobView:
        return self.featurizer.job(self.featurizer.parse_job(text, title), text)

    def score(self, job: JobView, profile: ResumeProfile, assessments: Sequence[SkillScore] = ()) -> ScreeningScore:
        return self.score_many(job, [(profile, assessments)])[0]

    def score_many(
        self, job: JobView, candidates: Sequence[tuple[ResumeProfile, Sequence[SkillScore]]]
    ) -> list[ScreeningScore]:
        return self.score_views(job, [(self.featurizer.candidate(p), assessments) for p, assessments in candidates])

    def score_views(
        self, job: JobView, candidates: Sequence[tuple[CandidateView, Sequence[SkillScore]]]
    ) -> list[ScreeningScore]:
        """`score_many` for candidates already embedded (`featurizer.candidate`): one resume against many jobs
        is embedded once."""
        rows, prepared = [], []
        for view, assessments in candidates:
            proficiencies = self.featurizer.proficiencies(view, assessments)
            rows.append(self.featurizer.values(job, view, proficiencies))
            gaps = gap_report(
                job.requirements,
                proficiencies,
                candidate_months=view.profile.total_experience_months or None,
                candidate_education_level=_highest_level(view.profile),
            )
            prepared.append((view.profile, assessments, gaps))
        scored = self.ranker.score(rows)
        return [
            self._result(job, profile, assessments, gaps, values, s.score, s.contributions)
            for (profile, assessments, gaps), values, s in zip(prepared, rows, scored, strict=True)
        ]

    def _result(
        self,
        job: JobView,
        blind: ResumeProfile,
        assessments: Sequence[SkillScore],
        gaps: GapReport,
        values: dict[str, float],
        score: float,
        contributions: dict[str, float],
    ) -> ScreeningScore:
        skills = [g for g in gaps.items if g.kind == "skill"]
        inputs = {
            "requirements": job.requirements.model_dump(mode="json"),
            "profile": blind.model_dump(mode="json"),
            "assessments": [a.model_dump(mode="json") for a in assessments],
            "model": self.ranker.version,
            "feature_spec": self.featurizer.spec.sha256,
        }
        digest = hashlib.sha256(json.dumps(inputs, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
        return ScreeningScore(
            score=score,
            baseline=self.ranker.baseline,
            contributions=contributions,
            features=values,
            gaps=gaps,
            matched_skills=[g.label for g in skills if g.status is not GapStatus.MISSING],
            missing_skills=[g.label for g in skills if g.status is GapStatus.MISSING],
            model_version=self.ranker.version,
            feature_spec_version=self.featurizer.spec.version,
            input_sha256=digest,
        )


@cache
def load_screening_model(models: Path | None = None) -> ScreeningModel:
    """Encoder, taxonomy, classifier and ranker from `make models` artifacts, once per process."""
    from talent.data_paths import MODELS_DIR as MODELS
    from talent.ranking.featurizer_from_models import load_featurizer

    root = models or MODELS
    featurizer = load_featurizer(root)
    return ScreeningModel(featurizer, OnnxRanker.load(root / "ranker", featurizer.spec))
