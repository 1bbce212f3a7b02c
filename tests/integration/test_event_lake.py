"""The event lake against moto server: Hive-partitioned Parquet, idempotent rows, exact erasure."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import boto3
import pyarrow.parquet as pq

from talent.adapters.s3_lake import S3Lake
from talent.contracts.events import ScreeningStatus
from talent.domain.lake import decision_row, screening_row
from talent.domain.models import Ranking, ScoreResult
from tests.factories import event

NOW = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


def ranking(tenant: str, application_id: str, candidate_id: str) -> Ranking:
    result = ScoreResult(
        score=1.25,
        baseline=0.5,
        contributions={"skills_required": 0.5, "semantic_resume": 0.25},
        features={"skills_required": 0.8, "semantic_resume": 0.41},
        model_version="ranker-7",
        feature_spec_version="features.v1",
        input_sha256="a" * 64,
    )
    return Ranking(
        tenant=tenant,
        application_id=application_id,
        candidate_id=candidate_id,
        job_id="job-1",
        job_version=3,
        status=ScreeningStatus.SCREENED,
        result=result,
        screened_at=NOW,
    )


def keys(bucket: str, prefix: str) -> list[str]:
    listed = boto3.client("s3").list_objects_v2(Bucket=bucket, Prefix=prefix)
    return sorted(o["Key"] for o in listed.get("Contents", []))


def test_rows_are_partitioned_parquet_rewritten_not_duplicated_and_erased_exactly(provisioned, unique):
    bucket = provisioned.refs["LakeBucket"]
    lake = S3Lake(bucket)
    tenant = f"t-{unique}"
    screened = screening_row(ranking(tenant, "app-1", "cand-1"))
    assert screened is not None
    lake.append(screened)
    lake.append(screened)  # a redelivered event: the same row id, the same object
    decided = decision_row(
        event("application.stage_changed", tenant=tenant, application_id="app-1", candidate_id="cand-1")
    )
    lake.append(decided)
    neighbour = screening_row(ranking(tenant, "app-2", "cand-2"))
    assert neighbour is not None
    lake.append(neighbour)

    data_keys = keys(bucket, f"lake/tenant={tenant}/")
    assert len(data_keys) == 3
    assert f"lake/tenant={tenant}/date=2026-11-26/type=screening/{screened.row_id}.parquet" in data_keys
    body = boto3.client("s3").get_object(Bucket=bucket, Key=data_keys[-1])["Body"].read()
    columns = pq.read_table(io.BytesIO(body)).column_names
    assert "features" in columns and "tenant" not in columns  # partition columns live in the path

    rows = lake.rows("screening", tenant)
    assert sorted(r["application_id"] for r in rows) == ["app-1", "app-2"]
    first = next(r for r in rows if r["application_id"] == "app-1")
    assert dict(zip(first["feature_names"], first["features"], strict=True)) == {
        "semantic_resume": 0.41,
        "skills_required": 0.8,
    }
    assert [r["to_stage"] for r in lake.rows("decision", tenant)] == ["interview"]

    assert lake.delete_candidate(tenant, "cand-1") == 2
    assert [r["candidate_id"] for r in lake.rows("screening", tenant)] == ["cand-2"]
    assert lake.rows("decision", tenant) == []
    assert not keys(bucket, f"lake-index/tenant={tenant}/candidate=cand-1/")
    assert lake.delete_candidate(tenant, "cand-1") == 0  # a retried erasure finds nothing left
