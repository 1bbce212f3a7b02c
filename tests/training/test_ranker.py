"""The additive ranker end to end on a small synthetic table: train, export, parity, serve, refuse."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="tests/training need the training venv: .venv-train/bin/pytest")

from talent_training.ranker.data import TrainingDataError, load_benchmark  # noqa: E402
from talent_training.ranker.export import PARITY_TOLERANCE, export_ranker, max_difference, parity_inputs  # noqa: E402
from talent_training.ranker.model import AdditiveRanker  # noqa: E402
from talent_training.ranker.train import TrainConfig, train  # noqa: E402

from talent.features.spec import FeatureSpec, FeatureSpecMismatch  # noqa: E402
from talent.ranking.ranker import OnnxRanker  # noqa: E402

SPEC = FeatureSpec.load()


def synthetic_table(path: Path, grades: bool = True, rows_per_job: int = 60) -> Path:
    """Six postings; the grade follows the first feature, so a ranker can learn it."""
    rng = np.random.default_rng(0)
    features, job, grade, split = [], [], [], []
    for j in range(6):
        x = rng.normal(size=(rows_per_job, len(SPEC.names))).astype(np.float32)
        g = np.digitize(x[:, 0], [-0.5, 0.8]) if grades else np.zeros(rows_per_job, dtype=int)
        features.append(x)
        job += [j] * rows_per_job
        grade += list(g)
        split += ["train" if j < 4 else "val" if j == 4 else "test"] * rows_per_job
    np.savez(
        path,
        features=np.concatenate(features),
        job=np.asarray(job, dtype=np.int32),
        grade=np.asarray(grade, dtype=np.int8),
        split=np.asarray(split),
        feature_names=np.asarray(SPEC.names),
        spec_sha256=np.asarray(SPEC.sha256),
        spec_version=np.asarray(SPEC.version),
    )
    return path


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, Path, dict[str, float]]:
    folder = tmp_path_factory.mktemp("ranker")
    benchmark = load_benchmark(synthetic_table(folder / "table.npz"))
    config = TrainConfig(steps=120, eval_every=20, jobs_per_step=4, pairs_per_job=128, members=1)  # one seed
    model, metrics = train(benchmark, config)
    export_ranker(model, SPEC, folder / "model", training={"metrics": metrics})
    return model, folder / "model", metrics


def test_training_learns_the_ordering(trained: tuple[object, Path, dict[str, float]]) -> None:
    assert trained[2]["test_ndcg_at_10"] > 0.9


def test_onnx_matches_pytorch_within_tolerance(trained: tuple[object, Path, dict[str, float]]) -> None:
    model, folder, _ = trained
    recorded = json.loads((folder / "manifest.json").read_text())["export"]["parity_max_diff_relative"]
    assert recorded <= PARITY_TOLERANCE
    assert max_difference(model, folder / "model.onnx", parity_inputs(model, seed=1)) <= PARITY_TOLERANCE


def test_served_contributions_add_up_to_the_score(trained: tuple[object, Path, dict[str, float]]) -> None:
    ranker = OnnxRanker.load(trained[1])
    rows = [dict(zip(SPEC.names, r, strict=True)) for r in np.random.default_rng(3).normal(size=(5, len(SPEC.names)))]
    for scored in ranker.score(rows):
        assert abs(ranker.baseline + sum(scored.contributions.values()) - scored.score) < 1e-4
        assert list(scored.contributions) == SPEC.names


def test_a_model_trained_on_another_spec_is_refused(
    trained: tuple[object, Path, dict[str, float]], tmp_path: Path
) -> None:
    manifest = json.loads((trained[1] / "manifest.json").read_text())
    manifest["feature_spec"]["sha256"] = "0" * 64
    (tmp_path / "model.onnx").write_bytes((trained[1] / "model.onnx").read_bytes())
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(FeatureSpecMismatch):
        OnnxRanker.load(tmp_path)


def test_label_less_data_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TrainingDataError, match="same grade"):
        load_benchmark(synthetic_table(tmp_path / "flat.npz", grades=False))
    with pytest.raises(TrainingDataError, match="not found"):
        load_benchmark(tmp_path / "absent.npz")


def test_every_feature_is_monotone_unless_left_free(tmp_path: Path) -> None:
    # Given the default configuration (no feature left free) and one that frees the first three
    benchmark = load_benchmark(synthetic_table(tmp_path / "table.npz"))
    small = TrainConfig(steps=60, eval_every=20, jobs_per_step=4, pairs_per_job=128)
    model, _ = train(benchmark, small)
    freed, _ = train(benchmark, replace(small, free=tuple(SPEC.names[:3])))
    # Then no shape of the default model ever falls as its feature grows, and the freed ones are free
    grid = torch.linspace(-3, 3, 200).unsqueeze(1).repeat(1, len(SPEC.names))
    with torch.no_grad():
        shapes = model.shapes(grid)
    assert (shapes[1:] - shapes[:-1] >= -1e-6).all()
    assert freed.monotone.tolist() == [False] * 3 + [True] * (len(SPEC.names) - 3)
    export_ranker(model, SPEC, tmp_path / "model", training={})  # the baked weights keep parity


def test_freeing_an_unknown_feature_is_refused(tmp_path: Path) -> None:
    benchmark = load_benchmark(synthetic_table(tmp_path / "table.npz"))
    with pytest.raises(TrainingDataError, match="unknown features"):
        train(benchmark, TrainConfig(steps=1, free=("shoe_size",)))


def test_a_capped_feature_never_moves_the_score_beyond_its_cap(tmp_path: Path) -> None:
    # Given the first feature decides every grade, but its contribution is capped at ±0.5
    benchmark = load_benchmark(synthetic_table(tmp_path / "table.npz"))
    config = TrainConfig(steps=60, eval_every=20, jobs_per_step=4, pairs_per_job=128, caps=((SPEC.names[0], 0.5),))
    model, _ = train(benchmark, config)
    # Then its shape spans at most the cap either way, however far the feature goes
    grid = torch.linspace(-50, 50, 400).unsqueeze(1).repeat(1, len(SPEC.names))
    with torch.no_grad():
        shapes = model.shapes(grid)
    assert shapes[:, 0].abs().max() <= 0.5 + 1e-6
    # And the exported graph, which bakes the cap into its weights, computes the same function
    export_ranker(model, SPEC, tmp_path / "model", training={})


def test_edited_resume_pairs_teach_what_the_grades_alone_do_not(tmp_path: Path) -> None:
    # Given grades that follow feature 0 only, and edit pairs saying that more of feature 1 is better
    path = synthetic_table(tmp_path / "table.npz")
    arrays = dict(np.load(path))
    rng = np.random.default_rng(5)
    original = rng.normal(size=(200, len(SPEC.names))).astype(np.float32)
    variant = original.copy()
    variant[:, 1] -= 1.0  # the edit removed evidence: feature 1 fell, nothing else moved
    arrays |= {"case_kind": np.asarray(["remove_skill"] * 200), "case_original": original, "case_variant": variant}
    np.savez(tmp_path / "cases.npz", **arrays)
    small = TrainConfig(steps=120, eval_every=20, jobs_per_step=4, pairs_per_job=128)
    with_cases, _ = train(load_benchmark(tmp_path / "cases.npz"), small)
    without, _ = train(load_benchmark(path), small)
    # Then only the model that saw the pairs gives feature 1 a rising shape
    grid = torch.linspace(-2, 2, 50).unsqueeze(1).repeat(1, len(SPEC.names))
    with torch.no_grad():
        rise_with = (with_cases.shapes(grid)[-1, 1] - with_cases.shapes(grid)[0, 1]).item()
        rise_without = (without.shapes(grid)[-1, 1] - without.shapes(grid)[0, 1]).item()
    assert rise_with > 0.5 and rise_with > 5 * max(rise_without, 0.01)


def test_rankers_from_several_seeds_average_into_one_exact_monotone_ranker(tmp_path: Path) -> None:
    # Given three rankers trained from consecutive seeds on one table
    benchmark = load_benchmark(synthetic_table(tmp_path / "table.npz"))
    small = TrainConfig(steps=40, eval_every=20, jobs_per_step=4, pairs_per_job=128, members=1)
    members = [train(benchmark, replace(small, seed=seed))[0] for seed in (7, 8, 9)]
    # When they are averaged
    merged = AdditiveRanker.average(members)
    # Then its scores and contributions are the members' means, and its shapes still never fall
    x = parity_inputs(merged, rows=64, seed=2)
    with torch.no_grad():
        scores = torch.stack([m(x)[0] for m in members]).mean(0)
        contributions = torch.stack([m(x)[1] for m in members]).mean(0)
        assert torch.allclose(merged(x)[0], scores, atol=1e-5)
        assert torch.allclose(merged(x)[1], contributions, atol=1e-5)
        grid = torch.linspace(-3, 3, 200).unsqueeze(1).repeat(1, len(SPEC.names))
        shapes = merged.shapes(grid)
    assert (shapes[1:] - shapes[:-1] >= -1e-6).all()
    # And train() does the same from `members`, recording each member's figures
    model, metrics = train(benchmark, replace(small, members=3))
    assert metrics["members"] == 3 and {"member_7_val_ndcg_at_10", "member_9_test_ndcg_at_10"} <= set(metrics)
    with torch.no_grad():
        assert torch.allclose(model(x)[0], scores, atol=1e-5)
    export_ranker(model, SPEC, tmp_path / "model", training={"config": {"members": 3}})  # parity holds
