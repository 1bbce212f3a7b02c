from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from talent.encoder import ArtifactMismatch, ArtifactMissing, Encoder, ModelArtifactError
from talent.encoder.artifact import file_record, read_manifest, sha256_file, verify_files
from tests.unit.encoder.conftest import require_artifact

HINT = "make models"


def folder_with(tmp_path: Path, files: dict[str, bytes], records: dict[str, dict[str, object]] | None = None) -> Path:
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    table = records if records is not None else {name: file_record(tmp_path / name) for name in files}
    (tmp_path / "manifest.json").write_text(json.dumps({"files": table}))
    return tmp_path


def test_a_file_hashes_to_the_sha256_of_its_bytes(tmp_path: Path) -> None:
    # Given a file of several MiB (hashed through a memory map) and an empty one (which cannot be mapped)
    data = bytes(range(256)) * (3 * 4096 + 7)
    (tmp_path / "model.onnx").write_bytes(data)
    (tmp_path / "empty").write_bytes(b"")

    # Then each digest is hashlib's over the file's bytes
    assert sha256_file(tmp_path / "model.onnx") == hashlib.sha256(data).hexdigest()
    assert sha256_file(tmp_path / "empty") == hashlib.sha256(b"").hexdigest()


def test_matching_files_pass(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {"model.onnx": b"weights", "tokenizer.json": b"{}"})
    verify_files(folder, read_manifest(folder, HINT), ["model.onnx", "tokenizer.json"], HINT)


def test_a_changed_file_is_refused_with_the_rebuild_command(tmp_path: Path) -> None:
    # Given a folder whose model no longer matches its manifest
    folder = folder_with(tmp_path, {"model.onnx": b"weights"})
    (folder / "model.onnx").write_bytes(b"weights, truncated")

    # Then verification names the file, the mismatch and the command that rebuilds it
    with pytest.raises(ArtifactMismatch, match=r"model\.onnx: sha256 .* does not match .*make models"):
        verify_files(folder, read_manifest(folder, HINT), ["model.onnx"], HINT)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {"model.onnx": b"weights"})
    (folder / "model.onnx").unlink()
    with pytest.raises(ArtifactMissing, match=r"not found.*make models"):
        verify_files(folder, read_manifest(folder, HINT), ["model.onnx"], HINT)


def test_a_file_the_manifest_does_not_list_is_refused(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {"model.onnx": b"weights"})
    with pytest.raises(ModelArtifactError, match=r"does not list tokenizer\.json"):
        verify_files(folder, read_manifest(folder, HINT), ["tokenizer.json"], HINT)


def test_a_folder_without_manifest_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ArtifactMissing, match=r"manifest\.json not found.*make models"):
        Encoder.load(tmp_path)


def test_the_encoder_refuses_a_model_that_differs_from_its_manifest(tmp_path: Path) -> None:
    # Given the real build, with the manifest's checksum of the model altered
    built = require_artifact()
    manifest = json.loads((built / "manifest.json").read_text())
    manifest["files"]["model.onnx"]["sha256"] = "0" * 64
    for name in ("model.onnx", "tokenizer.json"):
        (tmp_path / name).symlink_to(built / name)
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))

    # Then loading fails before any session is created
    with pytest.raises(ArtifactMismatch, match=r"model\.onnx"):
        Encoder.load(tmp_path)


def test_the_build_records_cosine_against_pytorch() -> None:
    manifest = json.loads((require_artifact() / "manifest.json").read_text())
    assert manifest["parity"]["sentences"]["int8"]["min"] >= 0.98
    assert manifest["serving"]["model"] == "model.onnx"
