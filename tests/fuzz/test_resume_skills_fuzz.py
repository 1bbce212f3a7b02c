"""Property tests on the resume's skills as the served path reads them (alias matcher + listed items): any
text under any heading gives skills and listed items whose offsets point at their words, never a crash.
CI runs 200 examples per property; `bench/fuzz_campaign.py` runs them at TALENT_FUZZ_EXAMPLES."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from talent.profile.models import ResumeProfile
from talent.profile.parse import parse_resume
from talent.skills.extract import default_extractor
from tests.fuzz.fuzz_settings import FUZZ

HEADINGS = ["SKILLS", "Technical Skills:", "Core Competencies", "WORK EXPERIENCE", "Education", ""]
PIECES = [
    "Java (3 years)", "SQL (Less than 1 year)", "Databases:", "MySQL", "UDeploy", "and", "&", ",", ";", "|",
    "\u2022", "\u2013", "\n", "\t", "June 2016 to March 2019", "Expert", "with", "C++", "Node.js", "\u200b",
    "\u00c2\xa0", "(", ")", ":", "Worked on the build servers for the payments team",
]  # fmt: skip


def assert_points_at_words(text: str, profile: ResumeProfile) -> None:
    for item in profile.listed_skills:
        assert 0 <= item.start < item.end <= len(text) and text[item.start : item.end] == item.text
    for skill in profile.skills:
        for evidence in skill.evidence:
            assert text[evidence.start : evidence.end] == evidence.text
    listed = {(i.start, i.end) for i in profile.listed_skills}
    linked = [(e.start, e.end) for s in profile.skills for e in s.evidence]
    assert not any(s < b and a < e for a, b in listed for s, e in linked), "an item is listed and linked"


@FUZZ
@given(heading=st.sampled_from(HEADINGS), pieces=st.lists(st.sampled_from(PIECES), max_size=80))
def test_skills_sections_of_any_shape_give_items_at_their_words(heading: str, pieces: list[str]) -> None:
    text = f"Dana Smith\n\n{heading}\n" + " ".join(pieces)
    assert_points_at_words(text, parse_resume(text, document_date=date(2024, 6, 1), extractor=default_extractor()))


@FUZZ
@given(body=st.text(alphabet=st.characters(codec="utf-8"), max_size=600))
def test_any_text_under_a_skills_heading_is_read_without_a_crash(body: str) -> None:
    text = "SKILLS\n" + body
    assert_points_at_words(text, parse_resume(text, document_date=date(2024, 6, 1), extractor=default_extractor()))
