"""The built ranker and job-family classifier as served: integrity checks, refusals, shapes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from talent.encoder import ArtifactMismatch, ArtifactMissing, ModelArtifactError
from talent.features.spec import FeatureSpec, FeatureSpecMismatch
from talent.ranking.family_classifier import TermFamilyClassifier, load_family_classifier
from talent.ranking.ranker import OnnxRanker

MODELS = Path(__file__).resolve().parents[3] / "models"
BUILD = "`make models` builds it (training venv)"


def built(name: str) -> Path:
    folder = MODELS / name
    if not (folder / "model.onnx").is_file():
        pytest.fail(f"{folder / 'model.onnx'} is missing: {BUILD}", pytrace=False)
    return folder


def copy_of(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(built(name), target, ignore=shutil.ignore_patterns("build"))
    return target


def test_contributions_add_up_to_the_score() -> None:
    ranker = OnnxRanker.load(built("ranker"))
    rows = np.random.default_rng(0).uniform(0, 1, size=(8, len(ranker.spec.names))).astype(np.float32)
    scores, contributions = ranker.score_matrix(rows)
    assert np.abs(ranker.baseline + contributions.sum(axis=1) - scores).max() < 1e-4


def test_a_missing_feature_value_is_refused_not_scored() -> None:
    ranker = OnnxRanker.load(built("ranker"))
    row = dict.fromkeys(ranker.spec.names, 0.5) | {"family_match": float("nan")}
    with pytest.raises(ValueError, match="family_match"):
        ranker.score([row])


def test_a_tampered_ranker_is_refused(tmp_path: Path) -> None:
    folder = copy_of("ranker", tmp_path)
    (folder / "model.onnx").write_bytes((folder / "model.onnx").read_bytes() + b"\0")
    with pytest.raises(ArtifactMismatch, match="make models"):
        OnnxRanker.load(folder)


def test_a_ranker_of_another_feature_spec_is_refused(tmp_path: Path) -> None:
    folder = copy_of("ranker", tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["feature_spec"]["sha256"] = "f" * 64
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(FeatureSpecMismatch, match="retrain"):
        OnnxRanker.load(folder, FeatureSpec.load())


def test_classifier_probabilities_are_a_distribution_over_the_24_families() -> None:
    classifier = load_family_classifier(built("job_family"))
    assert isinstance(classifier, TermFamilyClassifier)  # what `make models` builds: TF-IDF + embeddings
    assert len(classifier.families) == 24
    rows = np.random.default_rng(1).normal(0, 0.05, size=(3, 768)).astype(np.float32)
    texts = ["STAFF ACCOUNTANT\nReconciled ledgers and prepared tax returns", "Sous chef\nmenus, kitchen", ""]
    probabilities = classifier(texts, rows)
    assert probabilities.shape == (3, 24)
    assert np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-5)
    assert classifier.families[int(probabilities[0].argmax())] == "ACCOUNTANT"
    assert classifier.families[int(probabilities[1].argmax())] == "CHEF"
    with pytest.raises(ValueError, match="embedding rows"):
        classifier([""], np.zeros((1, 5), dtype=np.float32))


def test_a_classifier_without_its_vocabulary_is_refused(tmp_path: Path) -> None:
    folder = copy_of("job_family", tmp_path)
    (folder / "terms.npz").unlink()
    with pytest.raises(ArtifactMissing, match=r"terms\.npz"):
        load_family_classifier(folder)


def test_a_classifier_of_an_unknown_kind_or_without_its_tokenizer_is_refused(tmp_path: Path) -> None:
    folder = copy_of("job_family", tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    (folder / "manifest.json").write_text(json.dumps(manifest | {"serving": manifest["serving"] | {"kind": "sparse"}}))
    with pytest.raises(ModelArtifactError, match="sparse"):
        load_family_classifier(folder)
    tokens = manifest["serving"] | {"kind": "tokens", "tokenizer": "tokenizer.json", "max_length": 512}
    (folder / "manifest.json").write_text(json.dumps(manifest | {"serving": tokens}))
    with pytest.raises(ModelArtifactError, match=r"tokenizer\.json"):
        load_family_classifier(folder)
