"""gap_report(): each requirement met, partially met or missing, with the evidence."""

from __future__ import annotations

from talent.assessment import GapStatus, assess, gap_report
from talent.assessment.models import GapItem, SkillProficiency
from talent.jobs.models import (
    EducationLevel,
    EducationRequirement,
    JobRequirements,
    JobSkill,
    RequirementLevel,
    TextEvidence,
)
from tests.unit.assessment.factories import AS_OF, no_lookup, profile_skill, score

QUOTE = TextEvidence(start=0, end=3, text="SQL", sentence="SQL")


def job_skill(label: str, level: RequirementLevel = "required") -> JobSkill:
    return JobSkill(skill_id=f"test:{label.casefold()}", label=label, level=level, confidence=0.9, evidence=[QUOTE])


def job(*skills: JobSkill, years: int | None = None, education: EducationRequirement | None = None) -> JobRequirements:
    return JobRequirements(
        required_skills=[s for s in skills if s.level == "required"],
        preferred_skills=[s for s in skills if s.level == "preferred"],
        min_years_experience=years,
        education_requirement=education,
    )


def degree(level: EducationLevel, *, equivalent: bool = False) -> EducationRequirement:
    return EducationRequirement(
        level=level, requirement="required", equivalent_experience_accepted=equivalent, evidence=QUOTE
    )


def only_item(requirements: JobRequirements, proficiencies: list[SkillProficiency], **candidate: object) -> GapItem:
    defaults: dict[str, object] = {"candidate_months": None, "candidate_education_level": None, **candidate}
    (item,) = gap_report(requirements, proficiencies, **defaults).items  # type: ignore[arg-type]
    return item


def test_a_skill_used_for_years_recently_is_met() -> None:
    # Given two recent years of SQL in experience / When compared with a job asking for SQL / Then it is met
    proficiencies = assess([profile_skill("SQL", months=24)], None, as_of=AS_OF, taxonomy_lookup=no_lookup)
    assert only_item(job(job_skill("SQL")), proficiencies).status == GapStatus.MET


def test_a_skill_only_listed_is_partially_met() -> None:
    # Given SQL only in a skills list / When compared / Then it is partially met
    listed = profile_skill("SQL", sections=("skills",), months=None, last_used=None)
    proficiencies = assess([listed], None, as_of=AS_OF, taxonomy_lookup=no_lookup)
    assert only_item(job(job_skill("SQL")), proficiencies).status == GapStatus.PARTIALLY_MET


def test_a_skill_absent_from_resume_and_tests_is_missing() -> None:
    # Given no evidence for SQL / When compared / Then it is missing, and the evidence says why
    item = only_item(job(job_skill("SQL")), [])
    assert (item.status, item.evidence) == (GapStatus.MISSING, "not in the resume and not assessed")


def test_a_failed_test_without_resume_evidence_is_missing() -> None:
    # Given only a test score of 0.05 / When compared / Then it is missing
    proficiencies = assess([], [score("SQL", 0.05)], as_of=AS_OF, taxonomy_lookup=no_lookup)
    assert only_item(job(job_skill("SQL")), proficiencies).status == GapStatus.MISSING


def test_a_preferred_skill_keeps_its_level_in_the_report() -> None:
    # Given a preferred skill / When compared / Then its item is marked preferred
    assert only_item(job(job_skill("Docker", "preferred")), []).requirement == "preferred"


def test_enough_years_are_met() -> None:
    # Given 5 years asked and 64 months of experience / When compared / Then the years are met
    assert only_item(job(years=5), [], candidate_months=64).status == GapStatus.MET


def test_most_of_the_years_are_partially_met() -> None:
    # Given 4 years asked and 3 years of experience / When compared / Then the years are partially met
    assert only_item(job(years=4), [], candidate_months=36).status == GapStatus.PARTIALLY_MET


def test_unknown_experience_is_missing() -> None:
    # Given years asked and no dated experience / When compared / Then the years are missing
    assert only_item(job(years=2), [], candidate_months=None).status == GapStatus.MISSING


def test_a_higher_degree_meets_the_education_requirement() -> None:
    # Given a bachelor asked and a master held / When compared / Then education is met
    item = only_item(job(education=degree(EducationLevel.BACHELOR)), [], candidate_education_level="master")
    assert item.status == GapStatus.MET


def test_one_level_below_is_partially_met() -> None:
    # Given a bachelor asked and an associate degree held / When compared / Then education is partially met
    item = only_item(job(education=degree(EducationLevel.BACHELOR)), [], candidate_education_level="associate")
    assert item.status == GapStatus.PARTIALLY_MET


def test_equivalent_experience_partially_meets_a_degree_requirement() -> None:
    # Given "BA/BS or equivalent practical experience" and experience but no degree / When compared / Then partial
    requirements = job(education=degree(EducationLevel.BACHELOR, equivalent=True))
    item = only_item(requirements, [], candidate_months=48, candidate_education_level=None)
    assert item.status == GapStatus.PARTIALLY_MET


def test_an_unplaced_degree_does_not_meet_a_requirement() -> None:
    # Given the profile's "other" degree level / When compared with a bachelor requirement / Then it is missing
    item = only_item(job(education=degree(EducationLevel.BACHELOR)), [], candidate_education_level="other")
    assert item.status == GapStatus.MISSING


def test_the_report_counts_statuses_by_requirement_level() -> None:
    # Given one met required skill, one missing required skill and one missing preferred skill
    proficiencies = assess([profile_skill("SQL", months=36)], None, as_of=AS_OF, taxonomy_lookup=no_lookup)
    requirements = job(job_skill("SQL"), job_skill("Java"), job_skill("Docker", "preferred"))
    # When the report is built
    report = gap_report(requirements, proficiencies, candidate_months=None, candidate_education_level=None)
    # Then the counts say so
    counts = (report.required_met, report.required_missing, report.preferred_missing)
    assert counts == (1, 1, 1)
