from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from talent.profile.models import ResumeProfile
from talent.profile.parse import parse_resume
from talent.skills.mentions import SkillMention

from .samples import DOC_DATE, INDEED_STYLE, PLAIN_STYLE


class WordExtractor:
    """Finds fixed words: a stand-in for the taxonomy extractor."""

    def __init__(self, words: dict[str, str]) -> None:
        self.words = words

    def find(self, text: str) -> Sequence[SkillMention]:
        found = []
        for word, skill_id in self.words.items():
            start = text.find(word)
            while start >= 0:
                found.append(
                    SkillMention(
                        start=start,
                        end=start + len(word),
                        text=word,
                        skill_id=skill_id,
                        label=word,
                        confidence=0.9,
                        extractor="alias",
                    )
                )
                start = text.find(word, start + 1)
        return found


def test_sections_found_have_normalised_names_and_spans() -> None:
    profile = parse_resume(INDEED_STYLE, document_date=DOC_DATE)
    assert [s.name for s in profile.sections_found] == ["experience", "education", "skills"]
    first = profile.sections_found[0]
    assert INDEED_STYLE[first.start :].startswith("WORK EXPERIENCE")


def test_summary_certifications_and_languages() -> None:
    profile = parse_resume(PLAIN_STYLE, document_date=DOC_DATE)
    assert profile.summary is not None and profile.summary.startswith("Accountant with a decade")
    assert [(c.name, c.year) for c in profile.certifications] == [("Certified Public Accountant (CPA), 2014", 2014)]
    assert [(x.language, x.level) for x in profile.languages] == [("English", "native"), ("Spanish", "conversational")]


def test_missing_fields_are_none_with_warnings() -> None:
    profile = parse_resume("Collected essays on gardening and the weather.\n", document_date=DOC_DATE)
    assert profile.personal.name is None and profile.summary is None
    assert profile.experience == [] and profile.education == []
    assert {"name not found", "no experience entries found", "no education entries found"} <= set(profile.warnings)
    assert "no contact details found (email, phone or link)" in profile.warnings


def test_without_an_extractor_skills_are_empty_and_said_so() -> None:
    profile = parse_resume(INDEED_STYLE, document_date=DOC_DATE)
    assert profile.skills == []
    assert "skills not extracted: no skill extractor given" in profile.warnings


def test_skills_carry_evidence_sections_months_and_last_use() -> None:
    extractor = WordExtractor({"Python": "skill:python", "SQL": "skill:sql"})
    profile = parse_resume(INDEED_STYLE, document_date=DOC_DATE, extractor=extractor)
    skills = {s.skill_id: s for s in profile.skills}
    python, sql = skills["skill:python"], skills["skill:sql"]
    assert [e.section for e in python.evidence] == ["experience", "skills"]
    assert python.months == 52 and str(python.last_used) == "2024-06-15"
    assert sql.months == 50 and str(sql.last_used) == "2020-02-01"
    assert all(INDEED_STYLE[e.start : e.end] == e.text for e in python.evidence)


def test_the_document_metadata_is_recorded() -> None:
    profile = parse_resume(INDEED_STYLE, document_date=DOC_DATE, language="en", pages=1, hidden_text_count=2)
    assert (profile.document.date, profile.document.date_source) == (DOC_DATE, "caller")
    assert (profile.document.language, profile.document.pages, profile.document.hidden_text_count) == ("en", 1, 2)
    assert profile.document.characters == len(INDEED_STYLE)


def test_the_contract_is_versioned_and_round_trips_as_json() -> None:
    profile = parse_resume(PLAIN_STYLE, document_date=DOC_DATE)
    assert profile.schema_version == "resume-profile.v1"
    assert ResumeProfile.model_validate_json(profile.model_dump_json()) == profile


# Lines of real layouts, shuffled: headings, dates, headers and bullets in any order.
FRAGMENTS = [*(INDEED_STYLE + PLAIN_STYLE).splitlines(), "June 2022 -", "Present", "", "\u00ef\u00bc\u200b"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=600) | st.lists(st.sampled_from(FRAGMENTS), max_size=30).map("\n".join))
def test_any_text_parses_with_spans_inside_it(text: str) -> None:
    profile = parse_resume(text, document_date=DOC_DATE)
    for entry in profile.experience:
        assert 0 <= entry.span.start <= entry.span.end <= len(text)
    for section in profile.sections_found:
        assert 0 <= section.start <= section.end <= len(text)


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=len(INDEED_STYLE)))
def test_truncated_resumes_parse(cut: int) -> None:
    profile = parse_resume(INDEED_STYLE[:cut], document_date=DOC_DATE)
    assert profile.document.characters == cut
