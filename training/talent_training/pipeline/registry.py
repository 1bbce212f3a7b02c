"""MLflow: log the run, register the ranker version with its feature spec and metrics, promote if better.

The tracking URI comes from MLFLOW_TRACKING_URI (a local `mlflow server` with sqlite, or a shared one).
A version becomes `champion` only if its promote metric beats the current champion's by at least
`promote_margin`: two runs of the same code and data differ in the last digits (threaded float sums), and
a re-run must not churn the champion.
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

CHAMPION = "champion"


@dataclass(frozen=True)
class Registration:
    run_id: str
    version: str
    promoted: bool
    metric: float
    champion_before: float | None


def _champion_metric(client: MlflowClient, name: str, metric: str) -> float | None:
    try:
        champion = client.get_model_version_by_alias(name, CHAMPION)
    except MlflowException:
        return None
    value = champion.tags.get(metric)
    return float(value) if value is not None else None


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
    value = metrics[config.promote_metric]
    for key, tag in {
        config.promote_metric: f"{value:.6f}",
        "feature_spec_version": spec.version,
        "feature_spec_sha256": spec.sha256,
        "run_id": run.info.run_id,
    }.items():
        client.set_model_version_tag(config.model_name, version, key, tag)
    before = _champion_metric(client, config.model_name, config.promote_metric)
    promoted = before is None or value >= before + config.promote_margin
    if promoted:
        client.set_registered_model_alias(config.model_name, CHAMPION, version)
    return Registration(run.info.run_id, version, promoted, value, before)
