"""`talent eval ranker`: the ranker against TF-IDF, BM25 and raw MiniLM cosine on the held-out pairs.

Held out: test resumes (20 % of livecareer by ID hash) against each family's test posting (an O*NET
occupation no training pair used). Per posting: NDCG@10 (grades 2/1/0), MAP and ROC AUC (same family vs
unrelated); the table shows means over the 24 postings.

Then the fit suite of issue 13 (`talent_tools.evaluation.ranking`): occupation level within families, resume-centric
fit AUC, requirement sensitivity, matched vs weakened, job titles judged by people, each for the ranker and
every baseline, from tables cached under models/ranker/build/ (`--fast`: the small samples CI runs).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from talent.ranking.ranker import OnnxRanker
from talent_tools.ranking.benchmark import BASELINES, BENCHMARK_PATH
from talent_tools.ranking.metrics import average_precision, ndcg_at, roc_auc


@dataclass(frozen=True)
class MethodResult:
    method: str
    ndcg_at_10: float
    map: float
    auc: float
    per_posting_ndcg: list[float]


def evaluate_scores(
    method: str, scores: npt.NDArray[np.floating], job: npt.NDArray[np.int32], grade: npt.NDArray[np.int8]
) -> MethodResult:
    ndcg, ap, auc = [], [], []
    for j in sorted(set(job.tolist())):
        rows = job == j
        s, g = scores[rows], grade[rows]
        ndcg.append(ndcg_at(s, g, 10))
        ap.append(average_precision(s, g == 2))
        auc.append(roc_auc(s, g == 2, g == 0))
    return MethodResult(method, float(np.mean(ndcg)), float(np.mean(ap)), float(np.nanmean(auc)), ndcg)


def evaluate_ranker(ranker: OnnxRanker, benchmark: Path = BENCHMARK_PATH) -> list[MethodResult]:
    data = np.load(benchmark)
    ranker.spec.require(str(data["spec_sha256"]), str(data["spec_version"]), f"the benchmark table {benchmark}")
    test = data["split"] == "test"
    job, grade = data["job"][test], data["grade"][test]
    features = data["features"][test].astype(np.float32)
    scores, _ = ranker.score_matrix(features)
    results = [evaluate_scores("ranker (ONNX, additive)", scores, job, grade)]
    semantic = ranker.spec.names.index("semantic_resume")
    results.append(
        evaluate_scores("MiniLM cosine, blind profile text (feature alone)", features[:, semantic], job, grade)
    )
    labels = {
        "tfidf": "TF-IDF cosine (raw text)",
        "bm25": "BM25 (raw text)",
        "minilm": "MiniLM cosine (raw text, 256 tokens)",
    }
    for name in BASELINES:
        results.append(evaluate_scores(labels[name], data[f"baseline_{name}"][test], job, grade))
    return results


def table(results: list[MethodResult]) -> str:
    lines = ["| method | NDCG@10 | MAP | AUC |", "|---|---:|---:|---:|"]
    lines += [f"| {r.method} | {r.ndcg_at_10:.3f} | {r.map:.3f} | {r.auc:.3f} |" for r in results]
    return "\n".join(lines)


TARGETS = {"TF-IDF cosine (raw text)": 0.10, "MiniLM cosine (raw text, 256 tokens)": 0.05}


def target_lines(results: list[MethodResult]) -> list[str]:
    ranker = results[0].ndcg_at_10
    lines = []
    for r in results:
        if r.method in TARGETS:
            gain = ranker - r.ndcg_at_10
            verdict = "met" if gain >= TARGETS[r.method] else "MISSED"
            lines.append(f"NDCG@10 gain over {r.method}: {gain:+.3f} (target +{TARGETS[r.method]:.2f}: {verdict})")
    return lines


def plot(results: list[MethodResult], ranker: OnnxRanker, benchmark: Path, out: Path) -> list[Path]:
    """Per-posting NDCG@10 of every method, and the ranker's shape function per feature."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    figure, axis = plt.subplots(figsize=(9, 4))
    axis.boxplot([r.per_posting_ndcg for r in results], orientation="horizontal")
    axis.set_yticks(range(1, len(results) + 1), [r.method for r in results], fontsize=7)
    axis.set_xlabel("NDCG@10 per held-out posting (24 postings)")
    figure.tight_layout()
    methods = out / "ranker_ndcg.png"
    figure.savefig(methods, dpi=120)
    plt.close(figure)

    data = np.load(benchmark)
    features = data["features"][data["split"] == "train"].astype(np.float32)
    names = ranker.spec.names
    columns = 4
    figure, axes = plt.subplots((len(names) + columns - 1) // columns, columns, figsize=(12, 7))
    for i, (name, axis) in enumerate(zip(names, axes.flat, strict=False)):
        low, high = np.percentile(features[:, i], [1, 99])
        grid = np.tile(features.mean(axis=0), (50, 1))
        grid[:, i] = np.linspace(low, high, 50)
        _, contributions = ranker.score_matrix(grid.astype(np.float32))
        axis.plot(grid[:, i], contributions[:, i])
        axis.set_title(name, fontsize=8)
    for axis in list(axes.flat)[len(names) :]:
        axis.set_visible(False)
    figure.tight_layout()
    shapes = out / "ranker_shapes.png"
    figure.savefig(shapes, dpi=100)
    plt.close(figure)
    return [methods, shapes]


def main(argv: list[str] | None = None) -> int:
    import argparse
    import sys
    import time

    from talent.data_paths import MODELS_DIR as MODELS
    from talent_tools.evaluation.ranking import feedback, report
    from talent_tools.evaluation.ranking.suite import load_tables, measure

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--benchmark", type=Path, default=BENCHMARK_PATH)
    parser.add_argument("--model", type=Path, default=MODELS / "ranker")
    parser.add_argument("--fast", action="store_true", help="the fit suite on small fixed-seed samples (what CI runs)")
    parser.add_argument("--feedback-lake", default="", help="s3://BUCKET: add the HR feedback row from the event lake")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    ranker = OnnxRanker.load(args.model)
    results = evaluate_ranker(ranker, args.benchmark)
    plots = plot(results, ranker, args.benchmark, args.benchmark.parent)
    tables = load_tables(args.fast, benchmark=args.benchmark)
    suite = measure(tables, ranker)
    if args.feedback_lake:
        suite.rows.append(feedback.lake_row(args.feedback_lake, ranker))
    plots += report.plot(suite, args.benchmark.parent)
    if args.json:
        from talent_tools.evaluation import json_report

        json_report.write(
            {
                "ranker": ranker.version,
                "benchmark": {
                    "path": args.benchmark,
                    "methods": [{k: v for k, v in asdict(r).items() if k != "per_posting_ndcg"} for r in results],
                    "targets": target_lines(results),
                },
                "fit_suite": {
                    "sample": "fast" if args.fast else "full",
                    "rows": suite.rows,
                    "examples": suite.examples,
                },
                "plots": plots,
                "seconds": time.perf_counter() - started,
            }
        )
        return 0
    sys.stdout.write(f"Ranker {ranker.version} on held-out livecareer x O*NET postings ({args.benchmark})\n\n")
    sys.stdout.write(table(results) + "\n\n" + "\n".join(target_lines(results)) + "\n")
    sample = "fast sample (small: its verdicts are indicative, the full run's count)" if args.fast else "full run"
    sys.stdout.write(f"\nFit suite (issue 13), {sample}: ranker and baselines per row\n\n")
    sys.stdout.write(report.inputs(tables.fit) + "\n\n" + report.table(suite) + "\n\n")
    sys.stdout.write(report.examples(suite) + "\n\n" + report.features_alone(tables.fit) + "\n\n")
    sys.stdout.write(report.features_sensitivity(tables.sensitivity) + "\n\n")
    if not args.feedback_lake:
        sys.stdout.write("HR feedback row: no lake given (--feedback-lake s3://BUCKET adds it)\n")
    for path in plots:
        sys.stdout.write(f"plot: {path}\n")
    sys.stdout.write(f"{time.perf_counter() - started:.0f} s\n")
    return 0
