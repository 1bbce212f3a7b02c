"""The feature spec: names and order of the ranker's inputs, versioned and identified by its sha256."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from talent.data_paths import MODELS_DIR

SPEC_PATH = MODELS_DIR / "ranker" / "feature_spec.json"


class FeatureSpecMismatch(RuntimeError):
    """A model was trained on another feature spec than the one this code computes."""


class FeatureDefinition(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    description: str


class FeatureSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str
    token_budget: int = Field(gt=0, description="Word pieces of the resume text the encoder sees.")
    window: int = Field(gt=8)
    term_weights_sha256: str = Field(
        default="", description="Of the term weights the lexical features read (`talent.features.lexical`)."
    )
    features: list[FeatureDefinition] = Field(min_length=1)
    excluded: str
    sha256: str = Field(default="", description="Of the file's bytes; set by `load`.")

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.features]

    @classmethod
    def load(cls, path: Path = SPEC_PATH) -> FeatureSpec:
        raw = path.read_bytes()
        spec = cls.model_validate({**json.loads(raw), "sha256": hashlib.sha256(raw).hexdigest()})
        if len(set(spec.names)) != len(spec.names):
            raise ValueError(f"{path}: feature names repeat")
        return spec

    def require_term_weights(self, sha256: str, origin: str) -> None:
        """Refuse term weights other than those this spec's features were defined with."""
        if sha256 != self.term_weights_sha256:
            raise FeatureSpecMismatch(
                f"{origin} has sha256 {sha256[:12]}…, feature spec {self.version} was built with "
                f"{self.term_weights_sha256[:12]}…: restore the file, or rebuild it and retrain (`make models`)"
            )

    def require(self, sha256: str, version: str, origin: str) -> None:
        """Refuse a model whose recorded spec is not this one."""
        if sha256 != self.sha256:
            raise FeatureSpecMismatch(
                f"{origin} was built on feature spec {version} ({sha256[:12]}…), this code computes "
                f"{self.version} ({self.sha256[:12]}…): retrain it (`make models`) or deploy the matching code"
            )
