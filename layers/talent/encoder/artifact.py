"""Model artifacts on disk: a folder with a `manifest.json` that records the sha256 of every file.

Shared by every ONNX model the functions serve (encoder, skill tagger): a file whose checksum differs from
its manifest is refused at load, so a half-copied or swapped model never serves.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
from pathlib import Path
from typing import Any

MANIFEST = "manifest.json"


class ModelArtifactError(RuntimeError):
    """A model folder cannot be served; the message says which file and how to rebuild it."""


class ArtifactMissing(ModelArtifactError):
    """The manifest or a file it names is not there (artifacts are built, not committed)."""


class ArtifactMismatch(ModelArtifactError):
    """A file's sha256 differs from the manifest: corrupt, partial, or built by another export."""


def sha256_file(path: Path) -> str:
    # One hash call over a memory map releases the GIL once. Read in chunks, the GIL is taken back after each
    # one, and beside a busy Python thread every take waits out the 5 ms switch interval: in 1 MiB chunks a
    # 58 MB model took 0.64 s instead of 0.05 s (models are verified in threads at cold start).
    with path.open("rb") as handle:
        if os.fstat(handle.fileno()).st_size == 0:
            return hashlib.sha256().hexdigest()  # an empty file cannot be mapped
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as view:
            return hashlib.sha256(view).hexdigest()


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
