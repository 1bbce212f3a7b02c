"""A skill found in a text: the shared currency of the extractors, the profile and the job parser."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Extractor = Literal["alias", "tagger", "both"]
SkillKind = Literal["skill", "knowledge", "technology"]


class SkillMention(BaseModel):
    """`text[start:end]` mentions taxonomy entry `skill_id` (None: a tagger span no entry matched)."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int = Field(gt=0)
    text: str
    skill_id: str | None
    label: str | None
    kind: SkillKind | None = None
    confidence: float = Field(ge=0.0, le=1.0)
    extractor: Extractor
