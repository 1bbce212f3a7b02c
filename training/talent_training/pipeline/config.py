"""The pipeline's configuration: a TOML file (training/configs/*.toml) plus command-line overrides."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PipelineConfig:
    limit: int = 0
    family_seed: int = 11
    family_epochs: int = 400
    family_kind: str = "terms"  # "terms": TF-IDF + embeddings (CPU, the default); "head": an MLP over the
    # encoder's embeddings (CPU, the previous default); "finetune": the encoder itself (GPU)
    finetune_epochs: int = 6
    finetune_seeds: tuple[int, ...] = (11, 12, 13)
    ranker_seed: int = 7
    ranker_steps: int = 1500
    experiment: str = "talent-screening"
    model_name: str = "talent-screening-ranker"
    promote_metric: str = "fit_auc_minor"
    promote_margin: float = 0.005
    device: str = "cpu"
    feedback_lake: str = ""  # s3://LAKE_BUCKET: HR decisions as extra training queries ("" = none)

    @classmethod
    def load(cls, path: Path, **overrides: object) -> PipelineConfig:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        values = {
            "limit": doc.get("data", {}).get("limit", 0),
            "family_seed": doc.get("job_family", {}).get("seed", cls.family_seed),
            "family_epochs": doc.get("job_family", {}).get("epochs", cls.family_epochs),
            "family_kind": doc.get("job_family", {}).get("kind", cls.family_kind),
            "finetune_epochs": doc.get("job_family", {}).get("finetune_epochs", cls.finetune_epochs),
            "finetune_seeds": tuple(doc.get("job_family", {}).get("finetune_seeds", cls.finetune_seeds)),
            "ranker_seed": doc.get("ranker", {}).get("seed", cls.ranker_seed),
            "ranker_steps": doc.get("ranker", {}).get("steps", cls.ranker_steps),
            "experiment": doc.get("registry", {}).get("experiment", cls.experiment),
            "model_name": doc.get("registry", {}).get("model_name", cls.model_name),
            "promote_metric": doc.get("registry", {}).get("promote_metric", cls.promote_metric),
            "promote_margin": doc.get("registry", {}).get("promote_margin", cls.promote_margin),
            "feedback_lake": doc.get("feedback", {}).get("lake", cls.feedback_lake),
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        if values["family_kind"] not in ("terms", "head", "finetune"):
            raise ValueError(
                f"{path}: job_family.kind must be 'terms', 'head' or 'finetune', not {values['family_kind']!r}"
            )
        return cls(**values)
