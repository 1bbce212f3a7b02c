"""MLflow: log the run, register its three models (encoder, job-family classifier, ranker) with their signatures,
input examples, feature spec and metrics, and make them champion together if the ranker is better.

The tracking URI comes from MLFLOW_TRACKING_URI (a local `mlflow server` with sqlite, or a shared one).
A version becomes `champion` only through the gate (`talent_training.pipeline.gate`): its promote metric
beats the current champion's by at least `promote_margin` (two runs of the same code and data differ in the
last digits, and a re-run must not churn the champion), and no row of the fit suite got worse beyond noise.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import mlflow
import onnx
from mlflow.exceptions import MlflowException
from mlflow.tracking import MlflowClient

from talent.data_paths import MODELS_DIR
from talent.features.spec import FeatureSpec
from talent_training.pipeline.config import PipelineConfig
from talent_training.pipeline.gate import GUARDS, decide
from talent_training.pipeline.model_versions import (
    ModelVersion,
    encoder_version,
    family_version,
    ranker_version,
)

CHAMPION = "champion"


@dataclass(frozen=True)
class Registration:
    run_id: str
    version: str
    promoted: bool
    metric: float
    champion_before: float | None
    reasons: tuple[str, ...] = ()
    """Why the candidate was not promoted (the gate's failed conditions)."""


def _champion_metrics(client: MlflowClient, name: str, metrics: list[str]) -> dict[str, float] | None:
    """The champion's recorded gate metrics (tags), or None when there is no champion yet."""
    try:
        champion = client.get_model_version_by_alias(name, CHAMPION)
    except MlflowException:
        return None
    return {m: float(champion.tags[m]) for m in metrics if m in champion.tags}


def held_out_table(metrics: dict[str, float]) -> str:
    """The ranker's held-out NDCG@10 beside the baselines', as the registry shows a version's description."""
    rows = [("ranker", metrics.get("test_ndcg_at_10"))]
    rows += [
        (key.removeprefix("baseline_").removesuffix("_ndcg_at_10"), value)
        for key, value in sorted(metrics.items())
        if key.startswith("baseline_") and key.endswith("_ndcg_at_10")
    ]
    lines = ["Held-out family benchmark (test split), NDCG@10:", "", "| model | NDCG@10 |", "|---|---:|"]
    lines += [f"| {name} | {value:.3f} |" for name, value in rows if value is not None]
    suite = [k for k in ("fit_auc_minor", "fit_auc_major", "sensitivity_violations") if k in metrics]
    lines += ["", "Fit suite: " + ", ".join(f"{k} {metrics[k]:.3f}" for k in suite)] if suite else []
    return "\n".join(lines)


def _log_version(model: ModelVersion, registered_name: str) -> str:
    info = mlflow.onnx.log_model(
        onnx.load(str(model.path)),
        name=model.key,
        registered_model_name=registered_name,
        signature=model.signature(),
        input_example=model.example,
        metadata=model.metadata,
        save_as_external_data=False,
    )
    return str(info.registered_model_version)


def register(
    config: PipelineConfig, out: Path, metrics: dict[str, float], plots: list[Path], spec: FeatureSpec
) -> Registration:
    embedded, benchmark = out / "build" / "embedded.npz", out / "build" / "benchmark.npz"
    models = {
        config.encoder_model_name: encoder_version(MODELS_DIR / "encoder", embedded),
        config.family_model_name: family_version(out / "job_family", embedded),
        config.model_name: ranker_version(out / "ranker", benchmark, spec),
    }
    mlflow.set_experiment(config.experiment)
    params: dict[str, Any] = asdict(config)
    params["feature_spec_version"] = spec.version
    with mlflow.start_run() as run:
        mlflow.log_params(params)
        mlflow.log_metrics(metrics)
        mlflow.log_artifacts(str(out / "job_family"), "bundle/job_family")
        mlflow.log_artifacts(str(out / "ranker"), "bundle/ranker")
        for path in plots:
            mlflow.log_artifact(str(path), "plots")
        versions = {name: _log_version(model, name) for name, model in models.items()}
    client = MlflowClient()
    version = versions[config.model_name]
    gated = [config.promote_metric, *(m for m in GUARDS if m != config.promote_metric)]
    tags = {m: f"{metrics[m]:.6f}" for m in gated if m in metrics}
    tags |= {"feature_spec_version": spec.version, "feature_spec_sha256": spec.sha256, "run_id": run.info.run_id}
    for key, tag in tags.items():
        client.set_model_version_tag(config.model_name, version, key, tag)
    client.update_model_version(config.model_name, version, description=held_out_table(metrics))
    for name, other in versions.items():  # the run's other models say which ranker version they serve with
        if name != config.model_name:
            client.set_model_version_tag(name, other, "run_id", run.info.run_id)
            client.set_model_version_tag(name, other, "ranker_version", version)
    before = _champion_metrics(client, config.model_name, gated)
    verdict = decide(metrics, before, config.promote_metric, config.promote_margin)
    if verdict.promoted:  # the three move together: the bundle is served as one
        for name, promoted in versions.items():
            client.set_registered_model_alias(name, CHAMPION, promoted)
    value = metrics.get(config.promote_metric, float("nan"))
    previous = (before or {}).get(config.promote_metric)
    return Registration(run.info.run_id, version, verdict.promoted, value, previous, verdict.reasons)
