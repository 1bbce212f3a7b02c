"""The default job-family classifier (kind `terms`) end to end on a synthetic benchmark: fit the vocabulary,
train, calibrate, export, serve; ONNX parity; refusals of altered files."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="tests/training need the training venv: .venv-train/bin/pytest")
sklearn_text = pytest.importorskip("sklearn.feature_extraction.text")

import onnxruntime as ort  # noqa: E402
from talent_training.job_family.terms import fit_vocabulary, load_texts, sparse_rows  # noqa: E402
from talent_training.job_family.terms_train import TermsConfig, export, train  # noqa: E402
from talent_training.ranker.data import TrainingDataError  # noqa: E402

from talent.encoder import ArtifactMismatch  # noqa: E402
from talent.ranking.family_classifier import TermFamilyClassifier, load_family_classifier  # noqa: E402
from talent_tools.ranking.benchmark import pack_texts  # noqa: E402

FAMILIES = ["ACCOUNTANT", "CHEF", "TEACHER"]
WORDS = {
    "ACCOUNTANT": ("ledger audit tax reconciliation payroll", "STAFF ACCOUNTANT"),
    "CHEF": ("kitchen menu sauce plating catering", "SOUS CHEF"),
    "TEACHER": ("classroom lesson curriculum grading students", "ENGLISH TEACHER"),
}
SHARED = ["team", "customer", "reports", "schedule", "office", "management", "training"]


def synthetic(path: Path, with_texts: bool = True, per_family: int = 30) -> Path:
    """Texts: a headline naming the family's title (a third of them blank) over a body of the family's words
    drowned in shared ones; embeddings carry no signal, so only the term half can learn the families."""
    rng = np.random.default_rng(0)
    texts, labels, splits = [], [], []
    for family in FAMILIES:
        words, title = WORDS[family]
        for i in range(per_family):
            body = list(rng.choice(SHARED, size=20)) + list(rng.choice(words.split(), size=6))
            headline = title if i % 3 else "Dependable professional"
            texts.append(headline + "\n" + " ".join(rng.permutation(body)))
            labels.append(family)
            splits.append("train" if i < per_family * 3 // 5 else "val" if i < per_family * 4 // 5 else "test")
    jobs = [f"{WORDS[f][1].title()}\n{WORDS[f][0]}" for f in FAMILIES]
    arrays = {
        "resume_inputs": rng.normal(size=(len(texts), 8)).astype(np.float32),
        "resume_families": np.asarray(labels),
        "resume_splits": np.asarray(splits),
        "job_inputs": rng.normal(size=(len(jobs), 8)).astype(np.float32),
        "job_families": np.asarray(FAMILIES),
        "job_roles": np.asarray(["train"] * len(jobs)),
    }
    if with_texts:
        arrays |= pack_texts("resume", texts) | pack_texts("job", jobs)
    np.savez(path, allow_pickle=False, **arrays)
    return path


def trained(tmp_path: Path) -> tuple[Path, list[str], np.ndarray, np.ndarray]:
    data = load_texts(synthetic(tmp_path / "embedded.npz"))
    model, vectors, metrics = train(data, TermsConfig(term_epochs=60, embedding_epochs=30, hidden=16))
    assert metrics["val_top1"] > 0.9 and metrics["temperature"] > 0
    val = data.splits["val"]
    out = tmp_path / "model"
    export(model, vectors, (sparse_rows(vectors, val.texts), val.embeddings), data.families, out, {"m": metrics})
    test = data.splits["test"]
    return out, test.texts, test.embeddings.numpy(), test.labels.numpy()


def test_trains_exports_and_serves_calibrated_probabilities_from_the_text(tmp_path: Path) -> None:
    folder, texts, embeddings, labels = trained(tmp_path)
    served = load_family_classifier(folder)
    assert isinstance(served, TermFamilyClassifier)
    assert served.families == FAMILIES
    probabilities = served(texts, embeddings)
    assert np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-5)
    assert (probabilities.argmax(axis=1) == labels).mean() > 0.9
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["serving"]["kind"] == "terms"
    assert manifest["export"]["parity_max_abs_diff"] <= 1e-5
    with pytest.raises(ValueError, match="embedding rows"):
        served(texts, embeddings[:, :3])


def test_onnx_graph_matches_pytorch_on_served_term_vectors(tmp_path: Path) -> None:
    # Given a trained head and the graph exported from it
    data = load_texts(synthetic(tmp_path / "embedded.npz"))
    model, vectors, _ = train(data, TermsConfig(term_epochs=30, embedding_epochs=20, hidden=16))
    test = data.splits["test"]
    export(model, vectors, (sparse_rows(vectors, test.texts), test.embeddings), data.families, tmp_path / "m", {})
    # When both read what serving computes from the texts
    terms = vectors(test.texts)
    session = ort.InferenceSession(str(tmp_path / "m" / "model.onnx"), providers=["CPUExecutionProvider"])
    (onnx_out,) = session.run(["probabilities"], {"terms": terms, "embedding": test.embeddings.numpy()})
    with torch.no_grad():
        torch_out = model(torch.from_numpy(terms), test.embeddings).numpy()
    # Then they agree
    assert np.abs(onnx_out - torch_out).max() <= 1e-5
    # the same words with the title on the first line or further down: only the first line's view differs
    headline, buried = vectors(["Sous chef\nteam office reports", "team office reports\nSous chef"])
    assert np.array_equal(headline[: len(vectors.terms)], buried[: len(vectors.terms)])
    neutral = np.zeros((2, test.embeddings.shape[1]), dtype=np.float32)
    (moved,) = session.run(["probabilities"], {"terms": np.stack([headline, buried]), "embedding": neutral})
    others = np.log(1e-30 + np.delete(moved, FAMILIES.index("CHEF"), axis=1).sum(axis=1))  # CHEF can round to 1
    assert others[0] < others[1] - 0.1  # the headline makes CHEF surer


def test_vocabulary_and_weights_match_scikit_learn_tfidf(tmp_path: Path) -> None:
    texts = load_texts(synthetic(tmp_path / "embedded.npz")).splits["train"].texts
    vectors = fit_vocabulary(texts, min_df=2)
    reference = sklearn_text.TfidfVectorizer(sublinear_tf=True, min_df=2, dtype=np.float32).fit(texts)
    assert vectors.terms == list(reference.get_feature_names_out())
    assert np.allclose(vectors.idf, reference.idf_, atol=1e-5)
    half = len(vectors.terms)
    assert np.allclose(vectors(texts)[:, :half], reference.transform(texts).toarray(), atol=1e-5)


def test_altered_vocabulary_or_graph_is_refused(tmp_path: Path) -> None:
    folder, *_ = trained(tmp_path)
    for name in ("terms.npz", "model.onnx"):
        original = (folder / name).read_bytes()
        (folder / name).write_bytes(original[:-1] + bytes([original[-1] ^ 1]))
        with pytest.raises(ArtifactMismatch, match=name):
            load_family_classifier(folder)
        (folder / name).write_bytes(original)
    assert isinstance(load_family_classifier(folder), TermFamilyClassifier)


def test_a_benchmark_without_stored_texts_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TrainingDataError, match="rebuild"):
        load_texts(synthetic(tmp_path / "old.npz", with_texts=False))
