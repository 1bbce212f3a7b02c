"""`load_featurizer` loads the model files on worker threads: a load's error still surfaces from the call itself,
the same exception as loading that model alone, and no loading thread outlives the call."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from talent.encoder import ArtifactMismatch, ArtifactMissing, ModelArtifactError
from talent.ranking.featurizer_from_models import load_featurizer

MODELS = Path(__file__).resolve().parents[3] / "models"
SERVED = ("encoder", "skill_tagger", "skills", "job_family", "lexical")


def linked_models(tmp_path: Path) -> Path:
    """The built models as links in a folder of their own, so a test can alter one file's manifest entry."""
    root = tmp_path / "models"
    for folder in SERVED:
        if not (MODELS / folder).is_dir():
            pytest.fail(f"{MODELS / folder} is missing: `make models` builds it", pytrace=False)
        (root / folder).mkdir(parents=True)
        for path in (MODELS / folder).iterdir():
            if path.is_file():
                (root / folder / path.name).symlink_to(path)
    return root


def altered_checksum(models: Path, folder: str, name: str = "model.onnx") -> None:
    manifest = json.loads((models / folder / "manifest.json").read_text())
    manifest["files"][name]["sha256"] = "0" * 64
    (models / folder / "manifest.json").unlink()  # a link to the built one: replace it, never write through it
    (models / folder / "manifest.json").write_text(json.dumps(manifest))


def loading_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("load-models")]


@pytest.mark.parametrize("folder", ["encoder", "skill_tagger", "job_family"])
def test_a_model_that_differs_from_its_manifest_is_refused_by_the_load(tmp_path: Path, folder: str) -> None:
    # Given the built models with one model's recorded checksum altered
    models = linked_models(tmp_path)
    altered_checksum(models, folder)

    # When the featurizer loads them, then that model's own mismatch is raised from the call, naming its file
    with pytest.raises(ArtifactMismatch, match=rf"{folder}/model\.onnx: sha256 .* does not match"):
        load_featurizer(models)
    assert loading_threads() == []


def test_a_missing_linker_index_is_refused_by_the_load(tmp_path: Path) -> None:
    models = linked_models(tmp_path)
    (models / "skills" / "taxonomy.embeddings.npz").unlink()
    with pytest.raises(ModelArtifactError, match=r"linker index .*taxonomy\.embeddings\.npz not found"):
        load_featurizer(models)


def test_with_several_models_broken_the_first_in_loading_order_is_reported(tmp_path: Path) -> None:
    # Given a tagger that differs from its manifest and no encoder manifest at all
    models = linked_models(tmp_path)
    altered_checksum(models, "skill_tagger")
    (models / "encoder" / "manifest.json").unlink()

    # Then the encoder's error is raised, as when the models loaded one after another (encoder first)
    with pytest.raises(ArtifactMissing, match=r"encoder/manifest\.json not found"):
        load_featurizer(models)
    assert loading_threads() == []
