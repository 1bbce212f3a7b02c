"""The pipeline's configuration: a TOML file (training/configs/*.toml) plus command-line overrides."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError


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
    family_model_name: str = "talent-screening-job-family"
    encoder_model_name: str = "talent-screening-encoder"
    promote_metric: str = "fit_auc_minor"
    promote_margin: float = 0.005
    device: str = "cpu"
    feedback_lake: str = ""  # s3://LAKE_BUCKET: HR decisions as extra training queries ("" = none)

    @classmethod
    def load(cls, path: Path, **overrides: object) -> PipelineConfig:
        """The file, checked: an unknown section or key, or a value of the wrong type, is an error naming it
        (a misspelt key would otherwise leave its default in place without a word)."""
        try:
            doc = ConfigFile.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
        except tomllib.TOMLDecodeError as exc:
            raise ValueError(f"{path}: not TOML: {exc}") from exc
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
            raise ValueError(f"{path}: {problems}") from exc
        values: dict[str, object] = {
            "limit": doc.data.limit,
            "family_seed": doc.job_family.seed,
            "family_epochs": doc.job_family.epochs,
            "family_kind": doc.job_family.kind,
            "finetune_epochs": doc.job_family.finetune_epochs,
            "finetune_seeds": tuple(doc.job_family.finetune_seeds),
            "ranker_seed": doc.ranker.seed,
            "ranker_steps": doc.ranker.steps,
            "experiment": doc.registry.experiment,
            "model_name": doc.registry.model_name,
            "family_model_name": doc.registry.family_model_name,
            "encoder_model_name": doc.registry.encoder_model_name,
            "promote_metric": doc.registry.promote_metric,
            "promote_margin": doc.registry.promote_margin,
            "feedback_lake": doc.feedback.lake,
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        if values["family_kind"] not in ("terms", "head", "finetune"):
            raise ValueError(f"job_family.kind must be 'terms', 'head' or 'finetune', not {values['family_kind']!r}")
        return cls(**values)  # type: ignore[arg-type]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Data(_Section):
    limit: int = Field(default=0, ge=0, description="0: every livecareer resume; N: the first N.")


class _JobFamily(_Section):
    kind: Literal["terms", "head", "finetune"] = "terms"
    seed: int = 11
    epochs: int = Field(default=400, ge=1)
    finetune_epochs: int = Field(default=6, ge=1)
    finetune_seeds: list[int] = Field(default_factory=lambda: [11, 12, 13], min_length=1)


class _Ranker(_Section):
    seed: int = 7
    steps: int = Field(default=1500, ge=1)


class _Feedback(_Section):
    lake: str = ""


class _Registry(_Section):
    experiment: str = "talent-screening"
    model_name: str = "talent-screening-ranker"
    family_model_name: str = "talent-screening-job-family"
    encoder_model_name: str = "talent-screening-encoder"
    promote_metric: str = "fit_auc_minor"
    promote_margin: float = Field(default=0.005, ge=0)


class ConfigFile(_Section):
    """training/configs/*.toml, section by section."""

    data: _Data = Field(default_factory=_Data)
    job_family: _JobFamily = Field(default_factory=_JobFamily)
    ranker: _Ranker = Field(default_factory=_Ranker)
    feedback: _Feedback = Field(default_factory=_Feedback)
    registry: _Registry = Field(default_factory=_Registry)
