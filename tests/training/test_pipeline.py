"""`talent train --fast-dev-run` end to end: a real `mlflow server` (sqlite) and moto S3 on 127.0.0.1.

Trains both models on 150 resumes, registers the run's three models (encoder, job-family classifier, ranker:
signatures, real input examples, the feature spec), promotes them together (no champion yet) and publishes the
bundle; a second identical run is registered but not promoted (promotion needs a better score by a margin).
The published pointer is then fetched the way a function does at cold start, and a tampered file refused.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

torch = pytest.importorskip("torch", reason="tests/training need the training venv: .venv-train/bin/pytest")

import boto3  # noqa: E402
import mlflow.pyfunc  # noqa: E402
import numpy as np  # noqa: E402
from mlflow.tracking import MlflowClient  # noqa: E402
from talent_training.pipeline.run import main  # noqa: E402

from talent.data_paths import MODELS_DIR  # noqa: E402
from talent.encoder import ArtifactMismatch  # noqa: E402
from talent.features.spec import FeatureSpec  # noqa: E402
from talent.ranking.screening_model import load_screening_model  # noqa: E402
from talent.runtime.model_bundle import fetch_bundle  # noqa: E402
from talent_tools.local.processes import start_mlflow, start_moto  # noqa: E402
from tests.training.conftest import ROOT, require  # noqa: E402

pytestmark = [pytest.mark.data, pytest.mark.timeout(900)]
POINTER = "s3://talent-artifacts/models/champion.json"


@pytest.fixture(scope="module")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    require(MODELS_DIR / "encoder" / "model.onnx")
    root = tmp_path_factory.mktemp("servers")
    mlflow, moto = start_mlflow(root / "logs", root / "mlflow"), start_moto(root / "logs")
    saved = dict(os.environ)
    os.environ.update(
        MLFLOW_TRACKING_URI=f"http://{mlflow.address}",
        MLFLOW_DISABLE_TELEMETRY="true",
        AWS_ENDPOINT_URL=f"http://{moto.address}",
        AWS_ACCESS_KEY_ID="testing",
        AWS_SECRET_ACCESS_KEY="testing",
        AWS_DEFAULT_REGION="us-east-1",
    )
    boto3.client("s3").create_bucket(Bucket="talent-artifacts")
    boto3.client("s3").create_bucket(Bucket="talent-lake")  # an event lake with no HR decisions yet
    try:
        yield {"mlflow": mlflow.address, "moto": moto.address}
    finally:
        os.environ.clear()
        os.environ.update(saved)
        mlflow.stop()
        moto.stop()


@pytest.fixture(scope="module")
def runs(servers: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    out = tmp_path_factory.mktemp("train")
    config = str(ROOT / "training" / "configs" / "screening.toml")
    results = []
    for attempt in range(2):
        target = out / f"run{attempt}"
        args = ["--config", config, "--out", str(target), "--fast-dev-run", "--publish", POINTER]
        if attempt == 1:  # the feedback path, on an empty lake: the same training data, so the same model
            args += ["--feedback-lake", "s3://talent-lake"]
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            assert main(args) == 0
        summary = json.loads(printed.getvalue())  # stdout is the JSON summary alone (MLflow's links go elsewhere)
        assert summary["version"] == str(attempt + 1)
        results.append({"out": target, "summary": summary})
    return results


def test_first_run_is_promoted_and_published_second_identical_run_is_not(
    runs: list[dict], servers: dict[str, str]
) -> None:
    client = MlflowClient()
    versions = client.search_model_versions("name='talent-screening-ranker'")
    assert sorted(int(v.version) for v in versions) == [1, 2]
    champion = client.get_model_version_by_alias("talent-screening-ranker", "champion")
    assert champion.version == "1"
    second = client.get_model_version("talent-screening-ranker", "2")
    assert abs(float(second.tags["test_ndcg_at_10"]) - float(champion.tags["test_ndcg_at_10"])) < 0.005
    assert champion.tags["feature_spec_version"] == "features.v2"
    assert "fit_auc_minor" in second.tags and "sensitivity_violations" in second.tags  # the gate's rows
    assert client.get_run(second.tags["run_id"]).data.metrics["feedback_queries"] == 0.0
    run = client.get_run(champion.tags["run_id"])
    assert 0.0 < run.data.metrics["test_ndcg_at_10"] <= 1.0
    assert "baseline_tfidf_cosine_ndcg_at_10" in run.data.metrics
    assert 0.0 <= run.data.metrics["fit_auc_minor"] <= 1.0  # the fit suite, logged with the run
    pointer = json.loads(
        boto3.client("s3").get_object(Bucket="talent-artifacts", Key="models/champion.json")["Body"].read()
    )
    assert pointer["version"] == "1" and "ranker/model.onnx" in pointer["files"]


def test_a_function_loads_the_published_champion(runs: list[dict], tmp_path: Path) -> None:
    folder, version = fetch_bundle(boto3.client("s3"), POINTER, MODELS_DIR, tmp_path)
    assert version == "1"
    model = load_screening_model(folder)
    assert model.job("Data Engineer\nRequirements:\n- Python and SQL.").requirements.required_skills
    assert model.ranker.version  # a served, checksum-verified ranker from the bundle


def test_a_tampered_bundle_is_refused(runs: list[dict], tmp_path: Path) -> None:
    s3 = boto3.client("s3")
    pointer = json.loads(s3.get_object(Bucket="talent-artifacts", Key="models/champion.json")["Body"].read())
    key = pointer["files"]["ranker/model.onnx"]["key"]
    original = s3.get_object(Bucket="talent-artifacts", Key=key)["Body"].read()
    s3.put_object(Bucket="talent-artifacts", Key=key, Body=original + b"\0")
    try:
        with pytest.raises(ArtifactMismatch, match="keeping the current models"):
            fetch_bundle(s3, POINTER, MODELS_DIR, tmp_path)
    finally:
        s3.put_object(Bucket="talent-artifacts", Key=key, Body=original)


MODELS = ("talent-screening-encoder", "talent-screening-job-family", "talent-screening-ranker")


def test_the_runs_three_models_are_registered_and_become_champion_together(runs: list[dict]) -> None:
    client = MlflowClient()
    champion_run = client.get_model_version_by_alias("talent-screening-ranker", "champion").tags["run_id"]
    for name in MODELS:
        assert sorted(int(v.version) for v in client.search_model_versions(f"name='{name}'")) == [1, 2], name
        champion = client.get_model_version_by_alias(name, "champion")
        assert champion.version == "1" and champion.run_id == champion_run, name
    ranker = client.get_model_version("talent-screening-ranker", "1")
    assert "| ranker |" in ranker.description and "| tfidf_cosine |" in ranker.description  # beside baselines
    artifacts = {a.path for a in client.list_artifacts(champion_run, "plots")}
    assert any(path.endswith(".png") for path in artifacts)


@pytest.mark.parametrize("name", MODELS)
def test_each_registered_model_has_a_signature_and_a_real_example_it_scores(runs: list[dict], name: str) -> None:
    model = mlflow.pyfunc.load_model(f"models:/{name}@champion")
    signature = model.metadata.signature
    assert signature is not None and signature.inputs.input_names()
    example = model.input_example
    feed = example if isinstance(example, dict) else {signature.inputs.input_names()[0]: example}
    assert set(feed) == set(signature.inputs.input_names())
    assert all(np.asarray(v).size for v in feed.values())
    assert any(np.asarray(v).any() for v in feed.values())  # real inputs (an encoder's token types are all 0)
    outputs = model.predict(example)
    assert set(outputs) == set(signature.outputs.input_names())


def test_the_ranker_carries_its_feature_spec(runs: list[dict]) -> None:
    model = mlflow.pyfunc.load_model("models:/talent-screening-ranker@champion")
    spec = FeatureSpec.load()
    meta = model.metadata.metadata or {}
    assert meta["feature_names"] == list(spec.names) and meta["feature_spec_sha256"] == spec.sha256
    scores = model.predict(model.input_example)
    assert np.asarray(scores["contributions"]).shape[1] == len(spec.names)
