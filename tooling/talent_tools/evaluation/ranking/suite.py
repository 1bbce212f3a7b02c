"""The fit suite of issue 13: every row for the ranker and every baseline, from cached tables.

Rows: family level (the benchmark of `talent_tools.ranking.benchmark`), occupation level within families (real
and O*NET-written postings), resume-centric fit AUC (same minor / major group), requirement sensitivity and
matched vs weakened (`sensitivity`), job titles judged by people (`titles`). `suite_metrics(model_dir)` is
the promotion gate's view: a flat dict, seconds per model once the tables exist.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from talent.data_paths import MODELS_DIR, shared_data_dir
from talent.features.featurizer import Featurizer
from talent.features.spec import FeatureSpec, FeatureSpecMismatch
from talent.ranking.ranker import OnnxRanker
from talent_tools.evaluation.ranking import fit_table, sensitivity, sensitivity_rows, titles
from talent_tools.evaluation.ranking.cache import cached_arrays
from talent_tools.evaluation.ranking.fit_rows import fit_auc, occupation_level
from talent_tools.evaluation.ranking.result import Row, SuiteResult, beats_every_baseline, met_or_missed
from talent_tools.ranking.benchmark import BENCHMARK_PATH, BUILD
from talent_tools.ranking.evaluate import MethodResult, evaluate_ranker, evaluate_scores

METHODS = ("ranker", "tfidf", "bm25", "minilm", "skills", "random")
LABELS = {
    "ranker": "ranker",
    "tfidf": "TF-IDF cosine",
    "bm25": "BM25",
    "minilm": "MiniLM cosine (raw, 256 tok)",
    "skills": "skills overlap",
    "random": "random (chance)",
}


@dataclass
class Tables:
    fit: fit_table.FitTable
    sensitivity: dict[str, npt.NDArray[Any]]
    titles: titles.TitleSet
    title_scores: dict[str, npt.NDArray[Any]]
    benchmark: Path


@cache
def _featurizer() -> Featurizer:
    """Without the classifier: tables are completed with it afterwards (`family_completion`)."""
    from talent.ranking.featurizer_from_models import load_featurizer

    return load_featurizer(with_classifier=False)


def load_tables(
    fast: bool,
    *,
    build_dir: Path = BUILD,
    data_dir: Path | None = None,
    featurizer: Callable[[], Featurizer] = _featurizer,
    classifier: Path = MODELS_DIR / "job_family",
    benchmark: Path = BENCHMARK_PATH,
) -> Tables:
    data = data_dir or shared_data_dir()
    spec = FeatureSpec.load().sha256
    sizes = fit_table.FAST if fast else fit_table.FULL
    fit = fit_table.load_or_build(featurizer, classifier, spec, data, sizes, build_dir)
    cases_sizes = sensitivity.FAST_CASES if fast else sensitivity.FULL_CASES
    cases = sensitivity_rows.load_or_build(featurizer, classifier, spec, data, cases_sizes, build_dir)
    title_set = titles.load_titles(data)
    scores = cached_arrays(
        build_dir,
        "titles",
        spec,
        {"set": "job_titles_en"},
        lambda: titles.score_matrices(title_set, featurizer().labels.encoder),
    )
    return Tables(fit, cases, title_set, scores, benchmark)


def fit_scores(table: fit_table.FitTable, ranker: OnnxRanker) -> npt.NDArray[np.float32]:
    if table.feature_names != ranker.spec.names:
        raise ValueError(f"the fit table holds {table.feature_names}, the ranker reads {ranker.spec.names}: rebuild it")
    posting_count, resume_count, width = table.features.shape
    scores, _ = ranker.score_matrix(table.features.reshape(-1, width).astype(np.float32))
    return scores.reshape(posting_count, resume_count)


def _methods(table: fit_table.FitTable, ranker: npt.NDArray[np.float32], resume_centric: bool) -> dict[str, Any]:
    base = table.baselines
    return {
        "ranker": ranker,
        "tfidf": base["tfidf"],
        # BM25 is not symmetric: the query is the side a row ranks for.
        "bm25": base["bm25_resume"] if resume_centric else base["bm25"],
        "minilm": base["minilm"],
        "skills": base["skills"],
        "random": np.random.default_rng(0).random(ranker.shape),
    }


def _family_rows(ranker: OnnxRanker, benchmark: Path) -> list[Row]:
    if not benchmark.is_file():
        return [Row("family level: no benchmark table (make models builds it)", {}, "0", key="family_ndcg_at_10")]
    try:
        results = evaluate_ranker(ranker, benchmark)
    except FeatureSpecMismatch as exc:
        return [Row(f"family level: {exc}", {}, "0", key="family_ndcg_at_10")]
    by_label = {
        "TF-IDF cosine (raw text)": "tfidf",
        "BM25 (raw text)": "bm25",
        "MiniLM cosine (raw text, 256 tokens)": "minilm",
    }
    chosen: dict[str, MethodResult] = {"ranker": results[0]}
    chosen.update({by_label[r.method]: r for r in results if r.method in by_label})
    with np.load(benchmark) as data:
        test = data["split"] == "test"
        job, grade = data["job"][test], data["grade"][test]
        names = [str(n) for n in data["feature_names"]]
        if "required_skills_exact" in names:
            column = data["features"][test][:, names.index("required_skills_exact")]
            chosen["skills"] = evaluate_scores("skills", column, job, grade)
        chosen["random"] = evaluate_scores("random", np.random.default_rng(0).random(job.size), job, grade)
    count = f"{len(results[0].per_posting_ndcg)} postings"
    ndcg = {m: r.ndcg_at_10 for m, r in chosen.items()}
    return [
        Row(
            "family level NDCG@10 (grades by family)",
            ndcg,
            count,
            key="family_ndcg_at_10",
            target=">= 0.65",
            verdict=met_or_missed(ndcg["ranker"] >= 0.65),
        ),
        Row("family level MAP", {m: r.map for m, r in chosen.items()}, count, key="family_map"),
        Row(
            "family level AUC (same family vs unrelated)",
            {m: r.auc for m, r in chosen.items()},
            count,
            key="family_auc",
        ),
    ]


def measure(tables: Tables, ranker: OnnxRanker) -> SuiteResult:
    result = SuiteResult(_family_rows(ranker, tables.benchmark))
    table = tables.fit
    scores = fit_scores(table, ranker)
    real = table.real
    for label, postings, suffix in (
        ("all", np.ones_like(real), ""),
        ("real", real, "_real"),
        ("O*NET-written", ~real, "_onet"),
    ):
        measured = {m: occupation_level(table, s, postings) for m, s in _methods(table, scores, False).items()}
        ndcg = {m: r.ndcg_at_10 for m, r in measured.items()}
        name = f"occupation level NDCG@10 within families ({label} postings)"
        target = "beats every baseline" if not suffix else ""
        result.rows.append(
            Row(
                name,
                ndcg,
                f"{measured['ranker'].queries} postings",
                key=f"occupation_ndcg_at_10{suffix}",
                target=target,
                verdict=beats_every_baseline(ndcg) if target else "",
            )
        )
        result.rows.append(
            Row(
                f"occupation level MAP within families ({label} postings)",
                {m: r.map for m, r in measured.items()},
                f"{measured['ranker'].queries} postings",
                key=f"occupation_map{suffix}",
            )
        )
        if not suffix:
            result.per_query["occupation NDCG@10"] = {m: r.per_query for m, r in measured.items()}
    for width, group, key in ((5, "minor", "fit_auc_minor"), (2, "major", "fit_auc_major")):
        measured_auc = {m: fit_auc(table, s, width) for m, s in _methods(table, scores, True).items()}
        auc = {m: r.auc for m, r in measured_auc.items()}
        target, verdict = "", ""
        if group == "minor":
            target = ">= 0.80 and >= TF-IDF + 0.05"
            verdict = met_or_missed(auc["ranker"] >= 0.80 and auc["ranker"] >= auc["tfidf"] + 0.05)
            result.per_query["fit AUC per resume (same minor group)"] = {
                m: r.per_resume for m, r in measured_auc.items()
            }
        result.rows.append(
            Row(
                f"fit AUC, resume vs real postings (same {group} group)",
                auc,
                f"{measured_auc['ranker'].resumes} resumes",
                key=key,
                target=target,
                verdict=verdict,
            )
        )
    result.rows.extend(sensitivity_rows.rows(tables.sensitivity, ranker, result))
    for metric, key in (("map", "titles_map"), ("ndcg_at_10", "titles_ndcg_at_10")):
        title_results = {m: titles.evaluate(tables.titles, s) for m, s in tables.title_scores.items()}
        values = {m: float(getattr(r, metric)) for m, r in title_results.items()}
        result.rows.append(
            Row(
                f"job titles judged by people, {metric.replace('_at_', '@').upper()}",
                values,
                f"{title_results['ranker'].queries} queries",
                key=key,
            )
        )
    return result


def flat(result: SuiteResult) -> dict[str, float]:
    """The ranker's value of every row under its key, and each baseline's as `baseline_<method>_<key>`."""
    metrics: dict[str, float] = {}
    for row in result.rows:
        for method, value in row.values.items():
            metrics[row.key if method == "ranker" else f"baseline_{method}_{row.key}"] = float(value)
    return metrics


def suite_metrics(
    model_dir: Path, *, fast: bool = True, build_dir: Path = BUILD, feedback_lake: str = ""
) -> dict[str, float]:
    """The promotion gate's view of a candidate ranker (an ONNX ranker directory) on the current spec: the
    ranker's value of every row under its key, and each baseline's as `baseline_<method>_<key>`. `family_match`
    comes from the job-family classifier beside the ranker (`<dir>/../job_family`), else the served one."""
    from talent_tools.evaluation.ranking import feedback

    ranker = OnnxRanker.load(model_dir)
    sibling = model_dir.parent / "job_family"
    classifier = sibling if (sibling / "manifest.json").is_file() else MODELS_DIR / "job_family"
    result = measure(load_tables(fast, build_dir=build_dir, classifier=classifier), ranker)
    if feedback_lake:
        result.rows.append(feedback.lake_row(feedback_lake, ranker))
    return flat(result)
