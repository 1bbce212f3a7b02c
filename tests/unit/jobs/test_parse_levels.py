"""Required vs preferred: headings set a section's level, strong cues override it, evidence quotes the text."""

from __future__ import annotations

from talent.jobs.models import JobRequirements
from talent.jobs.parse import parse_job
from tests.unit.jobs.fakes import FakeExtractor, skill_id

SKILLS = FakeExtractor("Python", "SQL", "Kafka", "Docker", "Java", "Excel", "Spanish")


def levels(job: JobRequirements) -> dict[str, str]:
    return {s.label: s.level for s in [*job.required_skills, *job.preferred_skills]}


def test_skills_under_a_requirements_heading_are_required() -> None:
    # Given a skill listed under "Requirements" / When parsed / Then it is required, the heading is the cue
    job = parse_job("Requirements:\n- Python and SQL\n", extractor=SKILLS)
    assert levels(job) == {"Python": "required", "SQL": "required"}
    assert job.required_skills[0].evidence[0].cue == "Requirements"


def test_skills_under_a_nice_to_have_heading_are_preferred() -> None:
    # Given a skill listed under "Nice to have" / When parsed / Then it is preferred
    job = parse_job("Requirements:\n- Python\nNice to have:\n- Docker\n", extractor=SKILLS)
    assert levels(job) == {"Python": "required", "Docker": "preferred"}


def test_a_plus_inside_requirements_makes_that_clause_preferred() -> None:
    # Given "is a plus" in one clause of a requirements bullet / When parsed / Then only that clause is preferred
    job = parse_job("Requirements:\n- Strong Python; experience with Kafka is a plus\n", extractor=SKILLS)
    assert levels(job) == {"Python": "required", "Kafka": "preferred"}


def test_required_inside_a_preferred_section_makes_that_sentence_required() -> None:
    # Given "required" in a sentence under a preferred heading / When parsed / Then that skill is required
    job = parse_job("Preferred qualifications:\nJava is required.\nDocker.\n", extractor=SKILLS)
    assert levels(job) == {"Java": "required", "Docker": "preferred"}


def test_a_list_before_its_cue_takes_that_cue() -> None:
    # Given a comma list whose level is stated after it / When parsed / Then every item takes that level
    job = parse_job("Experience with Python, SQL, or Java preferred.", extractor=SKILLS)
    assert levels(job) == {"Python": "preferred", "SQL": "preferred", "Java": "preferred"}


def test_without_headings_or_cues_skills_are_required_by_default() -> None:
    # Given prose without headings or cues / When parsed / Then skills are required with no cue and a warning
    job = parse_job("We build data pipelines in Python and Kafka.", extractor=SKILLS)
    assert levels(job) == {"Python": "required", "Kafka": "required"}
    assert job.required_skills[0].evidence[0].cue is None
    assert any("no requirement headings" in w for w in job.warnings)


def test_skills_in_an_about_us_section_are_not_requirements() -> None:
    # Given a skill mentioned only in the company blurb / When parsed / Then it is not a requirement
    job = parse_job("About us:\nWe love Java.\nRequirements:\n- SQL\n", extractor=SKILLS)
    assert levels(job) == {"SQL": "required"}


def test_inline_headings_in_text_without_line_breaks_are_recognised() -> None:
    # Given a posting flattened to one line / When parsed / Then its inline headings still set the levels
    text = "We are hiring.Minimum qualifications: Python and SQL. Preferred qualifications: Docker or Excel."
    job = parse_job(text, extractor=SKILLS)
    assert levels(job) == {"Python": "required", "SQL": "required", "Docker": "preferred", "Excel": "preferred"}


def test_a_skill_both_required_and_preferred_is_required_with_both_evidence() -> None:
    # Given a skill in both sections / When parsed / Then it is required and keeps both pieces of evidence
    job = parse_job("Requirements:\n- SQL\nNice to have:\n- Advanced SQL\n", extractor=SKILLS)
    assert levels(job) == {"SQL": "required"}
    assert [e.section for e in job.required_skills[0].evidence] == ["Requirements", "Nice to have"]


def test_evidence_offsets_quote_the_original_text() -> None:
    # Given a posting / When parsed / Then each evidence span is the text at its offsets
    text = "Requirements:\n  * Fluent Spanish, strong Excel\n"
    job = parse_job(text, extractor=SKILLS)
    spans = [(e.start, e.end, e.text) for s in job.required_skills for e in s.evidence]
    assert all(text[start:end] == quoted for start, end, quoted in spans)
    assert {s.skill_id for s in job.required_skills} == {skill_id("Spanish"), skill_id("Excel")}


def test_a_posting_without_required_skills_says_so() -> None:
    # Given a posting whose only skill is preferred / When parsed / Then a warning says no skill is required
    job = parse_job("Nice to have: Docker", extractor=SKILLS)
    assert "no required skills found" in job.warnings


def test_empty_text_gives_an_empty_result_with_a_warning() -> None:
    # Given whitespace only / When parsed / Then nothing is required and the warning says why
    job = parse_job("  \n ", title="Analyst", extractor=SKILLS)
    assert (job.required_skills, job.warnings) == ([], ["the job description has no text"])


def test_title_is_taken_from_a_short_first_line_when_not_given() -> None:
    # Given a posting whose first line is its title / When parsed without a title / Then the first line is the title
    job = parse_job("Senior Data Engineer\nRequirements:\n- Python\n", extractor=SKILLS)
    assert job.title == "Senior Data Engineer"
    assert "title taken from the first line" in job.warnings


def test_an_explicit_preferred_level_beats_a_default_one() -> None:
    # Given a skill in the uncued responsibilities and again under a preferred heading
    text = "Responsibilities:\n- Build Docker images\nNice to have:\n- Docker\n"
    # When parsed
    job = parse_job(text, extractor=SKILLS)
    # Then the explicit preferred level wins over the default
    assert levels(job) == {"Docker": "preferred"}


def test_in_a_clause_with_two_cues_the_nearest_one_labels_a_skill() -> None:
    # Given a key-value line "Skills Required SQL Skills Desired Docker" / When parsed / Then each takes its nearest
    job = parse_job("Skills Required SQL Skills Desired Docker", extractor=SKILLS)
    assert levels(job) == {"SQL": "required", "Docker": "preferred"}


def test_in_a_run_on_paragraph_a_distant_cue_does_not_label_a_skill() -> None:
    # Given a paragraph without punctuation where "preferred" is far from the first skill
    filler = " ".join(["handle incoming requests from the front desk staff"] * 5)
    text = f"Entering data into SQL systems {filler} and Docker experience preferred"
    # When parsed / Then the distant skill keeps the default level, the near one is preferred
    assert levels(parse_job(text, extractor=SKILLS)) == {"SQL": "required", "Docker": "preferred"}


def test_text_without_line_breaks_is_split_at_glued_words() -> None:
    # Given list items glued together when line breaks were stripped
    text = "Job duties:Standing long periods of timeUnloading productQualifications:Good Excel skillsAbility to lift"
    # When parsed / Then the glued heading is found and the skill after it is required under it
    job = parse_job(text, extractor=SKILLS)
    assert job.required_skills[0].evidence[0].section == "Qualifications"
