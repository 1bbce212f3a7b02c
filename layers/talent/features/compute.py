"""Feature values for one (job, candidate) pair, in the spec's order, from the blind profile only.

A job and a candidate are each prepared once (`JobView`, `CandidateView`: their embeddings), so ranking
N candidates for a job costs N candidate preparations and N cheap feature computations.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

import numpy as np
import numpy.typing as npt

from talent.assessment.models import SkillProficiency
from talent.encoder.chunking import Windowing
from talent.encoder.encoder import pool_windows
from talent.features.lexical import TermVector, TermWeights, cosine, covered
from talent.features.scoring_text import neutral, recent_titles, scoring_text
from talent.features.spec import FeatureSpec
from talent.jobs.models import EducationLevel, JobRequirements, JobSkill
from talent.profile.models import ExperienceEntry, ResumeProfile

FloatArray = npt.NDArray[np.float32]

RELEVANT_TITLE = 0.5
"""Cosine from which a past title counts as the same kind of work as the job's title."""
RECENCY_YEARS = 3.0
_DAYS_PER_YEAR = 365.25


class TextEncoder(Protocol):
    def encode(self, texts: Sequence[str]) -> FloatArray: ...

    def encode_long(self, text: str, spec: Windowing | None = None) -> FloatArray: ...

    def encode_windows(self, text: str, spec: Windowing | None = None) -> tuple[FloatArray, FloatArray]: ...


class LabelVectors:
    """Embeddings of short labels (skills, titles), cached: the same few thousand labels recur."""

    def __init__(self, encoder: TextEncoder, limit: int = 50_000) -> None:
        self.encoder = encoder
        self._cache: dict[str, FloatArray] = {}
        self._limit = limit

    def __call__(self, labels: Sequence[str]) -> FloatArray:
        missing = list(dict.fromkeys(label for label in labels if label not in self._cache))
        if missing:
            if len(self._cache) + len(missing) > self._limit:
                self._cache.clear()
            for label, vector in zip(missing, self.encoder.encode(missing), strict=True):
                self._cache[label] = vector
        if not labels:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self._cache[label] for label in labels])


FamilyClassifier = Callable[[Sequence[str], FloatArray], FloatArray]
"""(N texts, [N, 2 * dim] `family_input` rows) → [N, families] probabilities; each kind of classifier reads
one of the two (`talent.ranking.family_classifier`): the text is what the encoder saw, the rows its embeddings."""


@dataclass(frozen=True)
class JobView:
    requirements: JobRequirements
    described: str
    """The posting's text as the encoder and the job-family classifier read it (gendered words dropped)."""
    text: FloatArray
    head: FloatArray
    title: FloatArray
    skills: tuple[JobSkill, ...]
    skill_vectors: FloatArray
    terms: TermVector
    """The posting's text as weighted terms (`talent.features.lexical`)."""
    title_terms: TermVector
    family: FloatArray | None = None


@dataclass(frozen=True)
class CandidateView:
    profile: ResumeProfile
    described: str
    """The blind profile's scoring text, as the encoder and the job-family classifier read it."""
    text: FloatArray
    head: FloatArray
    """The first window of the text: headline, summary and the latest role."""
    skill_ids: frozenset[str]
    skill_vectors: FloatArray
    title_vectors: FloatArray
    """The headline and the three latest titles, for `semantic_titles`."""
    roles: tuple[ExperienceEntry, ...]
    role_vectors: FloatArray
    """Every titled experience entry and its title's embedding, for relevant experience and recency."""
    terms: TermVector
    """The blind text as weighted terms."""
    family: FloatArray | None = None


def _windowing(spec: FeatureSpec) -> Windowing:
    return Windowing(window=spec.window, budget=spec.token_budget)


def family_input(text: FloatArray, head: FloatArray) -> FloatArray:
    """What the job-family classifier reads: pooled and head embeddings side by side, one row."""
    return np.concatenate([text, head])[None, :].astype(np.float32)


def job_view(
    requirements: JobRequirements,
    text: str,
    labels: LabelVectors,
    spec: FeatureSpec,
    vocabulary: TermWeights,
    classify: FamilyClassifier | None = None,
) -> JobView:
    skills = (*requirements.required_skills, *requirements.preferred_skills)
    described = neutral(text)
    windows, weights = labels.encoder.encode_windows(described, _windowing(spec))
    pooled = pool_windows(windows, weights)
    title = labels([requirements.title])[0] if requirements.title else pooled
    return JobView(
        requirements=requirements,
        described=described,
        text=pooled,
        head=windows[0],
        title=title,
        skills=skills,
        skill_vectors=labels([s.label for s in skills]),
        terms=vocabulary.vector(described),
        title_terms=vocabulary.vector(neutral(requirements.title or "")),
        family=classify([described], family_input(pooled, windows[0]))[0] if classify else None,
    )


def candidate_view(
    profile: ResumeProfile,
    labels: LabelVectors,
    spec: FeatureSpec,
    vocabulary: TermWeights,
    classify: FamilyClassifier | None = None,
) -> CandidateView:
    blind = profile if profile.blinded else profile.blind()
    skill_labels = list(dict.fromkeys(s.label for s in blind.skills))
    roles = tuple(e for e in blind.experience if e.title)
    described = scoring_text(blind)
    windows, weights = labels.encoder.encode_windows(described, _windowing(spec))
    pooled = pool_windows(windows, weights)
    return CandidateView(
        profile=blind,
        described=described,
        text=pooled,
        head=windows[0],
        skill_ids=frozenset(s.skill_id for s in blind.skills),
        skill_vectors=labels(skill_labels),
        title_vectors=labels(recent_titles(blind)),
        roles=roles,
        role_vectors=labels([neutral(e.title or "") for e in roles]),
        terms=vocabulary.vector(described),
        family=classify([described], family_input(pooled, windows[0]))[0] if classify else None,
    )


def family_match(job: FloatArray | None, candidate: FloatArray | None) -> float:
    """P(the job and the candidate are in the same family), the two classifications taken as independent;
    NaN without a classifier (a ranker refuses NaN, so a missing classifier cannot score silently)."""
    if job is None or candidate is None:
        return float("nan")
    return float(job @ candidate)


def _share(skills: Sequence[JobSkill], have: frozenset[str]) -> float:
    return sum(s.skill_id in have for s in skills) / len(skills) if skills else 0.0


def _soft(job: JobView, candidate: CandidateView) -> float:
    if not job.skills or candidate.skill_vectors.size == 0:
        return 0.0
    return float(np.clip(job.skill_vectors @ candidate.skill_vectors.T, 0.0, 1.0).max(axis=1).mean())


def _proficiency(skills: Sequence[JobSkill], proficiencies: Sequence[SkillProficiency]) -> float:
    if not skills:
        return 0.0
    by_id = {p.skill_id: p.proficiency for p in proficiencies if p.skill_id}
    return sum(by_id.get(s.skill_id, 0.0) for s in skills) / len(skills)


def _relevant_roles(job: JobView, candidate: CandidateView) -> tuple[int, float | None]:
    """Months in relevant roles (capped by the dated total) and years since the latest one ended."""
    if not candidate.roles:
        return 0, None
    profile = candidate.profile
    months, latest = 0, None
    for entry, score in zip(candidate.roles, candidate.role_vectors @ job.title, strict=True):
        if score < RELEVANT_TITLE:
            continue
        months += entry.months or 0
        if entry.current:
            latest = 0.0
        elif entry.end is not None:
            ended = date(entry.end.year, entry.end.month or 12, 1)
            years = max((profile.document.date - ended).days / _DAYS_PER_YEAR, 0.0)
            latest = years if latest is None else min(latest, years)
    return min(months, profile.total_experience_months), latest


def _education_gap(requirements: JobRequirements, profile: ResumeProfile) -> float:
    asked = requirements.education_requirement
    if asked is None:
        return 0.0
    known = {level.value: level.rank for level in EducationLevel}
    have = max((known[e.level] for e in profile.education if e.level in known), default=EducationLevel.NONE.rank)
    return float(max(-2, min(2, have - asked.level.rank)))


def _experience_ratio(requirements: JobRequirements, profile: ResumeProfile) -> float:
    years = requirements.min_years_experience
    if not years:
        return 1.0
    return min(profile.total_experience_months / (12 * years), 2.0)


def features(
    job: JobView, candidate: CandidateView, proficiencies: Sequence[SkillProficiency], spec: FeatureSpec
) -> dict[str, float]:
    """Every feature of the spec, by name, in the spec's order."""
    requirements, profile = job.requirements, candidate.profile
    months, since = _relevant_roles(job, candidate)
    titles = candidate.title_vectors
    values = {
        "semantic_resume": float(candidate.text @ job.text),
        "semantic_head": float(candidate.head @ job.head),
        "title_vs_head": float(candidate.head @ job.title),
        "semantic_titles": float((titles @ job.title).max()) if titles.size else 0.0,
        "required_skills_exact": _share(requirements.required_skills, candidate.skill_ids),
        "preferred_skills_exact": _share(requirements.preferred_skills, candidate.skill_ids),
        "skills_matched": math.log1p(sum(s.skill_id in candidate.skill_ids for s in job.skills)),
        "skills_soft": _soft(job, candidate),
        "skill_proficiency": _proficiency(job.skills, proficiencies),
        "relevant_experience": math.log1p(months / 12),
        "experience_vs_required": _experience_ratio(requirements, profile),
        "education_vs_required": _education_gap(requirements, profile),
        "recency": 0.0 if since is None else math.exp(-since / RECENCY_YEARS),
        "lexical_resume": cosine(job.terms, candidate.terms),
        "lexical_title": covered(job.title_terms, candidate.terms),
        "family_match": family_match(job.family, candidate.family),
    }
    if list(values) != spec.names:
        raise RuntimeError(f"computed features {list(values)} differ from spec {spec.version} {spec.names}")
    return values
