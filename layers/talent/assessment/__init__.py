"""Skill assessment: per-skill proficiency from resume evidence and test results, and gaps against a job."""

from talent.assessment.gaps import gap_report
from talent.assessment.lookup import lookup_from_aliases, lookup_from_taxonomy
from talent.assessment.models import GapItem, GapReport, GapStatus, SkillProficiency
from talent.assessment.proficiency import TaxonomyLookup, assess

__all__ = [
    "GapItem",
    "GapReport",
    "GapStatus",
    "SkillProficiency",
    "TaxonomyLookup",
    "assess",
    "gap_report",
    "lookup_from_aliases",
    "lookup_from_taxonomy",
]
