"""Requirement sensitivity: real held-out resumes edited against real postings, through the whole scoring path.

Each case is a (posting, resume) pair of the same O*NET minor group (the same occupation for `weakened`) and
one edit (`transforms`), re-parsed by the resume reader and featurised as `talent score` does (parse →
profile → view → proficiencies → features). Kinds and what a ranker must do:
- `remove_skill`: the lines naming a required skill the resume matched are deleted → score never rises;
- `add_skill`: a required skill the resume lacks is added with a line of use → score never falls;
- `more_years`: the role closest to the job title starts two years earlier → score never falls;
- `weakened`: every line naming one of the job's skills or its title is deleted → the full resume must
  score higher (reported as the share of pairs where it does).
A case counts only when the edit did what it says once re-parsed (the skill gone, present, the role longer);
the others are counted as not applicable. Features of both sides are cached (they do not depend on a ranker).
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from talent.features.compute import RELEVANT_TITLE, CandidateView, FamilyClassifier, JobView
from talent.features.featurizer import Featurizer
from talent.profile.models import ResumeProfile
from talent_tools.evaluation.ranking import family_completion
from talent_tools.evaluation.ranking.corpus import LabelledPosting, label_resume, real_postings
from talent_tools.evaluation.ranking.lexical import bm25_matrix, tfidf_matrix
from talent_tools.evaluation.ranking.occupations import OccupationIndex
from talent_tools.evaluation.ranking.transforms import drop_lines, lines_naming, with_earlier_start, with_skill
from talent_tools.ranking.benchmark import DOCUMENT_DATE, load_resumes

KINDS = ("remove_skill", "add_skill", "more_years", "weakened")
VERSION = 3
"""Of the cases' construction: part of their cache name, raised when an edit or the pairing changes."""
EXTRA_YEARS = 2
BASELINE_NAMES = ("tfidf", "bm25", "minilm", "skills")


@dataclass(frozen=True)
class SensitivitySizes:
    per_kind: int
    seed: int = 13


FAST_CASES = SensitivitySizes(per_kind=6)
FULL_CASES = SensitivitySizes(per_kind=60)


def _evidence(profile: ResumeProfile, skill_ids: set[str]) -> list[int]:
    return [e.start for s in profile.skills if s.skill_id in skill_ids for e in s.evidence]


def _remove_skill(job: JobView, text: str, profile: ResumeProfile, view: CandidateView, pick: int) -> Any:
    matched = sorted({s.skill_id for s in job.requirements.required_skills} & view.skill_ids)
    if not matched:
        return None
    skill = matched[pick % len(matched)]
    return drop_lines(text, _evidence(profile, {skill})), (lambda v: skill not in v.skill_ids), skill


def _add_skill(job: JobView, text: str, profile: ResumeProfile, view: CandidateView, pick: int) -> Any:
    missing = sorted(
        (s.skill_id, s.label) for s in job.requirements.required_skills if s.skill_id not in view.skill_ids
    )
    if not missing:
        return None
    skill, label = missing[pick % len(missing)]
    return with_skill(text, label), (lambda v: skill in v.skill_ids), skill


def _relevant_months(job: JobView, view: CandidateView) -> int:
    if not view.roles:
        return 0
    close = view.role_vectors @ job.title >= RELEVANT_TITLE
    return sum(e.months or 0 for e, c in zip(view.roles, close, strict=True) if c)


def _more_years(job: JobView, text: str, profile: ResumeProfile, view: CandidateView, pick: int) -> Any:
    if not view.roles:
        return None
    similarity = view.role_vectors @ job.title
    best = int(np.argmax(similarity))
    role = view.roles[best]
    if similarity[best] < RELEVANT_TITLE or role.start is None:
        return None
    edited = with_earlier_start(text, role.span.start, role.span.end, role.start.year, EXTRA_YEARS)
    before = _relevant_months(job, view)
    return edited, (lambda v: _relevant_months(job, v) >= before + 12), f"{role.start.year}-{EXTRA_YEARS}"


def _weakened(job: JobView, text: str, profile: ResumeProfile, view: CandidateView, pick: int, title: str) -> Any:
    skills = {s.skill_id for s in job.skills}
    offsets = _evidence(profile, skills) + lines_naming(text, title)
    if not offsets:
        return None
    return drop_lines(text, offsets), (lambda v: not (skills & v.skill_ids)), title


Edit = Callable[[JobView, str, ResumeProfile, CandidateView, int], Any]


def build(
    featurizer: Featurizer,
    data_dir: Path,
    sizes: SensitivitySizes,
    split: str = "test",
    postings: list[LabelledPosting] | None = None,
    resumes: int | None = None,
) -> dict[str, npt.NDArray[Any]]:
    """Cases from the resumes of `split` against `postings` (the real postings by default). Evaluation reads
    the held-out resumes; training (`talent_tools.ranking.benchmark`) the training resumes against its own O*NET
    training postings, so no evaluated resume or posting is trained on. `resumes`: an evenly spaced sample
    of that many (parsing every training resume again would double the benchmark's parse time)."""
    started = time.perf_counter()
    index = OccupationIndex.load(data_dir / "skills" / "onet")
    test = [r for r in load_resumes(data_dir) if r.split == split]
    if resumes:
        test = test[:: max(1, len(test) // resumes)][:resumes]
    profiles = {r.id: featurizer.parse_resume(r.text, DOCUMENT_DATE) for r in test}
    held_out = [lr for r in test if (lr := label_resume(index, r, profiles[r.id])).code]
    if postings is None:
        postings, _ = real_postings(data_dir, index)
    close = [(p, r) for p in postings for r in held_out if p.code[:5] == (r.code or "")[:5]]
    same = [(p, r) for p, r in close if p.code == r.code]
    jobs: dict[str, JobView] = {}
    views: dict[str, CandidateView] = {}
    rows: dict[str, list[Any]] = {k: [] for k in ("kind", "posting", "resume", "detail", "original", "variant")}
    texts: list[tuple[str, str, str]] = []
    seen: dict[str, list[Any]] = {"job": [], "original": [], "variant": []}
    skipped: Counter[str] = Counter()
    for kind in KINDS:
        done = 0
        pairs = same if kind == "weakened" else close
        for number in np.random.default_rng(sizes.seed).permutation(len(pairs)).tolist():
            if done >= sizes.per_kind:
                break
            posting, resume = pairs[number]
            job = jobs.get(posting.id) or jobs.setdefault(posting.id, _job(featurizer, posting))
            view = views.get(resume.resume.id) or views.setdefault(
                resume.resume.id, featurizer.candidate(profiles[resume.resume.id])
            )
            edit = _edit(kind, posting, index)
            made = edit(job, resume.resume.text, profiles[resume.resume.id], view, number)
            if made is None or made[0] is None:
                continue
            text, holds, detail = made
            edited = featurizer.candidate(featurizer.parse_resume(text, DOCUMENT_DATE))
            if not holds(edited):
                skipped[kind] += 1
                continue
            rows["kind"].append(kind)
            rows["posting"].append(posting.id)
            rows["resume"].append(resume.resume.id)
            rows["detail"].append(detail)
            rows["original"].append(_values(featurizer, job, view))
            rows["variant"].append(_values(featurizer, job, edited))
            texts.append((posting.text, resume.resume.text, text))
            for name, one in (("job", job), ("original", view), ("variant", edited)):
                seen[name].append(one)
            rows.setdefault("skills_original", []).append(_overlap(job, view))
            rows.setdefault("skills_variant", []).append(_overlap(job, edited))
            done += 1
        sys.stderr.write(f"  sensitivity {kind}: {done} cases ({time.perf_counter() - started:.0f} s)\n")
    arrays: dict[str, npt.NDArray[Any]] = {
        "kind": np.asarray(rows["kind"], dtype=str),
        "posting": np.asarray(rows["posting"], dtype=str),
        "resume": np.asarray(rows["resume"], dtype=str),
        "detail": np.asarray(rows["detail"], dtype=str),
        "original": np.asarray(rows["original"], dtype=np.float32).reshape(-1, len(featurizer.spec.names)),
        "variant": np.asarray(rows["variant"], dtype=np.float32).reshape(-1, len(featurizer.spec.names)),
        "feature_names": np.asarray(featurizer.spec.names, dtype=str),
        "not_applicable_kinds": np.asarray(list(skipped), dtype=str),
        "not_applicable_counts": np.asarray(list(skipped.values()), dtype=np.int64),
        "baseline_skills_original": np.asarray(rows.get("skills_original", []), dtype=np.float32),
        "baseline_skills_variant": np.asarray(rows.get("skills_variant", []), dtype=np.float32),
    }
    arrays.update(_text_baselines(featurizer, texts))
    for name, prepared in seen.items():
        arrays.update(family_completion.inputs(name, prepared))
    return arrays


def complete(arrays: dict[str, npt.NDArray[Any]], classify: FamilyClassifier) -> dict[str, npt.NDArray[Any]]:
    """`family_match` of each case from the classifier (see `family_completion`)."""
    out = dict(arrays)
    names = [str(n) for n in arrays["feature_names"]]
    column = family_completion.column(names)
    for side in ("original", "variant"):
        if column is not None and np.isnan(arrays[side][:, column]).any():
            jobs = family_completion.probabilities(arrays, "job", classify)
            people = family_completion.probabilities(arrays, side, classify)
            features = arrays[side].copy()
            features[:, column] = (jobs * people).sum(axis=1)
            out[side] = features
        family_completion.require_finite(out[side], names, f"the sensitivity cases ({side})")
    return out


def _edit(kind: str, posting: LabelledPosting, index: OccupationIndex) -> Edit:
    if kind == "weakened":
        found = index.explain(posting.title)
        title = found.matched if found else posting.title
        return lambda job, text, profile, view, pick: _weakened(job, text, profile, view, pick, title)
    return {"remove_skill": _remove_skill, "add_skill": _add_skill, "more_years": _more_years}[kind]


def _job(featurizer: Featurizer, posting: LabelledPosting) -> JobView:
    return featurizer.job(featurizer.parse_job(posting.text, posting.title), posting.text)


def _values(featurizer: Featurizer, job: JobView, view: CandidateView) -> list[float]:
    return list(featurizer.values(job, view, featurizer.proficiencies(view)).values())


def _overlap(job: JobView, view: CandidateView) -> float:
    required = {s.skill_id for s in job.requirements.required_skills}
    return len(required & view.skill_ids) / len(required) if required else 0.0


def _text_baselines(featurizer: Featurizer, texts: list[tuple[str, str, str]]) -> dict[str, npt.NDArray[Any]]:
    """TF-IDF, BM25 and raw MiniLM of the posting against the original and the edited raw text."""
    out: dict[str, list[float]] = {
        f"baseline_{b}_{side}": [] for b in ("tfidf", "bm25", "minilm") for side in ("original", "variant")
    }
    encoder = featurizer.labels.encoder
    for posting, original, variant in texts:
        for name, scores in (
            ("tfidf", tfidf_matrix([posting], [original, variant])[0]),
            ("bm25", bm25_matrix([posting], [original, variant])[0]),
        ):
            out[f"baseline_{name}_original"].append(float(scores[0]))
            out[f"baseline_{name}_variant"].append(float(scores[1]))
    # One text per call: the int8 encoder quantises activations per batch, so a text batched with others moves
    # by about as much as an edit moves it (the same cases flipped between builds when batched).
    for posting, original, variant in texts:
        job, before, after = (encoder.encode([t])[0] for t in (posting, original, variant))
        out["baseline_minilm_original"].append(float(job @ before))
        out["baseline_minilm_variant"].append(float(job @ after))
    return {k: np.asarray(v, dtype=np.float32) for k, v in out.items()}
