"""A fresh training container builds the models the featurizer reads and training does not produce."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("torch", reason="tests/training need the training venv: .venv-train/bin/pytest")

import talent_training.encoder.export as encoder_export
import talent_training.skill_tagger.train as tagger_train
from talent_training.pipeline.run import build_image_models

from talent_tools.skills import linker_index


def _recording(monkeypatch: pytest.MonkeyPatch, fail: str | None = None) -> list[str]:
    calls: list[str] = []

    def step(name: str, made: str) -> Callable[[list[str]], int]:
        def run(argv: list[str]) -> int:
            calls.append(name)
            if name == fail:
                return 1
            out = Path(argv[argv.index("--out") + 1])
            target = out / made if made else out
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(b"built")
            return 0

        return run

    monkeypatch.setattr(encoder_export, "main", step("encoder", "model.onnx"))
    monkeypatch.setattr(tagger_train, "main", step("tagger", "model.onnx"))
    monkeypatch.setattr(linker_index, "main", step("index", ""))
    return calls


def test_only_what_is_missing_is_built_in_make_models_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _recording(monkeypatch)
    (tmp_path / "encoder").mkdir()
    (tmp_path / "encoder" / "model.onnx").write_bytes(b"present")
    assert build_image_models(tmp_path)
    assert calls == ["tagger", "index"]
    assert (tmp_path / "skills" / "taxonomy.embeddings.npz").is_file()
    calls.clear()
    assert build_image_models(tmp_path) and calls == []  # a second start builds nothing


def test_a_failed_build_stops_the_rest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _recording(monkeypatch, fail="tagger")
    assert not build_image_models(tmp_path)
    assert calls == ["encoder", "tagger"]  # stopped there: the run reports failure, nothing after it runs
