"""Model artifacts on disk: a folder with a `manifest.json` that records the sha256 of every file.

Shared by every ONNX model the functions serve (encoder, skill tagger): a file whose checksum differs from
its manifest is refused at load, so a half-copied or swapped model never serves.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"
_CHUNK = 1 << 20


class ModelArtifactError(RuntimeError):
    """A model folder cannot be served; the message says which file and how to rebuild it."""


class ArtifactMissing(ModelArtifactError):
    """The manifest or a file it names is not there (artifacts are built, not committed)."""


class ArtifactMismatch(ModelArtifactError):
    """A file's sha256 differs from the manifest: corrupt, partial, or built by another export."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def file_record(path: Path) -> dict[str, Any]:
    """What a manifest stores for one file."""
    return {"sha256": sha256_file(path), "bytes": path.stat().st_size}


def read_manifest(folder: Path, rebuild_hint: str) -> dict[str, Any]:
    path = folder / MANIFEST
    if not path.is_file():
        raise ArtifactMissing(f"{path} not found: build the model first ({rebuild_hint})")
    manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(manifest.get("files"), dict):
        raise ModelArtifactError(f"{path} has no 'files' table: rebuild it ({rebuild_hint})")
    return manifest


def verify_files(folder: Path, manifest: dict[str, Any], names: list[str], rebuild_hint: str) -> None:
    """Refuse to serve unless each named file exists and matches its recorded sha256."""
    files: dict[str, Any] = manifest["files"]
    for name in names:
        path = folder / name
        record = files.get(name)
        if record is None:
            raise ModelArtifactError(f"{folder / MANIFEST} does not list {name}: rebuild it ({rebuild_hint})")
        if not path.is_file():
            raise ArtifactMissing(f"{path} not found: artifacts are built, not committed ({rebuild_hint})")
        actual = sha256_file(path)
        if actual != record["sha256"]:
            raise ArtifactMismatch(
                f"{path}: sha256 {actual[:12]}… does not match the manifest's {record['sha256'][:12]}…; "
                f"the file is corrupt or from another build ({rebuild_hint})"
            )
