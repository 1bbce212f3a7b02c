"""The event lake in S3: one Parquet object per row, Hive-partitioned `tenant=/date=/type=`.

    lake/tenant=<t>/date=<YYYY-MM-DD>/type=<screening|decision>/<row id>.parquet
    lake-index/tenant=<t>/candidate=<c>/<date>/<type>/<row id>     (empty; its name locates the row)

One object per row keeps every write idempotent (a redelivered event rewrites the same key) and erasure
exact (deleting a candidate's rows never rewrites anyone else's); Athena, Spark, DuckDB and pyarrow read the
layout as one table. A compaction job can merge old partitions once erasure has a row-level path there.
The index marker is written before the row, so a crash between the two leaves a marker without a row
(harmless) and never a row that erasure cannot find.
"""

from __future__ import annotations

import io
from typing import Any

import boto3
from botocore.exceptions import ClientError

from talent.adapters.aws_errors import raise_if_transient
from talent.domain.lake import LakeRow

LAKE_PREFIX = "lake/"
INDEX_PREFIX = "lake-index/"


def _key(tenant: str, day: str, row_type: str, row_id: str) -> str:
    return f"{LAKE_PREFIX}tenant={tenant}/date={day}/type={row_type}/{row_id}.parquet"


def row_key(row: LakeRow) -> str:
    return _key(row.tenant, row.occurred_at.date().isoformat(), row.type, row.row_id)


def _index_prefix(tenant: str, candidate_id: str) -> str:
    return f"{INDEX_PREFIX}tenant={tenant}/candidate={candidate_id}/"


def _marker_key(row: LakeRow) -> str:
    return f"{_index_prefix(row.tenant, row.candidate_id)}{row.occurred_at.date().isoformat()}/{row.type}/{row.row_id}"


def _row_key_of(marker: str, tenant: str) -> str:
    """The row a marker names: listing the index is enough to erase, no object is read."""
    day, row_type, row_id = marker.rsplit("/", 3)[1:]
    return _key(tenant, day, row_type, row_id)


def to_parquet(rows: list[LakeRow]) -> bytes:
    import pyarrow as pa  # imported on first write: keeps it off the screening cold start
    import pyarrow.parquet as pq

    # tenant/date/type live in the path (Hive partitions), not in the file
    records = [row.model_dump(mode="python", exclude={"tenant", "type"}) for row in rows]
    table = pa.Table.from_pylist(records, schema=_schema())
    sink = io.BytesIO()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue()


def _schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("row_id", pa.string()),
            ("occurred_at", pa.timestamp("us", tz="UTC")),
            ("application_id", pa.string()),
            ("candidate_id", pa.string()),
            ("job_id", pa.string()),
            ("job_version", pa.int64()),
            ("score", pa.float64()),
            ("model_version", pa.string()),
            ("feature_spec_version", pa.string()),
            ("feature_names", pa.list_(pa.string())),
            ("features", pa.list_(pa.float64())),
            ("from_stage", pa.string()),
            ("to_stage", pa.string()),
            ("overrides_recommendation", pa.bool_()),
        ]
    )


class S3Lake:
    """Implements EventLake."""

    def __init__(self, bucket: str, client: Any | None = None) -> None:
        self._bucket = bucket
        self._s3: Any = client or boto3.client("s3")

    def append(self, row: LakeRow) -> None:
        key = row_key(row)
        try:
            self._s3.put_object(Bucket=self._bucket, Key=_marker_key(row), Body=b"", ServerSideEncryption="aws:kms")
            self._s3.put_object(
                Bucket=self._bucket,
                Key=key,
                Body=to_parquet([row]),
                ContentType="application/vnd.apache.parquet",
                ServerSideEncryption="aws:kms",
            )
        except ClientError as exc:
            raise_if_transient(exc, "write lake row")
            raise

    def rows(self, row_type: str, tenant: str | None = None) -> list[dict[str, Any]]:
        """Every row of a type (of one tenant, or all), partition columns included: the training input."""
        import pyarrow.parquet as pq

        prefix = f"{LAKE_PREFIX}tenant={tenant}/" if tenant else LAKE_PREFIX
        found: list[dict[str, Any]] = []
        paginator = self._s3.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self._bucket, Prefix=prefix):
            for obj in page.get("Contents", []):
                parts = dict(p.split("=", 1) for p in obj["Key"].split("/")[1:-1])
                if parts.get("type") != row_type:
                    continue
                body = self._s3.get_object(Bucket=self._bucket, Key=obj["Key"])["Body"].read()
                for record in pq.read_table(io.BytesIO(body)).to_pylist():
                    found.append({**record, "tenant": parts["tenant"], "type": row_type})
        return found

    def delete_candidate(self, tenant: str, candidate_id: str) -> int:
        rows = 0
        try:
            paginator = self._s3.get_paginator("list_objects_v2")
            for page in paginator.paginate(Bucket=self._bucket, Prefix=_index_prefix(tenant, candidate_id)):
                markers = [obj["Key"] for obj in page.get("Contents", [])]
                if not markers:
                    continue
                keys = [_row_key_of(m, tenant) for m in markers]
                rows += len(keys)
                # rows first, markers after: a retried erasure still finds what it has not deleted yet
                self._delete(keys)
                self._delete(markers)
        except ClientError as exc:
            raise_if_transient(exc, "erase lake rows")
            raise
        return rows

    def _delete(self, keys: list[str]) -> None:
        for start in range(0, len(keys), 1000):
            chunk = [{"Key": k} for k in keys[start : start + 1000]]
            self._s3.delete_objects(Bucket=self._bucket, Delete={"Objects": chunk, "Quiet": True})
