"""HR feedback from the event lake as extra training queries for the ranker.

An application's latest HR decision (a `decision` row) is joined with its latest screening (the `screening`
row: the exact feature vector the model saw). Grades: hired or offer 2, interview or assessment 1,
rejected 0; other stages (applied, screening, withdrawn) say nothing about fit and are left out. Each
(tenant, job) becomes one query; a query needs two different grades to teach an ordering. Screenings
under another feature-spec version are left out (their features mean something else).

Feedback only adds training queries: evaluation stays on the held-out public benchmark, so a promotion
still has to beat the champion there. HR decisions can carry human bias; the features stay blind, and the
counterfactual test and fairness report apply to every model trained this way.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import torch

from talent_tools.evaluation.ranking.feedback import GRADE_OF_STAGE, latest_per_application
from talent_training.ranker.data import Benchmark, Split, TrainingDataError


@dataclass(frozen=True)
class Feedback:
    x: np.ndarray  # [N, F] float32, columns in the spec's order
    grade: np.ndarray  # [N] int64
    query: np.ndarray  # [N] int64, one per (tenant, job)
    skipped: dict[str, int]

    @property
    def queries(self) -> int:
        return len(set(self.query.tolist()))


def feedback_from_rows(
    screenings: list[dict[str, Any]], decisions: list[dict[str, Any]], feature_names: list[str], spec_version: str
) -> Feedback:
    skipped: dict[str, int] = defaultdict(int)
    scored = latest_per_application(
        [r for r in screenings if r["feature_spec_version"] == spec_version],
        key=lambda r: (r["job_version"], r["occurred_at"]),
    )
    skipped["other_feature_spec"] = len({(r["tenant"], r["application_id"]) for r in screenings}) - len(scored)
    decided = latest_per_application(decisions, key=lambda r: r["occurred_at"])
    groups: dict[tuple[str, str], list[tuple[list[float], int]]] = defaultdict(list)
    for at, decision in decided.items():
        grade = GRADE_OF_STAGE.get(decision["to_stage"])
        screening = scored.get(at)
        if grade is None:
            skipped["stage_without_signal"] += 1
        elif screening is None:
            skipped["not_screened"] += 1
        else:
            values = dict(zip(screening["feature_names"], screening["features"], strict=True))
            if set(values) != set(feature_names):
                skipped["other_feature_names"] += 1
                continue
            groups[(at[0], decision["job_id"])].append(([values[n] for n in feature_names], grade))
    x, grade_column, query = [], [], []
    for number, members in enumerate(g for g in groups.values() if len({m[1] for m in g}) >= 2):
        for features, grade in members:
            x.append(features)
            grade_column.append(grade)
            query.append(number)
    skipped["single_grade_queries"] = sum(1 for g in groups.values() if len({m[1] for m in g}) < 2)
    return Feedback(
        x=np.asarray(x, dtype=np.float32).reshape(-1, len(feature_names)),
        grade=np.asarray(grade_column, dtype=np.int64),
        query=np.asarray(query, dtype=np.int64),
        skipped=dict(skipped),
    )


def load_feedback(lake_uri: str, feature_names: list[str], spec_version: str) -> Feedback:
    """Read the lake at `s3://bucket` (AWS_ENDPOINT_URL applies, as everywhere)."""
    if not lake_uri.startswith("s3://") or "/" in lake_uri[5:].strip("/"):
        raise TrainingDataError(f"--feedback-lake takes s3://BUCKET (the lake bucket), not {lake_uri!r}")
    from talent.adapters.s3_lake import S3Lake

    lake = S3Lake(lake_uri[5:].strip("/"))
    return feedback_from_rows(lake.rows("screening"), lake.rows("decision"), feature_names, spec_version)


def with_feedback(benchmark: Benchmark, feedback: Feedback) -> Benchmark:
    """The benchmark with the feedback queries appended to its training split (new query ids)."""
    if feedback.queries == 0:
        return benchmark
    train = benchmark.splits["train"]
    offset = int(max(int(s.job.max()) for s in benchmark.splits.values() if s.job.numel()) + 1)
    merged = Split(
        x=torch.cat([train.x, torch.from_numpy(feedback.x)]),
        grade=torch.cat([train.grade, torch.from_numpy(feedback.grade)]),
        job=torch.cat([train.job, torch.from_numpy(feedback.query + offset)]),
    )
    return replace(benchmark, splits={**benchmark.splits, "train": merged})
