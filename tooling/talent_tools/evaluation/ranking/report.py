"""The fit suite as a markdown table (ranker and every baseline per row, targets marked) and its plots."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from talent_tools.evaluation.ranking.fit_rows import fit_auc, occupation_level
from talent_tools.evaluation.ranking.fit_table import FitTable
from talent_tools.evaluation.ranking.result import SuiteResult
from talent_tools.evaluation.ranking.sensitivity import KINDS
from talent_tools.evaluation.ranking.sensitivity_rows import evaluate
from talent_tools.evaluation.ranking.suite import LABELS, METHODS


def _cell(value: float | None) -> str:
    return "n/a" if value is None or math.isnan(value) else f"{value:.3f}"


def table(result: SuiteResult) -> str:
    header = ["row", *(LABELS[m] for m in METHODS), "n", "target"]
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * len(METHODS) + "---|---|"]
    for row in result.rows:
        cells = [_cell(row.values.get(m)) for m in METHODS]
        target = f"{row.target}: **{row.verdict}**" if row.target else ""
        arrow = "" if row.higher_is_better else " (lower is better)"
        lines.append(f"| {row.name}{arrow} | " + " | ".join(cells) + f" | {row.count} | {target} |")
    return "\n".join(lines)


def examples(result: SuiteResult) -> str:
    lines = []
    for kind, ids in result.examples.items():
        if ids:
            lines.append(f"- {kind}: {', '.join(ids)}")
    return "Violating cases (posting/resume ids), first five per kind:\n" + "\n".join(lines) if lines else ""


def inputs(fit: FitTable) -> str:
    sources: dict[str, int] = {}
    for source in fit.posting_sources:
        sources[source] = sources.get(source, 0) + 1
    described = ", ".join(f"{n} {s}" for s, n in sorted(sources.items()))
    with_family = sum(1 for f in fit.posting_families if f)
    return (
        f"Inputs: {len(fit.resume_ids)} held-out resumes with an occupation; postings {described} "
        f"({with_family} with a family for the within-family rows)."
    )


def features_alone(fit: FitTable) -> str:
    """Each feature as a scorer on its own: which carry fit signal, which are inverted (AUC < 0.5)."""
    every = np.ones(len(fit.posting_ids), dtype=bool)
    lines = [
        "| feature alone | occupation NDCG@10 | fit AUC (minor) | fit AUC (major) |",
        "|---|---:|---:|---:|",
    ]
    for i, name in enumerate(fit.feature_names):
        scores = fit.features[..., i]
        ndcg = occupation_level(fit, scores, every).ndcg_at_10
        lines.append(
            f"| {name} | {_cell(ndcg)} | {_cell(fit_auc(fit, scores).auc)} | {_cell(fit_auc(fit, scores, 2).auc)} |"
        )
    return "\n".join(lines)


def features_sensitivity(cases: dict[str, npt.NDArray[Any]]) -> str:
    """Per feature and edit, how many cases move it the wrong way: what a monotone ranker must not weigh up."""
    names = [str(n) for n in cases["feature_names"]]
    header = "| feature | " + " | ".join(KINDS) + " |"
    lines = [header, "|---|" + "---:|" * len(KINDS)]
    for i, name in enumerate(names):
        found = evaluate(cases, cases["original"][:, i], cases["variant"][:, i])
        lines.append(f"| {name} | " + " | ".join(f"{r.violations}/{r.cases}" for r in found) + " |")
    return "Cases moving each feature the wrong way (weakened: not lower)\n\n" + "\n".join(lines)


def plot(result: SuiteResult, out: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    written = []
    rows = [r for r in result.rows if r.values]
    figure, axis = plt.subplots(figsize=(10, 0.45 * len(rows) * len(METHODS) / 3 + 1.5))
    height = 0.8 / len(METHODS)
    for i, method in enumerate(METHODS):
        values = [r.values.get(method, math.nan) for r in rows]
        positions = [k + i * height for k in range(len(rows))]
        axis.barh(positions, values, height=height, label=LABELS[method])
    axis.set_yticks([k + 0.4 - height / 2 for k in range(len(rows))], [r.name for r in rows], fontsize=6)
    axis.invert_yaxis()
    axis.legend(fontsize=7, loc="lower right")
    axis.set_xlim(0, 1)
    figure.tight_layout()
    path = out / "fit_suite_rows.png"
    figure.savefig(path, dpi=110)
    plt.close(figure)
    written.append(path)
    for title, per_method in result.per_query.items():
        figure, axis = plt.subplots(figsize=(8, 3.5))
        methods = [m for m in METHODS if per_method.get(m)]
        axis.boxplot([per_method[m] for m in methods], orientation="horizontal")
        axis.set_yticks(range(1, len(methods) + 1), [LABELS[m] for m in methods], fontsize=7)
        axis.set_xlabel(title)
        figure.tight_layout()
        path = out / ("fit_suite_" + "".join(c if c.isalnum() else "_" for c in title.lower()).strip("_") + ".png")
        figure.savefig(path, dpi=110)
        plt.close(figure)
        written.append(path)
    return written
