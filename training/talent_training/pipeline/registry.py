"""MLflow: log the run, register the ranker version with its feature spec and metrics, promote if better.

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

from talent.features.spec import FeatureSpec
from talent_training.pipeline.config import PipelineConfig
from talent_training.pipeline.gate import GUARDS, decide

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


def register(
    config: PipelineConfig, out: Path, metrics: dict[str, float], plots: list[Path], spec: FeatureSpec
) -> Registration:
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
        info = mlflow.onnx.log_model(
            onnx.load(str(out / "ranker" / "model.onnx")),
            name="ranker",
            registered_model_name=config.model_name,
            save_as_external_data=False,
        )
    client = MlflowClient()
    version = str(info.registered_model_version)
    gated = [config.promote_metric, *(m for m in GUARDS if m != config.promote_metric)]
    tags = {m: f"{metrics[m]:.6f}" for m in gated if m in metrics}
    tags |= {"feature_spec_version": spec.version, "feature_spec_sha256": spec.sha256, "run_id": run.info.run_id}
    for key, tag in tags.items():
        client.set_model_version_tag(config.model_name, version, key, tag)
    before = _champion_metrics(client, config.model_name, gated)
    verdict = decide(metrics, before, config.promote_metric, config.promote_margin)
    if verdict.promoted:
        client.set_registered_model_alias(config.model_name, CHAMPION, version)
    value = metrics.get(config.promote_metric, float("nan"))
    previous = (before or {}).get(config.promote_metric)
    return Registration(run.info.run_id, version, verdict.promoted, value, previous, verdict.reasons)
