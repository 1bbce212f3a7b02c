"""Everything a feature needs, loaded once: encoder (with a label cache), skill extractor, taxonomy lookup,
job-family classifier."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from talent.assessment import TaxonomyLookup, assess
from talent.assessment.models import SkillProficiency
from talent.contracts.events import SkillScore
from talent.features.compute import (
    CandidateView,
    FamilyClassifier,
    JobView,
    LabelVectors,
    TextEncoder,
    candidate_view,
    features,
    job_view,
)
from talent.features.lexical import TERM_WEIGHTS_PATH, TermWeights
from talent.features.spec import FeatureSpec
from talent.jobs.models import JobRequirements
from talent.jobs.parse import SkillFinder, parse_job
from talent.profile.models import ResumeProfile
from talent.profile.parse import parse_resume


class Featurizer:
    def __init__(
        self,
        encoder: TextEncoder,
        extractor: SkillFinder,
        lookup: TaxonomyLookup,
        spec: FeatureSpec | None = None,
        classify: FamilyClassifier | None = None,
        weights: TermWeights | None = None,
        job_extractor: SkillFinder | None = None,
    ) -> None:
        """Without `classify`, `family_match` is NaN: enough to build the classifier's own training data.
        `job_extractor` reads postings (default: `extractor`, which reads resumes)."""
        self.spec = spec or FeatureSpec.load()
        self.weights = weights or TermWeights.load()
        self.spec.require_term_weights(self.weights.sha256, f"the term weights {TERM_WEIGHTS_PATH}")
        self.classify = classify
        self.labels = LabelVectors(encoder)
        self.extractor = extractor
        self.job_extractor = job_extractor or extractor
        self.lookup = lookup

    def parse_job(self, text: str, title: str | None = None) -> JobRequirements:
        return parse_job(text, title=title, extractor=self.job_extractor)

    def job(self, requirements: JobRequirements, text: str) -> JobView:
        return job_view(requirements, text, self.labels, self.spec, self.weights, self.classify)

    def parse_resume(self, text: str, document_date: date) -> ResumeProfile:
        return parse_resume(text, document_date=document_date, extractor=self.extractor)

    def candidate(self, profile: ResumeProfile) -> CandidateView:
        return candidate_view(profile, self.labels, self.spec, self.weights, self.classify)

    def proficiencies(
        self, candidate: CandidateView, results: Sequence[SkillScore] | None = None
    ) -> list[SkillProficiency]:
        profile = candidate.profile
        return assess(
            list(profile.skills), list(results or []), as_of=profile.document.date, taxonomy_lookup=self.lookup
        )

    def values(
        self, job: JobView, candidate: CandidateView, proficiencies: Sequence[SkillProficiency]
    ) -> dict[str, float]:
        return features(job, candidate, proficiencies, self.spec)
