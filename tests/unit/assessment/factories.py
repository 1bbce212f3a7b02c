"""Profile skills and test results for assessment tests."""

from __future__ import annotations

from datetime import date

from talent.contracts.events import SkillScore
from talent.profile.skills import Evidence, ProfileSkill

AS_OF = date(2026, 6, 1)


def profile_skill(
    label: str = "Python",
    *,
    skill_id: str | None = None,
    sections: tuple[str, ...] = ("experience",),
    months: int | None = 24,
    last_used: date | None = AS_OF,
    confidence: float = 0.9,
) -> ProfileSkill:
    evidence = [Evidence(start=0, end=len(label), text=label, section=section) for section in sections]
    return ProfileSkill(
        skill_id=skill_id or f"test:{label.casefold()}",
        label=label,
        evidence=evidence,
        sections=list(sections),
        months=months,
        last_used=last_used,
        confidence=confidence,
    )


def score(skill: str, value: float) -> SkillScore:
    return SkillScore(skill=skill, score=value)


def no_lookup(name: str) -> str | None:
    return None
