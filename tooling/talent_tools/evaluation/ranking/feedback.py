"""HR feedback from the event lake as a row of the suite: how the ranker orders the people HR advanced.

The same reading as the training side (`talent_training.ranker.feedback`, which adds these as training
queries): an application's latest decision joined with its latest screening under this feature spec (the
exact features the model saw); hired or offer 2, interview or assessment 1, rejected 0, other stages say
nothing. Each (tenant, job) with two different grades is a query: NDCG@10 of the ranker, and of chance. The
lake holds features, not texts, so the text baselines have no value here. HR decisions can carry human
bias: this row shows agreement with HR, not fit.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import numpy as np
import numpy.typing as npt

from talent.ranking.ranker import OnnxRanker
from talent_tools.evaluation.ranking.result import Row
from talent_tools.ranking.metrics import ndcg_at

GRADE_OF_STAGE = {"hired": 2, "offer": 2, "interview": 1, "assessment": 1, "rejected": 0}
Query = tuple[npt.NDArray[np.float32], npt.NDArray[np.int8]]


def latest_per_application(rows: list[dict[str, Any]], key: Any) -> dict[tuple[str, str], dict[str, Any]]:
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        at = (row["tenant"], row["application_id"])
        if at not in latest or key(row) > key(latest[at]):
            latest[at] = row
    return latest


def queries(
    screenings: list[dict[str, Any]], decisions: list[dict[str, Any]], feature_names: list[str], spec_version: str
) -> list[Query]:
    scored = latest_per_application(
        [r for r in screenings if r["feature_spec_version"] == spec_version],
        key=lambda r: (r["job_version"], r["occurred_at"]),
    )
    groups: dict[tuple[str, str], list[tuple[list[float], int]]] = defaultdict(list)
    for at, decision in latest_per_application(decisions, key=lambda r: r["occurred_at"]).items():
        grade = GRADE_OF_STAGE.get(decision["to_stage"])
        screening = scored.get(at)
        if grade is None or screening is None:
            continue
        values = dict(zip(screening["feature_names"], screening["features"], strict=True))
        if set(values) == set(feature_names):
            groups[(at[0], decision["job_id"])].append(([values[n] for n in feature_names], grade))
    return [
        (np.asarray([m[0] for m in g], dtype=np.float32), np.asarray([m[1] for m in g], dtype=np.int8))
        for g in groups.values()
        if len({m[1] for m in g}) >= 2
    ]


def row(found: list[Query], ranker: OnnxRanker) -> Row:
    rng = np.random.default_rng(0)
    ranked = [ndcg_at(ranker.score_matrix(x)[0], g, 10) for x, g in found]
    chance = [ndcg_at(rng.random(g.size), g, 10) for _, g in found]
    values = {"ranker": float(np.mean(ranked)), "random": float(np.mean(chance))} if found else {}
    return Row("HR feedback from the lake, NDCG@10 per job", values, f"{len(found)} jobs", key="feedback_ndcg_at_10")


def lake_row(lake_uri: str, ranker: OnnxRanker) -> Row:
    """`lake_uri` is s3://BUCKET, the lake bucket (AWS_ENDPOINT_URL applies)."""
    from talent.adapters.s3_lake import S3Lake

    if not lake_uri.startswith("s3://") or "/" in lake_uri[5:].strip("/"):
        raise ValueError(f"--feedback-lake takes s3://BUCKET (the lake bucket), not {lake_uri!r}")
    lake = S3Lake(lake_uri[5:].strip("/"))
    found = queries(lake.rows("screening"), lake.rows("decision"), ranker.spec.names, ranker.spec.version)
    return row(found, ranker)
