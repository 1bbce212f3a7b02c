"""parse_job on any text: never fails, and every piece of evidence quotes the text it came from."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from talent.jobs.models import JobRequirements
from talent.jobs.parse import parse_job
from tests.unit.jobs.fakes import FakeExtractor

SKILLS = FakeExtractor("Python", "SQL", "Excel", "C++")
WORDS = [
    "Requirements:", "Nice to have:", "Python", "SQL", "Excel", "C++", "is a plus", "must", "3-5 years",
    "5+ years of experience", "Bachelor's degree", "PhD", "About us", "\n", "\u2022", ";", ",", ".", "preferred",
    "Responsibilities", "QualificationsGood", "experienceAbility", " - ", ":", "required", "ideally", "(", ")",
]  # fmt: skip
postings = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=60).map(" ".join)


def all_evidence(job: JobRequirements) -> list[tuple[int, int, str]]:
    quotes = [(e.start, e.end, e.text) for s in [*job.required_skills, *job.preferred_skills] for e in s.evidence]
    extra = [job.min_years_evidence] + [r.evidence for r in (job.education_requirement, job.preferred_education) if r]
    return quotes + [(e.start, e.end, e.text) for e in extra if e is not None]


@settings(max_examples=300, deadline=None)
@given(postings)
def test_any_text_parses_and_evidence_quotes_it(text: str) -> None:
    # Given any text built from posting vocabulary and noise / When parsed
    job = parse_job(text, extractor=SKILLS)
    # Then every evidence span is exactly the text at its offsets
    assert all(text[start:end] == quoted for start, end, quoted in all_evidence(job))


@settings(max_examples=200, deadline=None)
@given(postings)
def test_every_found_skill_gets_exactly_one_level(text: str) -> None:
    # Given any text / When parsed / Then no skill is both required and preferred
    job = parse_job(text, extractor=SKILLS)
    required = {s.skill_id for s in job.required_skills}
    assert required.isdisjoint(s.skill_id for s in job.preferred_skills)
