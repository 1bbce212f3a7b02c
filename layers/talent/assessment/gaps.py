"""The gap report: each requirement of a job (skill, years, education) as met, partially met or missing."""

from __future__ import annotations

from collections import Counter

from talent.assessment.models import GapItem, GapReport, GapStatus, SkillProficiency
from talent.jobs.models import EducationLevel, EducationRequirement, JobRequirements, JobSkill

MET_AT = 0.5
"""Proficiency from which a skill counts as met: about a year of recent use, or a test score of ~0.6."""
PARTIAL_AT = 0.1
"""Below this the evidence is too thin to count: a low-confidence mention, or a failed test alone."""
YEARS_PARTIAL_SHARE = 0.75


def _skill_status(proficiency: float) -> GapStatus:
    if proficiency >= MET_AT:
        return GapStatus.MET
    return GapStatus.PARTIALLY_MET if proficiency >= PARTIAL_AT else GapStatus.MISSING


def _skill_item(skill: JobSkill, by_id: dict[str, SkillProficiency], by_label: dict[str, SkillProficiency]) -> GapItem:
    found = by_id.get(skill.skill_id) or by_label.get(skill.label.casefold())
    if found is None:
        status, evidence, value = GapStatus.MISSING, "not in the resume and not assessed", None
    else:
        status, evidence, value = _skill_status(found.proficiency), found.explanation, found.proficiency
    return GapItem(
        kind="skill",
        requirement=skill.level,
        label=skill.label,
        skill_id=skill.skill_id,
        status=status,
        proficiency=value,
        evidence=evidence,
    )


def _years_item(years: int, candidate_months: int | None) -> GapItem:
    needed = years * 12
    if candidate_months is None:
        status, evidence = GapStatus.MISSING, f"{years} years asked; no dated experience in the resume"
    else:
        have = f"{candidate_months / 12:.1f} years of dated experience against {years} asked"
        if candidate_months >= needed:
            status = GapStatus.MET
        elif candidate_months >= YEARS_PARTIAL_SHARE * needed:
            status = GapStatus.PARTIALLY_MET
        else:
            status = GapStatus.MISSING
        evidence = have
    return GapItem(kind="experience", requirement="required", label=f"{years}+ years", status=status, evidence=evidence)


def _education_level(value: EducationLevel | str | None) -> EducationLevel | None:
    if value is None:
        return None
    try:
        return EducationLevel(value)
    except ValueError:  # the profile's "other": a degree we could not place on the scale
        return None


def _education_item(
    requirement: EducationRequirement, candidate: EducationLevel | None, candidate_months: int | None
) -> GapItem:
    asked = requirement.level.value + (f" in {requirement.field}" if requirement.field else "")
    if candidate is not None and candidate.rank >= requirement.level.rank:
        status, evidence = GapStatus.MET, f"{candidate.value} meets {asked}"
    elif requirement.equivalent_experience_accepted and candidate_months:
        status = GapStatus.PARTIALLY_MET
        evidence = (
            f"no {requirement.level.value}; the posting accepts equivalent experience ({candidate_months} months)"
        )
    elif candidate is not None and candidate.rank == requirement.level.rank - 1:
        status, evidence = GapStatus.PARTIALLY_MET, f"{candidate.value}, one level below {asked}"
    else:
        have = candidate.value if candidate is not None else "no recognised degree"
        status, evidence = GapStatus.MISSING, f"{have} against {asked}"
    return GapItem(kind="education", requirement=requirement.requirement, label=asked, status=status, evidence=evidence)


def gap_report(
    requirements: JobRequirements,
    proficiencies: list[SkillProficiency],
    *,
    candidate_months: int | None,
    candidate_education_level: EducationLevel | str | None,
) -> GapReport:
    """Every required and preferred skill, the minimum years and the education asked, each with a status."""
    by_id = {p.skill_id: p for p in proficiencies if p.skill_id is not None}
    by_label = {p.label.casefold(): p for p in proficiencies}
    items = [_skill_item(s, by_id, by_label) for s in [*requirements.required_skills, *requirements.preferred_skills]]
    if requirements.min_years_experience is not None:
        items.append(_years_item(requirements.min_years_experience, candidate_months))
    if requirements.education_requirement is not None:
        level = _education_level(candidate_education_level)
        items.append(_education_item(requirements.education_requirement, level, candidate_months))
    counts = Counter((item.requirement, item.status) for item in items)
    return GapReport(
        items=items,
        required_met=counts["required", GapStatus.MET],
        required_partially_met=counts["required", GapStatus.PARTIALLY_MET],
        required_missing=counts["required", GapStatus.MISSING],
        preferred_met=counts["preferred", GapStatus.MET],
        preferred_partially_met=counts["preferred", GapStatus.PARTIALLY_MET],
        preferred_missing=counts["preferred", GapStatus.MISSING],
    )
