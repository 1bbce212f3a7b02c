from __future__ import annotations

import pytest

from talent.profile.sections import find_sections, heading_name


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("WORK EXPERIENCE", "experience"),
        ("Work History", "experience"),
        ("Employment History", "experience"),
        ("Professional Experience", "experience"),
        ("Education and Training", "education"),
        ("TECHNICAL SKILLS:", "skills"),
        ("Core Competencies", "skills"),
        ("Skill Highlights", "skills"),
        ("Certifications/Licenses", "certifications"),
        ("Licenses and Certifications", "certifications"),
        ("Professional Summary", "summary"),
        ("Career Objective", "summary"),
        ("Profile", "summary"),
        ("Academic Projects", "projects"),
        ("Languages", "languages"),
        ("Lan gu ages", "languages"),
    ],
)
def test_heading_synonyms_map_to_one_name(line: str, name: str) -> None:
    assert heading_name(line) == name


@pytest.mark.parametrize(
    "line",
    [
        "Excellent communication skills",
        "Project Management",
        "Built pipelines for the education team.",
        "Skills: Python, SQL",
        "2019 Experience Award",
    ],
)
def test_content_lines_are_not_headings(line: str) -> None:
    assert heading_name(line) is None


def test_a_section_runs_to_the_next_heading() -> None:
    text = "Jo Bloggs\nSkills\nPython\nEducation\nBSc\n"
    skills, education = find_sections(text)
    assert (skills.name, text[skills.start : skills.end]) == ("skills", "Skills\nPython\n")
    assert (education.name, education.end) == ("education", len(text))
