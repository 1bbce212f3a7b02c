"""The ranking benchmark built from ../shared/data: livecareer resumes against O*NET-written postings.

Resumes are split by a hash of their ID (60 % train, 20 % validation, 20 % test); each family's first
O*NET occupation is a test posting, the others are training postings, so test pairs share neither resume
nor posting with training. Every pair gets the spec's features (`talent.features`, the serving code) and a
graded label (`families.grade`); test pairs also get the baselines' scores. Built in two stages because
one feature needs a trained model: `embed` writes every other feature and the embeddings the job-family
classifier trains on; after that classifier is trained, `complete` adds `family_match`. Training and
`talent eval ranker` read the result: `python -m talent_tools.ranking.benchmark embed|complete`.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from talent.data_paths import REPO_ROOT, shared_data_dir
from talent.features.compute import CandidateView, FamilyClassifier, JobView, family_input, family_match
from talent.features.featurizer import Featurizer
from talent.features.scoring_text import recent_titles
from talent_tools.progress import tracked
from talent_tools.ranking.baselines import bm25, tfidf_cosine
from talent_tools.ranking.family_occupations import FAMILY_OCCUPATIONS, grade
from talent_tools.ranking.onet_postings import Posting, load_postings

BUILD = REPO_ROOT / "models" / "ranker" / "build"
EMBEDDED_PATH = BUILD / "embedded.npz"
BENCHMARK_PATH = BUILD / "benchmark.npz"
DOCUMENT_DATE = date(2020, 12, 31)
"""The livecareer resumes carry no date; they were collected in 2020, so "present" ends then."""
SPLITS = ("train", "val", "test")
BASELINES = ("tfidf", "bm25", "minilm")
CASES_PER_KIND = 40
"""Edited-resume training pairs per kind (`metamorphic_pairs`), from a sample of CASE_RESUMES training resumes."""
CASE_RESUMES = 400


@dataclass(frozen=True)
class Resume:
    id: str
    family: str
    text: str
    split: str


def resume_split(resume_id: str) -> str:
    bucket = int(hashlib.sha256(resume_id.encode()).hexdigest(), 16) % 10
    return "test" if bucket < 2 else "val" if bucket < 4 else "train"


def load_resumes(data_dir: Path) -> list[Resume]:
    csv.field_size_limit(1 << 27)
    path = data_dir / "resumes" / "livecareer" / "resumes.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    resumes = [Resume(r["ID"], r["Category"], r["Resume_str"], resume_split(r["ID"])) for r in rows]
    return [r for r in resumes if r.text.strip()]


def job_roles() -> dict[str, tuple[str, str]]:
    """O*NET code → (family, "test" or "train")."""
    return {
        code: (family, "test" if i == 0 else "train")
        for family, codes in FAMILY_OCCUPATIONS.items()
        for i, code in enumerate(codes)
    }


@dataclass
class PairTable:
    features: npt.NDArray[np.float32]
    job: npt.NDArray[np.int32]
    resume: npt.NDArray[np.int32]
    grade: npt.NDArray[np.int8]
    split: npt.NDArray[np.str_]


def _pairs(
    featurizer: Featurizer,
    jobs: list[tuple[str, JobView]],
    candidates: list[CandidateView],
    resumes: list[Resume],
) -> list[tuple[list[float], int, int, int, str]]:
    roles = job_roles()
    rows = []
    proficiencies = [featurizer.proficiencies(c) for c in candidates]
    for j, (code, view) in enumerate(jobs):
        family, role = roles[code]
        for r, (resume, candidate) in enumerate(zip(resumes, candidates, strict=True)):
            if (role == "test") != (resume.split == "test"):
                continue
            values = featurizer.values(view, candidate, proficiencies[r])
            rows.append((list(values.values()), j, r, grade(family, resume.family), resume.split))
    return rows


def _baselines(
    featurizer: Featurizer, postings: list[Posting], resumes: list[Resume], table: PairTable
) -> dict[str, npt.NDArray[np.float32]]:
    """Scores of the keyword and raw-embedding baselines on the test pairs (NaN elsewhere)."""
    out = {name: np.full(table.job.size, np.nan, dtype=np.float32) for name in BASELINES}
    test = [i for i, r in enumerate(resumes) if r.split == "test"]
    texts = [resumes[i].text for i in test]
    raw = featurizer.labels.encoder.encode(texts)  # one window of the raw text: what a naive system embeds
    position = {r: k for k, r in enumerate(test)}
    for j, posting in enumerate(postings):
        rows = np.flatnonzero(table.job == j)
        if rows.size == 0 or table.split[rows[0]] != "test":
            continue
        order = [position[int(r)] for r in table.resume[rows]]
        job_vector = featurizer.labels.encoder.encode([posting.text])[0]
        out["tfidf"][rows] = tfidf_cosine(posting.text, texts)[order]
        out["bm25"][rows] = bm25(posting.text, texts)[order]
        out["minilm"][rows] = (raw @ job_vector)[order]
    return out


def embed(featurizer: Featurizer, data_dir: Path, out: Path = EMBEDDED_PATH, limit: int | None = None) -> Path:
    """Stage 1: every pair's features except `family_match` (NaN), plus the classifier's inputs."""
    started = time.perf_counter()
    resumes = load_resumes(data_dir)
    if limit:  # an evenly spaced sample: the file is sorted by family, a prefix would hold one or two
        resumes = resumes[:: max(1, len(resumes) // limit)][:limit]
    roles = job_roles()
    postings = list(load_postings(data_dir / "skills" / "onet", set(roles)).values())
    jobs = [(p.code, featurizer.job(featurizer.parse_job(p.text, p.title), p.text)) for p in postings]
    candidates = []
    for resume in tracked(resumes, "resumes embedded"):
        candidates.append(featurizer.candidate(featurizer.parse_resume(resume.text, DOCUMENT_DATE)))
    rows = _pairs(featurizer, jobs, candidates, resumes)
    table = PairTable(
        features=np.asarray([r[0] for r in rows], dtype=np.float32),
        job=np.asarray([r[1] for r in rows], dtype=np.int32),
        resume=np.asarray([r[2] for r in rows], dtype=np.int32),
        grade=np.asarray([r[3] for r in rows], dtype=np.int8),
        split=np.asarray([r[4] for r in rows]),
    )
    baselines = _baselines(featurizer, postings, resumes, table)
    from talent_tools.ranking import metamorphic_pairs  # it reads the fit suite's edits, which read this module

    train_codes = [code for code, (_, role) in roles.items() if role == "train"]
    # A sample run (`limit`) edits proportionally fewer resumes: a quick check, not a training set.
    per_kind = max(4, CASES_PER_KIND * limit // 1966) if limit else CASES_PER_KIND
    cases = metamorphic_pairs.build(
        featurizer, data_dir, train_codes, per_kind, min(CASE_RESUMES, limit or CASE_RESUMES)
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    arrays: dict[str, Any] = dict(
        features=table.features,
        job=table.job,
        resume=table.resume,
        grade=table.grade,
        split=table.split,
        feature_names=np.asarray(featurizer.spec.names),
        spec_sha256=np.asarray(featurizer.spec.sha256),
        spec_version=np.asarray(featurizer.spec.version),
        job_codes=np.asarray([p.code for p in postings]),
        job_families=np.asarray([roles[p.code][0] for p in postings]),
        job_roles=np.asarray([roles[p.code][1] for p in postings]),
        job_inputs=np.concatenate([family_input(v.text, v.head) for _, v in jobs]),
        **pack_texts("job", [v.described for _, v in jobs]),
        resume_ids=np.asarray([r.id for r in resumes]),
        resume_families=np.asarray([r.family for r in resumes]),
        resume_splits=np.asarray([r.split for r in resumes]),
        resume_inputs=np.concatenate([family_input(c.text, c.head) for c in candidates]),
        resume_titles=np.asarray(["\n".join(recent_titles(c.profile)) for c in candidates]),
        **pack_texts("resume", [c.described for c in candidates]),
        **{f"baseline_{name}": scores for name, scores in baselines.items()},
        **cases,
    )
    np.savez_compressed(out, **arrays)
    elapsed = time.perf_counter() - started
    sys.stderr.write(f"{len(rows)} pairs, {len(resumes)} resumes x {len(jobs)} postings, {elapsed:.0f} s -> {out}\n")
    return out


def pack_texts(name: str, texts: list[str]) -> dict[str, npt.NDArray[Any]]:
    """The texts the classifier reads, as UTF-8 bytes and offsets (a numpy string array is as wide as the
    longest text: 250 MiB for these resumes)."""
    encoded = [t.encode("utf-8") for t in texts]
    offsets = np.cumsum([0, *(len(e) for e in encoded)], dtype=np.int64)
    return {f"{name}_text_bytes": np.frombuffer(b"".join(encoded), dtype=np.uint8), f"{name}_text_offsets": offsets}


def stored_texts(arrays: Mapping[str, npt.NDArray[Any]], name: str, path: Path | str = "the benchmark") -> list[str]:
    if f"{name}_text_bytes" not in arrays:
        raise ValueError(f"{path} predates the texts the job-family classifier reads: rebuild it (benchmark embed)")
    raw, offsets = arrays[f"{name}_text_bytes"].tobytes(), arrays[f"{name}_text_offsets"].tolist()
    return [raw[a:b].decode("utf-8") for a, b in pairwise(offsets)]


def complete(classify: FamilyClassifier, embedded: Path = EMBEDDED_PATH, out: Path = BENCHMARK_PATH) -> Path:
    """Stage 2: `family_match` from the trained classifier, the same function serving uses."""
    arrays = dict(np.load(embedded))
    column = [str(n) for n in arrays["feature_names"]].index("family_match")
    jobs = classify(stored_texts(arrays, "job", embedded), arrays["job_inputs"])
    resumes = classify(stored_texts(arrays, "resume", embedded), arrays["resume_inputs"])
    features = arrays["features"].copy()
    for row, (j, r) in enumerate(zip(arrays["job"], arrays["resume"], strict=True)):
        features[row, column] = family_match(jobs[j], resumes[r])
    arrays["features"] = features
    from talent_tools.ranking import metamorphic_pairs

    arrays.update(metamorphic_pairs.complete(arrays, classify))
    if "resume_titles" in arrays:
        arrays["train_grade"] = occupation_grades(arrays, shared_data_dir() / "skills" / "onet")
    np.savez_compressed(out, **arrays)
    sys.stderr.write(f"{features.shape[0]} pairs with family_match -> {out}\n")
    return out


def occupation_grades(arrays: Mapping[str, npt.NDArray[Any]], onet_dir: Path) -> npt.NDArray[np.int8]:
    """What training ranks by: the family grade (2 same, 1 related, 0), raised to the SOC tree's relevance
    where the resume's title maps to an O*NET occupation (4 the posting's occupation, 3 its broad group, 2 its
    minor group). Family agreement alone says nothing about fit within a family; the SOC tree does."""
    from talent_tools.evaluation.ranking.occupations import OccupationIndex, relevance

    index = OccupationIndex.load(onet_dir)
    found = [index.first(str(titles).split("\n")) for titles in arrays["resume_titles"]]
    resume_codes = [m.code if m else None for m in found]
    job_codes = [str(c) for c in arrays["job_codes"]]
    grades = arrays["grade"].astype(np.int8).copy()
    for row, (j, r) in enumerate(zip(arrays["job"], arrays["resume"], strict=True)):
        code = resume_codes[r]
        if code is not None:
            soc = relevance(job_codes[j], code)
            grades[row] = max(int(grades[row]), soc if soc >= 2 else 0)
    return grades


def main(argv: list[str] | None = None) -> None:
    from talent.ranking.featurizer_from_models import load_classifier, load_featurizer

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("stage", choices=["embed", "complete"])
    parser.add_argument(
        "--limit", type=int, default=None, help="embed: an evenly spaced sample of N resumes (a quick check)"
    )
    args = parser.parse_args(argv)
    if args.stage == "embed":
        embed(load_featurizer(with_classifier=False), shared_data_dir(), limit=args.limit)
    else:
        complete(load_classifier())


if __name__ == "__main__":
    main()
