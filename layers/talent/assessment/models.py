"""Proficiency per skill and the gap report against a job: contracts other code reads."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import Field

from talent.contracts.envelope import Contract
from talent.jobs.models import RequirementLevel
from talent.profile.skills import Evidence


class SkillProficiency(Contract):
    """`proficiency` in [0, 1]; `inferred` is the resume's part, `assessment_score` the tests' (see proficiency.py)."""

    skill_id: str | None = Field(description="Taxonomy id; None for a test result no taxonomy entry matched.")
    label: str
    proficiency: float = Field(ge=0.0, le=1.0)
    inferred: float | None = Field(default=None, ge=0.0, le=1.0, description="None: the resume never mentions it.")
    assessment_score: float | None = Field(default=None, ge=0.0, le=1.0, description="Mean of the matched results.")
    months: int | None = None
    last_used: date | None = None
    best_section: str | None = None
    confidence: float | None = None
    evidence: list[Evidence] = Field(default_factory=list)
    explanation: str


class GapStatus(StrEnum):
    MET = "met"
    PARTIALLY_MET = "partially_met"
    MISSING = "missing"


class GapItem(Contract):
    kind: Literal["skill", "experience", "education"]
    requirement: RequirementLevel
    label: str
    skill_id: str | None = None
    status: GapStatus
    proficiency: float | None = Field(default=None, ge=0.0, le=1.0)
    evidence: str = Field(description="Why this status: the numbers compared, in words.")


class GapReport(Contract):
    schema_version: Literal["gap-report.v1"] = "gap-report.v1"
    items: list[GapItem]
    required_met: int = Field(ge=0)
    required_partially_met: int = Field(ge=0)
    required_missing: int = Field(ge=0)
    preferred_met: int = Field(ge=0)
    preferred_partially_met: int = Field(ge=0)
    preferred_missing: int = Field(ge=0)
