"""Raw copies of parked records in the quarantine bucket: SSE-KMS, expiring (template.yaml), tenant-scoped.

Layout: tenants/<tenant>/candidates/<candidate>/parked/... when the record names both (erasure deletes the
candidate's prefix), tenants/<tenant>/unattributed/... when it names a tenant only, and unattributed/...
when it names none; the bucket's lifecycle rule removes all of them with the failure-queue messages.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import boto3
from botocore.exceptions import ClientError

from talent.adapters.aws_errors import raise_if_transient


def candidate_prefix(tenant: str, candidate_id: str) -> str:
    return f"tenants/{tenant}/candidates/{candidate_id}/"


def raw_record_key(tenant: str | None, candidate_id: str | None, topic: str, partition: int, offset: int) -> str:
    # Topic names are Kafka's alphabet ([A-Za-z0-9._-]); quoted anyway, the key is built from record fields.
    where = f"{quote(topic, safe='')}/{partition}/{offset}.json"
    if tenant and candidate_id:
        return f"{candidate_prefix(tenant, candidate_id)}parked/{where}"
    if tenant:
        return f"tenants/{tenant}/unattributed/{where}"
    return f"unattributed/{where}"


class S3Quarantine:
    """Implements RawRecordStore."""

    def __init__(self, bucket: str, client: Any | None = None) -> None:
        self._bucket = bucket
        self._s3: Any = client or boto3.client("s3")

    def keep(
        self,
        *,
        tenant: str | None,
        candidate_id: str | None,
        topic: str,
        partition: int,
        offset: int,
        body: bytes,
    ) -> str:
        key = raw_record_key(tenant, candidate_id, topic, partition, offset)
        try:
            self._s3.put_object(
                Bucket=self._bucket,
                Key=key,
                Body=body,
                ContentType="application/json",
                ServerSideEncryption="aws:kms",
            )
        except ClientError as exc:
            raise_if_transient(exc, "keep parked record")
            raise
        return f"s3://{self._bucket}/{key}"

    def delete_candidate(self, tenant: str, candidate_id: str) -> int:
        deleted = 0
        try:
            paginator = self._s3.get_paginator("list_objects_v2")
            for page in paginator.paginate(Bucket=self._bucket, Prefix=candidate_prefix(tenant, candidate_id)):
                keys = [{"Key": obj["Key"]} for obj in page.get("Contents", [])]
                if keys:
                    self._s3.delete_objects(Bucket=self._bucket, Delete={"Objects": keys, "Quiet": True})
                    deleted += len(keys)
        except ClientError as exc:
            raise_if_transient(exc, "delete parked records")
            raise
        return deleted
