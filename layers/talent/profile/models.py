"""The resume profile contract: personal fields kept apart from the fields used for scoring.

Character spans (`start`, `end`, end exclusive) index the text the profile was parsed from
(`document.text_sha256` identifies it); the text itself is not part of the profile.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from talent.profile.skills import ListedSkill, ProfileSkill

SCHEMA_VERSION = "resume-profile.v1"

EducationLevel = Literal["none", "high_school", "associate", "bachelor", "master", "doctorate", "other"]
LinkKind = Literal["linkedin", "github", "indeed", "website"]
DateSource = Literal["event", "metadata", "caller", "unknown"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Span(_Frozen):
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class YearMonth(_Frozen):
    year: int = Field(ge=1900, le=2100)
    month: int | None = Field(default=None, ge=1, le=12, description="None: only the year is given.")


class Phone(_Frozen):
    raw: str = Field(description="As written in the resume.")
    e164: str | None = Field(default=None, description="E.164 form where phonenumbers could parse it.")


class Link(_Frozen):
    kind: LinkKind
    url: str = Field(description="Without scheme; line breaks inside the link removed.")


class PersonalFields(_Frozen):
    """Everything that identifies the candidate; `ResumeProfile.blind()` drops all of it."""

    name: str | None = None
    emails: list[str] = Field(default_factory=list)
    phones: list[Phone] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)
    location: str | None = None


class Section(_Frozen):
    name: str = Field(description="Normalised: summary, experience, education, skills, certifications, ...")
    heading: str = Field(description="The heading as written.")
    start: int = Field(ge=0, description="Start of the heading line.")
    end: int = Field(ge=0, description="Start of the next heading, or the end of the text.")


class ExperienceEntry(_Frozen):
    title: str | None = None
    employer: str | None = None
    start: YearMonth | None = None
    end: YearMonth | None = None
    current: bool = False
    description: str = ""
    span: Span
    months: int | None = Field(default=None, ge=0, description="Months this entry covers; None without dates.")


class EducationEntry(_Frozen):
    degree: str | None = Field(default=None, description="The degree as written.")
    level: EducationLevel | None = Field(default=None, description="None: no degree recognised.")
    field: str | None = None
    institution: str | None = None
    end_year: int | None = None
    span: Span


class Certification(_Frozen):
    name: str
    year: int | None = None
    span: Span


class SpokenLanguage(_Frozen):
    language: str
    level: str | None = None


class DocumentInfo(_Frozen):
    language: str | None = None
    pages: int | None = None
    date: dt.date = Field(description='The date "present" is measured from.')
    date_source: DateSource
    hidden_text_count: int = Field(default=0, ge=0, description="Hidden text runs excluded from scoring.")
    characters: int = Field(ge=0)
    text_sha256: str


class ResumeProfile(_Frozen):
    schema_version: Literal["resume-profile.v1"] = "resume-profile.v1"
    blinded: bool = False
    personal: PersonalFields = Field(default_factory=PersonalFields)
    headline: str | None = Field(default=None, description="The job title under the name, if any.")
    summary: str | None = None
    sections_found: list[Section] = Field(default_factory=list)
    experience: list[ExperienceEntry] = Field(default_factory=list)
    total_experience_months: int = Field(default=0, ge=0, description="Union of the dated entries.")
    education: list[EducationEntry] = Field(default_factory=list)
    certifications: list[Certification] = Field(default_factory=list)
    languages: list[SpokenLanguage] = Field(default_factory=list)
    skills: list[ProfileSkill] = Field(default_factory=list)
    listed_skills: list[ListedSkill] = Field(
        default_factory=list,
        description="Items of the skills sections no taxonomy entry names (the linked ones are in `skills`).",
    )
    warnings: list[str] = Field(default_factory=list)
    document: DocumentInfo

    def blind(self) -> ResumeProfile:
        """The same profile without personal fields, their strings redacted from free text."""
        from talent.profile.blind import blind_profile

        return blind_profile(self)
