"""A skill as it stands in a profile: taxonomy entry, evidence, and how long and how recently it was used."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from talent.skills.mentions import SkillKind


class Evidence(BaseModel):
    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0, description="Character offset in the profile's text.")
    end: int = Field(gt=0)
    text: str
    section: str = Field(description="Section the mention is in: skills, experience, summary, education...")


class ProfileSkill(BaseModel):
    model_config = ConfigDict(frozen=True)

    skill_id: str = Field(description="Taxonomy id (an ESCO URI or an O*NET technology id).")
    label: str
    kind: SkillKind | None = None
    evidence: list[Evidence]
    sections: list[str]
    months: int | None = Field(default=None, ge=0, description="Months of the experience entries that mention it.")
    last_used: date | None = Field(default=None, description="End of the latest entry mentioning it.")
    confidence: float = Field(ge=0.0, le=1.0)


class ListedSkill(BaseModel):
    """An item of a skills section that no taxonomy entry names ("UDeploy", "Storekeeping"): the candidate's
    words, shown to HR as listed; the ranker's skill features read `ProfileSkill`s only."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0, description="Character offset in the profile's text.")
    end: int = Field(gt=0)
    text: str
