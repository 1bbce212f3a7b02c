"""A function serves the promoted bundle only when it is sound; otherwise the image's models keep serving."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError

from talent.adapters.promoted_models import served_model
from talent.data_paths import MODELS_DIR
from talent.ranking.ranker import OnnxRanker
from talent.runtime.model_bundle import BUNDLED

POINTER = "s3://artifacts/models/champion.json"


class FakeS3:
    def __init__(self, objects: dict[str, bytes]) -> None:
        self.objects = objects

    def get_object(self, Bucket: str, Key: str) -> dict[str, Any]:
        if Key not in self.objects:
            raise ClientError({"Error": {"Code": "NoSuchKey", "Message": "absent"}}, "GetObject")
        return {"Body": io.BytesIO(self.objects[Key])}


def published(tamper: str | None = None) -> FakeS3:
    """The image's own ranker and classifier published as version 7 (optionally one file altered after)."""
    objects, files = {}, {}
    for name in BUNDLED:
        source = MODELS_DIR / name
        if not source.is_file():
            pytest.fail(f"{source} is missing: `make models` builds it", pytrace=False)
        body = source.read_bytes()
        key = f"models/v7/{name}"
        files[name] = {"key": key, "sha256": hashlib.sha256(body).hexdigest(), "bytes": len(body)}
        objects[key] = body + (b"\0" if name == tamper else b"")
    objects["models/champion.json"] = json.dumps({"version": "7", "files": files}).encode()
    return FakeS3(objects)


def test_a_sound_bundle_is_served(tmp_path: Path) -> None:
    model = served_model(POINTER, s3=published(), cache_dir=tmp_path)
    assert model.ranker.version == OnnxRanker.load(MODELS_DIR / "ranker").version
    assert (tmp_path / "v7" / "ranker" / "model.onnx").is_file()  # served from the downloaded bundle


def test_nothing_published_yet_serves_the_image_models(tmp_path: Path) -> None:
    model = served_model(POINTER, s3=FakeS3({}), cache_dir=tmp_path)
    assert model.ranker.version == OnnxRanker.load(MODELS_DIR / "ranker").version


def test_a_tampered_bundle_is_refused_and_the_image_models_keep_serving(tmp_path: Path) -> None:
    model = served_model(POINTER, s3=published(tamper="ranker/model.onnx"), cache_dir=tmp_path)
    assert model.ranker.version == OnnxRanker.load(MODELS_DIR / "ranker").version
    assert not (tmp_path / "v7" / "ranker" / "model.onnx").exists()  # never written
