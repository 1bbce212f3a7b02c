"""The promoted models, fetched at cold start from the pointer training publishes (an S3 manifest).

Pointer (`s3://<artifacts>/models/champion.json`): {"version", "feature_spec_sha256", "files": {relative
path: {"key", "sha256", "bytes"}}}. The ranker and the job-family classifier come from the pointer; the
encoder, the taxonomy and the skill tagger stay those of the image (they change with code, not with
training). Every file is checked against its sha256; a bad bundle raises and the caller keeps serving the
image's models.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from talent.encoder.artifact import ArtifactMismatch, ModelArtifactError

BUNDLED = (
    "ranker/model.onnx",
    "ranker/manifest.json",
    "ranker/feature_spec.json",
    "job_family/model.onnx",
    "job_family/manifest.json",
)
# Per job-family kind (`talent.ranking.family_classifier`): the token-input classifier's tokenizer, the terms kind's
# vocabulary. A kind's loader refuses a bundle without its file.
OPTIONAL = ("job_family/tokenizer.json", "job_family/terms.npz")
FROM_IMAGE = ("encoder", "skills", "skill_tagger", "lexical")


def split_s3_uri(uri: str) -> tuple[str, str]:
    if not uri.startswith("s3://") or "/" not in uri[5:]:
        raise ValueError(f"not an s3://bucket/key URI: {uri!r}")
    bucket, key = uri[5:].split("/", 1)
    return bucket, key


def fetch_bundle(s3: Any, pointer_uri: str, image_models: Path, cache_dir: Path) -> tuple[Path, str]:
    """Download the champion into `cache_dir/v<version>` (once), link the image's own models (FROM_IMAGE) beside
    it, and return (folder, version). Raises ModelArtifactError on a missing or altered file."""
    bucket, key = split_s3_uri(pointer_uri)
    pointer = json.loads(s3.get_object(Bucket=bucket, Key=key)["Body"].read())
    version = str(pointer["version"])
    files: dict[str, dict[str, Any]] = pointer["files"]
    missing = [name for name in BUNDLED if name not in files]
    if missing:
        raise ModelArtifactError(f"{pointer_uri} (version {version}) lacks {missing}")
    folder = cache_dir / f"v{version}"
    for name, record in files.items():
        target = folder / name
        if not target.is_file() or hashlib.sha256(target.read_bytes()).hexdigest() != record["sha256"]:
            target.parent.mkdir(parents=True, exist_ok=True)
            body = s3.get_object(Bucket=bucket, Key=record["key"])["Body"].read()
            digest = hashlib.sha256(body).hexdigest()
            if digest != record["sha256"]:
                raise ArtifactMismatch(
                    f"s3://{bucket}/{record['key']}: sha256 {digest[:12]}… differs from the pointer's "
                    f"{record['sha256'][:12]}… (version {version}); keeping the current models"
                )
            target.write_bytes(body)
    for name in FROM_IMAGE:
        link = folder / name
        if not link.exists():
            link.symlink_to(image_models / name, target_is_directory=True)
    return folder, version
