"""What HR sees of a profile in the blind (screening) view: the ranker's blind profile, minus pedigree and age.

`ResumeProfile.blind()` drops the personal fields and is what the ranker's features read; its output is
part of the model's contract and does not change here. The screening view is a projection for people:
on top of blind(), it hides by default the fields that stand in for pedigree or age, which NYC LL144 bias
audits and the EU AI Act's high-risk duties (Art. 10 bias, Art. 14 oversight) ask a screening view not to
lean on (docs/security.md, finding 8):

- employer: prestige of past employers is a pedigree proxy (and a small employer can identify a person);
- institution: a school's name is a pedigree and socio-economic proxy, correlated with race;
- education_year: a graduation year is an age proxy (ADEA, EU Directive 2000/78);
- experience_dates: the start year of the earliest role is an age proxy too; each role's length (`months`),
  whether it is current and the total stay, so experience is still read in full.

Degree level and field, titles, skills and certifications (with their year: recency of a credential is
relevant to the job) stay. Names of hidden employers and institutions are also redacted from the free text.
A tenant may reveal fields on purpose (a typed setting, BLIND_VIEW_REVEAL); nothing is revealed by default.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict

from talent.profile.blind import redact
from talent.profile.models import ResumeProfile

_NOT_FREE_TEXT = frozenset({"schema_version", "document", "personal", "blinded", "skills", "sections_found"})


class BlindField(StrEnum):
    EMPLOYER = "employer"
    INSTITUTION = "institution"
    EDUCATION_YEAR = "education_year"
    EXPERIENCE_DATES = "experience_dates"


class BlindViewSettings(BaseSettings):
    """BLIND_VIEW_REVEAL: JSON object, tenant id -> fields its blind view shows, e.g. {"acme": ["employer"]}."""

    model_config = SettingsConfigDict(case_sensitive=False, extra="ignore", frozen=True)

    blind_view_reveal: dict[str, frozenset[BlindField]] = {}

    def revealed(self, tenant: str) -> frozenset[BlindField]:
        return self.blind_view_reveal.get(tenant, frozenset())


@lru_cache(maxsize=1)
def blind_view_settings() -> BlindViewSettings:
    return BlindViewSettings()  # values come from the environment


def hidden_fields(revealed: frozenset[BlindField]) -> list[BlindField]:
    return [field for field in BlindField if field not in revealed]


def screening_view(profile: ResumeProfile, revealed: frozenset[BlindField] = frozenset()) -> ResumeProfile:
    """profile.blind() with the fields not in `revealed` removed, and hidden names redacted from free text."""
    blind = profile.blind()
    hide = set(hidden_fields(revealed))
    names: set[str] = set()
    if BlindField.EMPLOYER in hide:
        names |= {e.employer for e in blind.experience if e.employer}
    if BlindField.INSTITUTION in hide:
        names |= {e.institution for e in blind.education if e.institution}
    patterns = [
        re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
        for name in sorted(names, key=len, reverse=True)
        if len(name) >= 2
    ]
    data = blind.model_dump()
    view = {key: (value if key in _NOT_FREE_TEXT else redact(value, patterns)) for key, value in data.items()}
    for entry in view["experience"]:
        if BlindField.EMPLOYER in hide:
            entry["employer"] = None
        if BlindField.EXPERIENCE_DATES in hide:
            entry["start"] = entry["end"] = None
    for entry in view["education"]:
        if BlindField.INSTITUTION in hide:
            entry["institution"] = None
        if BlindField.EDUCATION_YEAR in hide:
            entry["end_year"] = None
    return ResumeProfile.model_validate(view)
