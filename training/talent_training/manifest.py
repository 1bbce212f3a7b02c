"""Manifests for built model folders: checksums of every file plus how the files were built."""

from __future__ import annotations

import importlib.metadata
import json
import platform
from pathlib import Path
from typing import Any

from talent.encoder.artifact import MANIFEST, file_record

TOOLS = ("torch", "transformers", "sentence-transformers", "onnx", "onnxruntime", "tokenizers", "numpy")


def tool_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in TOOLS:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = "absent"
    return versions


def write_manifest(folder: Path, files: list[str], **sections: Any) -> Path:
    """Write `manifest.json` with a sha256 per file and the given sections, in a stable key order."""
    manifest: dict[str, Any] = {"format_version": 1, **sections}
    manifest["files"] = {name: file_record(folder / name) for name in sorted(files)}
    manifest["tools"] = tool_versions()
    path = folder / MANIFEST
    path.write_text(json.dumps(manifest, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    return path
