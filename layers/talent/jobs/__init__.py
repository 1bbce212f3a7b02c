"""Job descriptions: requirements (required vs preferred skills, years, education, seniority).

`parse_job(text, title=..., extractor=SkillExtractor(Taxonomy.load()))` gives the `JobRequirements` contract.
"""

from talent.jobs.models import (
    EducationLevel,
    EducationRequirement,
    JobRequirements,
    JobSkill,
    RequirementLevel,
    Seniority,
    SeniorityEvidence,
    TextEvidence,
)
from talent.jobs.parse import SkillFinder, parse_job

__all__ = [
    "EducationLevel",
    "EducationRequirement",
    "JobRequirements",
    "JobSkill",
    "RequirementLevel",
    "Seniority",
    "SeniorityEvidence",
    "SkillFinder",
    "TextEvidence",
    "parse_job",
]
