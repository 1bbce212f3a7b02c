"""Publish a promoted bundle to S3: the files under a version prefix first, then the pointer (the switch)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from talent.features.spec import FeatureSpec
from talent.runtime.model_bundle import BUNDLED, OPTIONAL, split_s3_uri


def publish_bundle(
    s3: Any, out: Path, pointer_uri: str, version: str, spec: FeatureSpec, metrics: dict[str, float]
) -> dict[str, Any]:
    bucket, pointer_key = split_s3_uri(pointer_uri)
    prefix = pointer_key.rsplit("/", 1)[0] + f"/v{version}" if "/" in pointer_key else f"v{version}"
    files = {}
    for name in (*BUNDLED, *(n for n in OPTIONAL if (out / n).is_file())):
        body = (out / name).read_bytes()
        key = f"{prefix}/{name}"
        s3.put_object(Bucket=bucket, Key=key, Body=body, ServerSideEncryption="aws:kms")
        files[name] = {"key": key, "sha256": hashlib.sha256(body).hexdigest(), "bytes": len(body)}
    pointer = {
        "version": version,
        "feature_spec_version": spec.version,
        "feature_spec_sha256": spec.sha256,
        "metrics": metrics,
        "published_at": datetime.now(UTC).isoformat(),
        "files": files,
    }
    s3.put_object(
        Bucket=bucket,
        Key=pointer_key,
        Body=json.dumps(pointer, indent=2).encode(),
        ContentType="application/json",
        ServerSideEncryption="aws:kms",
    )
    return pointer
