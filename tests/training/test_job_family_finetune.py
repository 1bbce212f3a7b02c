"""The fine-tuned (token-input) job-family classifier on a tiny synthetic benchmark: prepare from the
benchmark's texts, fine-tune a few steps on the CPU, export int8, and serve it the way screening does."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="tests/training need the training venv: .venv-train/bin/pytest")

from talent_training.job_family.finetune import prepare  # noqa: E402
from talent_training.pipeline.config import PipelineConfig  # noqa: E402
from talent_training.pipeline.steps import finetuned_family  # noqa: E402
from talent_training.ranker.data import TrainingDataError  # noqa: E402

from talent.ranking.family_classifier import TokenFamilyClassifier, load_family_classifier  # noqa: E402
from talent_tools.ranking.benchmark import pack_texts, stored_texts  # noqa: E402

WORDS = {
    "ACCOUNTANT": "ledger audit tax reconciliation payable receivable accruals",
    "CHEF": "kitchen menu cooking sauces pastry line cook plating",
    "TEACHER": "classroom lessons students curriculum grading parents tutoring",
}


def embedded(path: Path, with_texts: bool = True) -> Path:
    rng = random.Random(0)
    texts, families, splits = [], [], []
    for split, count in (("train", 6), ("val", 2), ("test", 3)):
        for family, words in WORDS.items():
            for _ in range(count):
                shuffled = words.split()
                rng.shuffle(shuffled)
                texts.append(" ".join(shuffled))
                families.append(family)
                splits.append(split)
    arrays = {
        "resume_families": np.asarray(families),
        "resume_splits": np.asarray(splits),
        "job_families": np.asarray(["CHEF", "TEACHER"]),
        "job_roles": np.asarray(["train", "test"]),
    }
    if with_texts:
        arrays |= pack_texts("resume", texts) | pack_texts("job", ["chef de partie: menu", "teacher"])
    np.savez(path, allow_pickle=False, **arrays)
    return path


def test_fine_tunes_exports_and_serves_the_texts_it_was_trained_on(tmp_path: Path) -> None:
    config = PipelineConfig(family_kind="finetune", finetune_epochs=2, finetune_seeds=(3, 4))
    served_metrics = finetuned_family(
        config, embedded(tmp_path / "embedded.npz"), tmp_path / "work", tmp_path / "model"
    )
    tokens = np.load(tmp_path / "work" / "tokens.npz")
    assert sorted(tokens["families"].tolist()) == sorted(WORDS)
    assert (tokens["split"] == "train").sum() == 19  # 18 resumes + the training posting; the test one is left out
    assert served_metrics["fp32_max_abs_diff_val"] <= 1e-4
    manifest = json.loads((tmp_path / "model" / "manifest.json").read_text())
    assert manifest["serving"]["kind"] == "tokens"
    assert manifest["training"]["metrics"]["seed"] in (3, 4)
    assert set(manifest["training"]["metrics"]["seeds"]) == {"3", "4"}
    assert manifest["training"]["metrics"]["temperature"] > 0
    assert not (tmp_path / "model" / "model_fp32.onnx").exists()

    served = load_family_classifier(tmp_path / "model")
    assert isinstance(served, TokenFamilyClassifier)
    assert served.families == sorted(WORDS)
    stored = np.load(tmp_path / "embedded.npz")
    test = stored["resume_splits"] == "test"
    texts = [t for t, chosen in zip(stored_texts(stored, "resume"), test, strict=True) if chosen]
    probabilities = served(texts, np.zeros((len(texts), 1), dtype=np.float32))
    assert probabilities.shape == (9, 3)
    assert np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-5)
    # Serving tokenises each text itself, unpadded: the same predictions the export measured on padded rows.
    truth = np.asarray([served.families.index(f) for f in stored["resume_families"][test]])
    assert (probabilities.argmax(axis=1) == truth).mean() == pytest.approx(served_metrics["served_test_top1"])
    with pytest.raises(ValueError, match="texts"):
        served(texts, np.zeros((1, 1), dtype=np.float32))


def test_a_benchmark_without_texts_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TrainingDataError, match="rebuild"):
        prepare(tmp_path / "data", embedded(tmp_path / "old.npz", with_texts=False))
    with pytest.raises(TrainingDataError, match="not found"):
        prepare(tmp_path / "data", tmp_path / "absent.npz")
