"""The job requirements contract: what a posting asks for, each item with the text that says so."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from talent.contracts.envelope import Contract
from talent.skills.mentions import SkillKind

JOB_REQUIREMENTS_VERSION: Literal["job-requirements.v1"] = "job-requirements.v1"

RequirementLevel = Literal["required", "preferred"]


class Seniority(StrEnum):
    """Ordered from the least to the most senior; `unknown` when neither title nor text says."""

    INTERN = "intern"
    JUNIOR = "junior"
    MID = "mid"
    SENIOR = "senior"
    LEAD = "lead"
    PRINCIPAL = "principal"
    MANAGER = "manager"
    DIRECTOR = "director"
    EXECUTIVE = "executive"
    UNKNOWN = "unknown"


class EducationLevel(StrEnum):
    """The profile's scale, lowest first; `rank` compares a candidate's degree with a requirement."""

    NONE = "none"
    HIGH_SCHOOL = "high_school"
    ASSOCIATE = "associate"
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTORATE = "doctorate"

    @property
    def rank(self) -> int:
        return list(EducationLevel).index(self)


class TextEvidence(Contract):
    """`text` is the input's `[start:end]`; `sentence` is the sentence or bullet it sits in."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    sentence: str
    section: str | None = Field(default=None, description="The heading the sentence is under, as written.")
    cue: str | None = Field(default=None, description="The phrase that set the level; None: the default.")


class JobSkill(Contract):
    skill_id: str
    label: str
    kind: SkillKind | None = None
    level: RequirementLevel
    confidence: float = Field(ge=0.0, le=1.0)
    evidence: list[TextEvidence] = Field(min_length=1)


class YearsRequirement(Contract):
    years: int = Field(ge=0, le=50)
    level: RequirementLevel
    evidence: TextEvidence


class EducationRequirement(Contract):
    level: EducationLevel
    requirement: RequirementLevel
    field: str | None = None
    equivalent_experience_accepted: bool = False
    evidence: TextEvidence


class SeniorityEvidence(Contract):
    source: Literal["title", "text", "years"]
    cue: str


class JobRequirements(Contract):
    schema_version: Literal["job-requirements.v1"] = "job-requirements.v1"
    title: str | None = None
    seniority: Seniority = Seniority.UNKNOWN
    seniority_evidence: SeniorityEvidence | None = None
    required_skills: list[JobSkill] = Field(default_factory=list)
    preferred_skills: list[JobSkill] = Field(default_factory=list)
    min_years_experience: int | None = Field(default=None, ge=0, le=50)
    min_years_evidence: TextEvidence | None = None
    preferred_years_experience: int | None = Field(default=None, ge=0, le=50)
    education_requirement: EducationRequirement | None = None
    preferred_education: EducationRequirement | None = None
    warnings: list[str] = Field(default_factory=list)
