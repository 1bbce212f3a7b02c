"""The Screener the functions use: the ONNX screening model behind the domain's port, job views cached."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

from talent.contracts.events import SkillScore
from talent.domain.models import Job, ScoreResult
from talent.features.compute import JobView
from talent.profile.models import ResumeProfile
from talent.ranking.screening_model import ScreeningModel


def job_text(job: Job) -> str:
    return f"{job.title}\n\n{job.description}"


class OnnxScreener:
    """Implements Screener. A job's parsed requirements and embeddings are computed once per job version per
    execution environment (a warm function screens many applicants of the same job)."""

    def __init__(self, model: ScreeningModel, cached_jobs: int = 64) -> None:
        self.model = model
        self._jobs: OrderedDict[tuple[str, str, int], JobView] = OrderedDict()
        self._limit = cached_jobs

    def job_view(self, job: Job) -> JobView:
        key = (job.tenant, job.job_id, job.version)
        view = self._jobs.get(key)
        if view is None:
            view = self.model.job(job_text(job), job.title)
            self._jobs[key] = view
            if len(self._jobs) > self._limit:
                self._jobs.popitem(last=False)
        else:
            self._jobs.move_to_end(key)
        return view

    def screen(self, job: Job, profile: ResumeProfile, assessments: Sequence[SkillScore]) -> ScoreResult:
        scored = self.model.score(self.job_view(job), profile, assessments)
        return ScoreResult(
            score=scored.score,
            baseline=scored.baseline,
            contributions=scored.contributions,
            features=scored.features,
            matched_skills=scored.matched_skills,
            missing_skills=scored.missing_skills,
            gaps=scored.gaps.items,
            model_version=scored.model_version,
            feature_spec_version=scored.feature_spec_version,
            input_sha256=scored.input_sha256,
        )
