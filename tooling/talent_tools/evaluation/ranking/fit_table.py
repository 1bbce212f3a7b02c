"""Every (posting, held-out resume) pair of the fit suite: the spec's features and each baseline's score.

Built once per feature spec and input sample, cached under models/ranker/build/ (`fit_<key>.npz`), so any
ranker on the current spec is scored on it in milliseconds. Features come from the serving featurizer
(`load_featurizer`: parse → view → proficiencies → values), exactly what `talent score` computes.
Baselines: TF-IDF cosine and raw MiniLM cosine (the encoder on the first 256 tokens of the raw text), BM25
both ways (the posting as query over the resumes, and the resume as query over the postings, for the
resume-centric row), and skills overlap (share of the posting's required skills the resume names, from the
same skill extraction on both sides).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from talent.features.compute import FamilyClassifier
from talent.features.featurizer import Featurizer
from talent.ranking.family_classifier import load_family_classifier
from talent_tools.evaluation.ranking import family_completion
from talent_tools.evaluation.ranking.cache import cached_arrays
from talent_tools.evaluation.ranking.corpus import (
    LabelledPosting,
    LabelledResume,
    family_of,
    label_resume,
    onet_postings,
    posting_families,
    real_postings,
)
from talent_tools.evaluation.ranking.lexical import bm25_matrix, tfidf_matrix
from talent_tools.evaluation.ranking.occupations import OccupationIndex
from talent_tools.progress import tracked
from talent_tools.ranking.benchmark import DOCUMENT_DATE, load_resumes

BASELINES = {
    "tfidf": "TF-IDF cosine (raw text)",
    "bm25": "BM25 (raw text)",
    "minilm": "MiniLM cosine (raw text, 256 tokens)",
    "skills": "skills overlap (share of required skills named)",
}


@dataclass(frozen=True)
class Sizes:
    resumes: int
    """Held-out resumes with an occupation (0: all)."""
    postings: int
    """Real postings with an occupation (0: all)."""
    prior: int
    """Training/validation resumes read for the posting families (0: all)."""
    seed: int = 13


FAST = Sizes(resumes=40, postings=100, prior=200)
FULL = Sizes(resumes=0, postings=400, prior=0)


@dataclass
class FitTable:
    feature_names: list[str]
    features: npt.NDArray[np.float32]
    """[postings, resumes, features]."""
    baselines: dict[str, npt.NDArray[np.float32]]
    """Name → [postings, resumes]; `bm25_resume` is BM25 with the resume as the query."""
    posting_ids: list[str]
    posting_codes: list[str]
    posting_sources: list[str]
    posting_families: list[str]
    """"" where no training resume shares the posting's minor group."""
    resume_ids: list[str]
    resume_codes: list[str]
    resume_families: list[str]

    @property
    def real(self) -> npt.NDArray[np.bool_]:
        return np.asarray([s != "onet" for s in self.posting_sources])


def _sample(items: list[Any], size: int, seed: int) -> list[Any]:
    if not size or size >= len(items):
        return items
    chosen = np.random.default_rng(seed).choice(len(items), size=size, replace=False)
    return [items[i] for i in sorted(chosen.tolist())]


def build(featurizer: Featurizer, data_dir: Path, sizes: Sizes) -> tuple[dict[str, npt.NDArray[Any]], FitTable]:
    """The table, and what the job-family classifier reads for each posting and resume (`family_completion`):
    without a classifier in `featurizer`, `family_match` is NaN until `complete` fills it."""
    started = time.perf_counter()
    index = OccupationIndex.load(data_dir / "skills" / "onet")
    resumes = load_resumes(data_dir)
    test = [r for r in resumes if r.split == "test"]
    prior = _sample([r for r in resumes if r.split != "test"], sizes.prior, sizes.seed)
    profiles = {r.id: featurizer.parse_resume(r.text, DOCUMENT_DATE) for r in [*test, *prior]}
    labelled = [label_resume(index, r, profiles[r.id]) for r in [*test, *prior]]
    families = posting_families(labelled)
    held_out: list[LabelledResume] = _sample(
        [r for r in labelled if r.code and r.resume.split == "test"], sizes.resumes, sizes.seed
    )
    real, _ = real_postings(data_dir, index)
    postings: list[LabelledPosting] = _sample(real, sizes.postings, sizes.seed)
    postings += onet_postings(data_dir / "skills" / "onet", {r.code for r in held_out if r.code})
    sys.stderr.write(f"fit table: {len(postings)} postings x {len(held_out)} held-out resumes\n")

    candidates = [featurizer.candidate(profiles[r.resume.id]) for r in held_out]
    proficiencies = [featurizer.proficiencies(c) for c in candidates]
    jobs = []
    features = np.zeros((len(postings), len(held_out), len(featurizer.spec.names)), dtype=np.float32)
    skills = np.zeros((len(postings), len(held_out)), dtype=np.float32)
    for p, posting in enumerate(tracked(postings, "fit table postings", every=100)):
        job = featurizer.job(featurizer.parse_job(posting.text, posting.title), posting.text)
        jobs.append(job)
        required = {s.skill_id for s in job.requirements.required_skills}
        for r, candidate in enumerate(candidates):
            features[p, r] = list(featurizer.values(job, candidate, proficiencies[r]).values())
            skills[p, r] = len(required & candidate.skill_ids) / len(required) if required else 0.0

    posting_texts = [p.text for p in postings]
    resume_texts = [r.resume.text for r in held_out]
    encoder = featurizer.labels.encoder
    baselines = {
        "tfidf": tfidf_matrix(posting_texts, resume_texts),
        "bm25": bm25_matrix(posting_texts, resume_texts),
        "bm25_resume": bm25_matrix(resume_texts, posting_texts).T,
        "minilm": encoder.encode(posting_texts) @ encoder.encode(resume_texts).T,
        "skills": skills,
    }
    sys.stderr.write(f"fit table built in {time.perf_counter() - started:.0f} s\n")
    classifier_inputs = {**family_completion.inputs("job", jobs), **family_completion.inputs("resume", candidates)}
    return classifier_inputs, FitTable(
        feature_names=list(featurizer.spec.names),
        features=features,
        baselines={k: np.asarray(v, dtype=np.float32) for k, v in baselines.items()},
        posting_ids=[p.id for p in postings],
        posting_codes=[p.code for p in postings],
        posting_sources=[p.source for p in postings],
        posting_families=[family_of(p.code, families) or "" for p in postings],
        resume_ids=[r.resume.id for r in held_out],
        resume_codes=[r.code or "" for r in held_out],
        resume_families=[r.resume.family for r in held_out],
    )


_LISTS = (
    "feature_names",
    "posting_ids",
    "posting_codes",
    "posting_sources",
    "posting_families",
    "resume_ids",
    "resume_codes",
    "resume_families",
)


def to_arrays(table: FitTable) -> dict[str, npt.NDArray[Any]]:
    arrays: dict[str, npt.NDArray[Any]] = {name: np.asarray(getattr(table, name), dtype=str) for name in _LISTS}
    arrays["features"] = table.features
    arrays.update({f"baseline_{k}": v for k, v in table.baselines.items()})
    return arrays


def from_arrays(arrays: dict[str, npt.NDArray[Any]]) -> FitTable:
    lists = {name: [str(x) for x in arrays[name].tolist()] for name in _LISTS}
    baselines = {k.removeprefix("baseline_"): v for k, v in arrays.items() if k.startswith("baseline_")}
    return FitTable(features=arrays["features"], baselines=baselines, **lists)


def complete(arrays: dict[str, npt.NDArray[Any]], classify: FamilyClassifier) -> dict[str, npt.NDArray[Any]]:
    out = dict(arrays)
    column = family_completion.column([str(n) for n in arrays["feature_names"]])
    if column is not None and np.isnan(arrays["features"][..., column]).any():
        jobs = family_completion.probabilities(arrays, "job", classify)
        resumes = family_completion.probabilities(arrays, "resume", classify)
        features = arrays["features"].copy()
        features[..., column] = jobs @ resumes.T
        out["features"] = features
    family_completion.require_finite(out["features"], [str(n) for n in arrays["feature_names"]], "the fit table")
    return out


def load_or_build(
    featurizer: Callable[[], Featurizer],
    classifier: Path,
    spec_sha256: str,
    data_dir: Path,
    sizes: Sizes,
    build_dir: Path,
) -> FitTable:
    """The cached table of this spec and sizes. Built without the classifier (`featurizer` is called only when
    it must be built), then completed with the classifier in `classifier` and cached under its version."""

    def make() -> dict[str, npt.NDArray[Any]]:
        classifier_inputs, table = build(featurizer(), data_dir, sizes)
        return {**to_arrays(table), **classifier_inputs}

    raw = cached_arrays(build_dir, "fit-raw", spec_sha256, sizes, make)
    done = cached_arrays(
        build_dir,
        "fit",
        spec_sha256,
        sizes,
        lambda: complete(raw, load_family_classifier(classifier)),
        classifier=classifier,
    )
    return from_arrays(done)
