"""Per-skill proficiency from what the resume shows and what tests measured.

Formula (all factors in [0, 1]):

    duration   d = 1 - exp(-months / 24)                  0 months -> 0, 2 years -> 0.63, 5 years -> 0.92
    recency    r = 0.5 ** (years since last_used / 3)     a 3-year half-life; 0.5 when last_used is unknown
    section    s = the best of the skill's sections        experience 1.0 ... a bare skills list 0.5
    inferred   E = confidence * s * (0.4 + 0.6 * d * r)    a mention alone counts 0.4 of its section weight
    assessed   a = the mean normalised score of the skill's test results
    proficiency  = 0.8 * a + 0.2 * E  with results;  E  without

Each factor is non-decreasing in its input, and every combination is a non-negative weighted sum or product of
them, so more months, a later last_used, a better section, a higher confidence or a higher test score never lower
proficiency. With a result, proficiency stays within 0.2 of the test score: the test dominates the resume.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from datetime import date

from talent.assessment.models import SkillProficiency
from talent.contracts.events import SkillScore
from talent.profile.skills import ProfileSkill

TaxonomyLookup = Callable[[str], str | None]
"""A skill name from a test provider -> a taxonomy id, matched on labels and aliases, ignoring case."""

DURATION_SCALE_MONTHS = 24.0
RECENCY_HALF_LIFE_YEARS = 3.0
RECENCY_UNKNOWN = 0.5
MENTION_BASE = 0.4
ASSESSMENT_WEIGHT = 0.8
SECTION_WEIGHTS: Mapping[str, float] = {
    "experience": 1.0,
    "projects": 0.85,
    "volunteer": 0.8,
    "certifications": 0.75,
    "publications": 0.7,
    "training": 0.65,
    "summary": 0.6,
    "education": 0.6,
    "awards": 0.6,
    "skills": 0.5,
}
OTHER_SECTION_WEIGHT = 0.4


def duration_factor(months: int | None) -> float:
    return 1.0 - math.exp(-max(months or 0, 0) / DURATION_SCALE_MONTHS)


def recency_factor(last_used: date | None, as_of: date) -> float:
    if last_used is None:
        return RECENCY_UNKNOWN
    years = max((as_of - last_used).days, 0) / 365.25
    return 0.5 ** (years / RECENCY_HALF_LIFE_YEARS)


def section_weight(sections: list[str]) -> tuple[float, str | None]:
    weighted = [(SECTION_WEIGHTS.get(name.casefold(), OTHER_SECTION_WEIGHT), name) for name in sections]
    return max(weighted, default=(OTHER_SECTION_WEIGHT, None))


def inferred_score(skill: ProfileSkill, as_of: date) -> float:
    weight, _ = section_weight(_sections(skill))
    growth = duration_factor(skill.months) * recency_factor(skill.last_used, as_of)
    return _clamp(skill.confidence * weight * (MENTION_BASE + (1.0 - MENTION_BASE) * growth))


def combine(inferred: float | None, assessment: float | None) -> float:
    if assessment is None:
        return _clamp(inferred or 0.0)
    return _clamp(ASSESSMENT_WEIGHT * assessment + (1.0 - ASSESSMENT_WEIGHT) * (inferred or 0.0))


def _clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def _sections(skill: ProfileSkill) -> list[str]:
    return list(dict.fromkeys([*skill.sections, *(e.section for e in skill.evidence)]))


def _explain(skill: ProfileSkill | None, inferred: float | None, assessment: float | None, total: float) -> str:
    parts: list[str] = []
    if skill is not None and inferred is not None:
        _, section = section_weight(_sections(skill))
        months = f"{skill.months} months" if skill.months else "no dated use"
        last = f", last used {skill.last_used:%Y-%m}" if skill.last_used else ""
        parts.append(f"resume {inferred:.2f} ({months} in {section or 'the text'}{last}, conf {skill.confidence:.2f})")
    if assessment is not None:
        parts.append(f"test {assessment:.2f} (weight {ASSESSMENT_WEIGHT:.1f})")
    return f"{'; '.join(parts) or 'no evidence'} -> {total:.2f}"


def _match(result: SkillScore, by_id: dict[str, ProfileSkill], lookup: TaxonomyLookup) -> tuple[str | None, str]:
    """The key a result belongs to: a taxonomy id, else a profile label, else the result's own name."""
    skill_id = lookup(result.skill)
    if skill_id is not None:
        return skill_id, skill_id
    name = result.skill.strip().casefold()
    for known_id, skill in by_id.items():
        if skill.label.casefold() == name:
            return known_id, known_id
    return None, f"label:{name}"


def assess(
    profile_skills: list[ProfileSkill],
    results: list[SkillScore] | None,
    *,
    as_of: date,
    taxonomy_lookup: TaxonomyLookup,
) -> list[SkillProficiency]:
    """One proficiency per skill the resume shows or a test measured, the most proficient first."""
    by_id: dict[str, ProfileSkill] = {}
    for skill in profile_skills:
        known = by_id.get(skill.skill_id)
        if known is None or inferred_score(skill, as_of) > inferred_score(known, as_of):
            by_id[skill.skill_id] = skill
    scores: dict[str, list[float]] = {}
    names: dict[str, tuple[str | None, str]] = {}
    for result in results or []:
        skill_id, key = _match(result, by_id, taxonomy_lookup)
        scores.setdefault(key, []).append(result.score)
        names.setdefault(key, (skill_id, result.skill))

    proficiencies: list[SkillProficiency] = []
    for key in dict.fromkeys([*by_id, *scores]):
        found = by_id.get(key)
        inferred = inferred_score(found, as_of) if found else None
        assessment = sum(scores[key]) / len(scores[key]) if key in scores else None
        total = combine(inferred, assessment)
        skill_id, label = (found.skill_id, found.label) if found else names[key]
        proficiencies.append(
            SkillProficiency(
                skill_id=skill_id,
                label=label,
                proficiency=total,
                inferred=inferred,
                assessment_score=assessment,
                months=found.months if found else None,
                last_used=found.last_used if found else None,
                best_section=section_weight(_sections(found))[1] if found else None,
                confidence=found.confidence if found else None,
                evidence=list(found.evidence) if found else [],
                explanation=_explain(found, inferred, assessment, total),
            )
        )
    return sorted(proficiencies, key=lambda p: -p.proficiency)
