"""Short and ambiguous aliases count only with evidence; vetoes win over evidence."""

from __future__ import annotations

import pytest

from talent.skills.alias_matcher import AliasMatcher
from tests.unit.skills.conftest import found

LIST = "Skills: Python, Java, SQL, {alias}, Docker"


@pytest.mark.parametrize(
    "alias",
    ["C", "R", "Go", "Excel", "Swift", "Spark", "Access", "Word", "Chef", "Puppet", "Ruby", "Scratch", "Forth"],
)
def test_ambiguous_alias_in_a_skills_list_counts(matcher: AliasMatcher, alias: str) -> None:
    # Given a comma-separated skills list with other known technologies
    text = LIST.format(alias=alias)
    # When matched / Then the ambiguous alias is found
    assert alias in found(matcher, text)


@pytest.mark.parametrize(
    "text, alias",
    [
        ("Wrote firmware in C programming for embedded boards", "C"),
        ("Maintained C/C++ code", "C"),
        ("Statistics with the R language", "R"),
        ("Built services in Go (golang)", "Go"),
        ("Reports in MS Excel", "MS Excel"),
        ("Proficient in Excel and its macros", "Excel"),
        ("Built Excel spreadsheets for finance", "Excel"),
        ("Shipped an app in Swift programming", "Swift"),
        ("Jobs on Apache Spark and Spark SQL", "Spark"),
        ("Built a Microsoft Access database", "Microsoft Access"),
        ("Templates as Word documents", "Word"),
        ("REST APIs with Node.js and Express", "Express"),
        ("Web apps in Ruby on Rails", "Ruby on Rails"),
    ],
)
def test_disambiguating_neighbour_counts(matcher: AliasMatcher, text: str, alias: str) -> None:
    # Given an ambiguous alias with a disambiguating neighbour / When matched / Then it is found
    assert alias in found(matcher, text)


@pytest.mark.parametrize(
    "text, alias",
    [
        ("Presented to the C-suite every quarter", "C"),
        ("Please send your C.V. to HR", "C"),
        ("Rich in Vitamin C and iron", "C"),
        ("Earned a grade C in chemistry", "C"),
        ("Reported to C level executives", "C"),
        ("Budget for R&D projects", "R"),
        ("Let us Go to the market", "Go"),
        ("Ready to go live next week", "go"),
        ("I excel at teamwork", "excel"),
        ("Students who Excel in maths", "Excel"),
        ("We need a swift response", "swift"),
        ("Rust removal on old cars", "Rust"),
        ("Ideas that spark joy", "spark"),
        ("Access to the building was limited", "Access"),
        ("Head Chef at a restaurant", "Chef"),
        ("Puppet show for children", "Puppet"),
        ("Shipped with American Express", "Express"),
        ("Ruby was my manager", "Ruby"),
        ("Vitamin D levels", "D"),
        ("Make sure the report is on time", "Make"),
        ("A cup of java in the morning", "java"),
        # From real resumes and postings: product names that are ordinary words
        ("Built the accounting system from scratch", "scratch"),
        ("Coordinates activities across the continuum of care", "continuum"),
        ("Strong communication, negotiation and persuasion skills", "persuasion"),
        ("Excellent speaker and Presenter", "Presenter"),
        ("Guidelines set forth by the Department of Revenue", "forth"),
        ("Volunteer teaching during flex time hours", "flex"),
        ("Cash vault, lockbox and DDA platforms", "lockbox"),
        ("Maintained the front desk and reception area", "front desk"),
        ("As a restaurant manager you will lead the team", "restaurant manager"),
        ("Marketing through mobile apps and web sites", "apps"),
        ("Reach casino visitors within a 30 miles radius", "radius"),
        ("Legal research on the Finance Act viz. import of services", "viz"),
    ],
)
def test_ambiguous_alias_without_evidence_or_vetoed_is_not_a_skill(
    matcher: AliasMatcher, text: str, alias: str
) -> None:
    # Given an ordinary use of a word that is also a technology name / When matched / Then it is not found
    assert alias not in found(matcher, text)


def test_veto_wins_over_a_skills_list(matcher: AliasMatcher) -> None:
    # Given "C-suite" inside a list with technologies
    text = "Skills: Python, C-suite presentations, SQL"
    # When matched / Then C is not found
    assert "C" not in found(matcher, text)


def test_java_capitalised_needs_no_further_evidence(matcher: AliasMatcher) -> None:
    assert "Java" in found(matcher, "Senior engineer writing Java daily")


def test_ambiguous_aliases_support_each_other_through_a_known_technology(matcher: AliasMatcher) -> None:
    # Given Word and Excel listed next to PowerPoint (unambiguous)
    text = "Tools: Word, Excel, PowerPoint"
    # When matched / Then Excel (next to PowerPoint) and then Word (next to Excel) count
    assert found(matcher, text) == ["Word", "Excel", "PowerPoint"]


def test_single_letters_alone_do_not_support_each_other(matcher: AliasMatcher) -> None:
    # Given a list of grades / When matched / Then no letter is a skill
    assert found(matcher, "Grades: A, B, C, D") == []


def test_skills_section_heading_is_evidence(matcher: AliasMatcher) -> None:
    # Given a skills heading and a list item on its own line
    text = "TECHNICAL SKILLS\n- Go\n- Swift\n"
    # When matched / Then both count
    assert found(matcher, text) == ["Go", "Swift"]


def test_other_heading_ends_the_skills_section(matcher: AliasMatcher) -> None:
    text = "SKILLS\nPython\nEXPERIENCE\n- Go\n"
    assert "Go" not in found(matcher, text)
