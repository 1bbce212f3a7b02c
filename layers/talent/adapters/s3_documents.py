"""Resume documents and parsed profiles in S3: the candidate's prefix under the tenant, SSE-KMS, bounded reads.

Everything about a candidate lives under one prefix, so erasure is one prefix delete.
"""

from __future__ import annotations

import hashlib
from typing import Any

import boto3
from botocore.exceptions import ClientError

from talent.adapters.aws_errors import error_code, raise_if_transient
from talent.domain.document_checks import file_extension
from talent.domain.errors import DocumentTooLargeToFetch, DocumentUnavailable
from talent.domain.models import StoredDocument
from talent.profile.models import ResumeProfile

_MISSING = frozenset({"NoSuchKey", "NoSuchBucket", "404", "NotFound", "AccessDenied", "403", "NoSuchVersion"})


def candidate_prefix(tenant: str, candidate_id: str) -> str:
    return f"tenants/{tenant}/candidates/{candidate_id}/"


def application_prefix(tenant: str, candidate_id: str, application_id: str) -> str:
    return f"{candidate_prefix(tenant, candidate_id)}applications/{application_id}/"


class S3Documents:
    """Implements DocumentStore and ProfileStore."""

    def __init__(self, bucket: str, client: Any | None = None) -> None:
        self._bucket = bucket
        self._s3: Any = client or boto3.client("s3")

    def read_external(self, bucket: str, key: str, version_id: str | None, max_bytes: int) -> bytes:
        kwargs: dict[str, Any] = {"Bucket": bucket, "Key": key}
        if version_id:
            kwargs["VersionId"] = version_id
        try:
            head = self._s3.head_object(**kwargs)
            if int(head["ContentLength"]) > max_bytes:
                raise DocumentTooLargeToFetch(int(head["ContentLength"]), max_bytes)
            # Read at most one byte past the limit: the object may have grown since the HEAD.
            body = self._s3.get_object(**kwargs, Range=f"bytes=0-{max_bytes}")["Body"].read()
        except ClientError as exc:
            if error_code(exc) in _MISSING:
                raise DocumentUnavailable(f"s3://{bucket}/{key} ({error_code(exc)})") from exc
            raise_if_transient(exc, "read document")
            raise
        if len(body) > max_bytes:
            raise DocumentTooLargeToFetch(len(body), max_bytes)
        return bytes(body)

    def put_resume(
        self, tenant: str, candidate_id: str, application_id: str, content: bytes, content_type: str
    ) -> StoredDocument:
        key = f"{application_prefix(tenant, candidate_id, application_id)}resume.{file_extension(content_type)}"
        digest = hashlib.sha256(content).hexdigest()
        self._put(key, content, content_type, digest)
        return StoredDocument(key=key, sha256=digest, size_bytes=len(content), content_type=content_type)

    def read_stored(self, document: StoredDocument, max_bytes: int) -> bytes:
        return self.read_external(self._bucket, document.key, None, max_bytes)

    def put_profile(self, tenant: str, candidate_id: str, application_id: str, profile: ResumeProfile) -> str:
        key = f"{application_prefix(tenant, candidate_id, application_id)}profile.json"
        body = profile.model_dump_json().encode()
        self._put(key, body, "application/json", hashlib.sha256(body).hexdigest())
        return key

    def get_profile(self, tenant: str, candidate_id: str, application_id: str) -> ResumeProfile | None:
        key = f"{application_prefix(tenant, candidate_id, application_id)}profile.json"
        try:
            body = self._s3.get_object(Bucket=self._bucket, Key=key)["Body"].read()
        except ClientError as exc:
            if error_code(exc) in _MISSING:
                return None
            raise_if_transient(exc, "read profile")
            raise
        return ResumeProfile.model_validate_json(body)

    def _put(self, key: str, body: bytes, content_type: str, digest: str) -> None:
        try:
            self._s3.put_object(
                Bucket=self._bucket,
                Key=key,
                Body=body,
                ContentType=content_type,
                ServerSideEncryption="aws:kms",
                Metadata={"sha256": digest},
            )
        except ClientError as exc:
            raise_if_transient(exc, "store object")
            raise

    def delete_candidate_documents(self, tenant: str, candidate_id: str) -> int:
        prefix = candidate_prefix(tenant, candidate_id)
        deleted = 0
        try:
            paginator = self._s3.get_paginator("list_objects_v2")
            for page in paginator.paginate(Bucket=self._bucket, Prefix=prefix):
                keys = [{"Key": obj["Key"]} for obj in page.get("Contents", [])]
                if keys:
                    self._s3.delete_objects(Bucket=self._bucket, Delete={"Objects": keys, "Quiet": True})
                    deleted += len(keys)
        except ClientError as exc:
            raise_if_transient(exc, "delete documents")
            raise
        return deleted
