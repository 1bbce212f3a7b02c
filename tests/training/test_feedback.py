"""HR decisions in the event lake become ranker training queries (moto S3 on 127.0.0.1, no network)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

torch = pytest.importorskip("torch", reason="tests/training need the training venv: .venv-train/bin/pytest")

import boto3  # noqa: E402
from talent_training.ranker.data import TrainingDataError, load_benchmark  # noqa: E402
from talent_training.ranker.feedback import feedback_from_rows, load_feedback, with_feedback  # noqa: E402
from talent_training.ranker.train import TrainConfig, train  # noqa: E402

from talent.adapters.s3_lake import S3Lake  # noqa: E402
from talent.contracts.events import ScreeningStatus  # noqa: E402
from talent.domain.lake import decision_row, screening_row  # noqa: E402
from talent.domain.models import Ranking, ScoreResult  # noqa: E402
from talent.features.spec import FeatureSpec  # noqa: E402
from talent_tools.local.processes import start_moto  # noqa: E402
from tests.factories import event  # noqa: E402
from tests.training.test_ranker import synthetic_table  # noqa: E402

SPEC = FeatureSpec.load()
T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def screened(application: str, job: str, first: float, version: int = 1, spec: str = SPEC.version) -> Ranking:
    features = dict.fromkeys(SPEC.names, 0.0)
    features[SPEC.names[0]] = first
    return Ranking(
        tenant="acme",
        application_id=application,
        candidate_id=f"cand-{application}",
        job_id=job,
        job_version=version,
        status=ScreeningStatus.SCREENED,
        result=ScoreResult(
            score=first,
            baseline=0.0,
            contributions={},
            features=features,
            model_version="m1",
            feature_spec_version=spec,
            input_sha256=f"{application}{version}".ljust(64, "0"),
        ),
        screened_at=T0 + timedelta(minutes=version),
    )


def decided(application: str, job: str, stage: str, minutes: int = 0) -> object:
    return event(
        "application.stage_changed",
        tenant="acme",
        event_id=f"evt-{application}-{stage}",
        application_id=application,
        candidate_id=f"cand-{application}",
        job_id=job,
        to_stage=stage,
    ).model_copy(update={"time": T0 + timedelta(hours=1, minutes=minutes)})


def rows(rankings: list[Ranking], decisions: list[object]) -> tuple[list[dict], list[dict]]:
    screening = [dict(screening_row(r).model_dump(), tenant="acme") for r in rankings]  # type: ignore[union-attr]
    return screening, [decision_row(d).model_dump() for d in decisions]  # type: ignore[arg-type]


def test_latest_decision_and_screening_are_joined_into_graded_queries() -> None:
    screening, decisions = rows(
        [
            screened("a1", "job-1", 0.9),
            screened("a2", "job-1", 0.1),
            screened("a2", "job-1", 0.2, version=2),  # the newer job version's features win
            screened("a3", "job-1", 0.5, spec="features.v0"),  # another spec: left out
            screened("b1", "job-2", 0.7),  # a job whose decisions are all one grade: no ordering to learn
            screened("b2", "job-2", 0.6),
        ],
        [
            decided("a1", "job-1", "interview"),
            decided("a1", "job-1", "hired", minutes=5),  # the latest decision counts
            decided("a2", "job-1", "rejected"),
            decided("a3", "job-1", "offer"),
            decided("b1", "job-2", "rejected"),
            decided("b2", "job-2", "rejected"),
            decided("c1", "job-3", "withdrawn"),  # says nothing about fit
        ],
    )
    feedback = feedback_from_rows(screening, decisions, SPEC.names, SPEC.version)
    assert feedback.queries == 1
    pairs = sorted(zip(feedback.grade.tolist(), feedback.x[:, 0].tolist(), strict=True))
    assert [g for g, _ in pairs] == [0, 2] and [round(v, 3) for _, v in pairs] == [0.2, 0.9]
    assert feedback.skipped["other_feature_spec"] == 1 and feedback.skipped["stage_without_signal"] == 1
    assert feedback.skipped["not_screened"] == 1 and feedback.skipped["single_grade_queries"] == 1


@pytest.fixture
def lake_bucket(tmp_path: Path) -> Iterator[str]:
    moto = start_moto(tmp_path / "logs")
    saved = dict(os.environ)
    os.environ.update(AWS_ENDPOINT_URL=f"http://{moto.address}", AWS_DEFAULT_REGION="us-east-1")
    boto3.client("s3").create_bucket(Bucket="lake")
    try:
        yield "lake"
    finally:
        os.environ.clear()
        os.environ.update(saved)
        moto.stop()


def test_feedback_from_the_lake_trains_the_ranker(lake_bucket: str, tmp_path: Path) -> None:
    lake = S3Lake(lake_bucket)
    for job in range(4):
        for i, (first, stage) in enumerate([(1.5, "hired"), (0.5, "interview"), (-1.0, "rejected")]):
            application = f"j{job}-a{i}"
            lake.append(screening_row(screened(application, f"job-{job}", first)))  # type: ignore[arg-type]
            lake.append(decision_row(decided(application, f"job-{job}", stage)))  # type: ignore[arg-type]
    feedback = load_feedback(f"s3://{lake_bucket}", SPEC.names, SPEC.version)
    assert (feedback.queries, len(feedback.grade)) == (4, 12)

    benchmark = load_benchmark(synthetic_table(tmp_path / "table.npz"))
    merged = with_feedback(benchmark, feedback)
    before, after = benchmark.splits["train"], merged.splits["train"]
    assert after.x.shape[0] == before.x.shape[0] + 12 and len(after.jobs) == len(before.jobs) + 4
    assert set(after.jobs).isdisjoint(benchmark.splits["test"].jobs)
    _, metrics = train(merged, TrainConfig(steps=40, eval_every=20))
    # One validation posting is ranked perfectly from step 20 on, so that step is kept; the monotone shapes
    # start flat and reach 0.89 on the test posting by then (the unconstrained ones reached 0.9).
    assert metrics["test_ndcg_at_10"] > 0.85


def test_a_lake_uri_that_is_not_a_bucket_is_refused() -> None:
    with pytest.raises(TrainingDataError, match="s3://BUCKET"):
        load_feedback("s3://lake/lake/tenant=acme", SPEC.names, SPEC.version)
