"""Employers and places a resume names are not evidence of a skill; the same words elsewhere are."""

from __future__ import annotations

from talent.profile.models import ExperienceEntry, Span
from talent.profile.named_spans import employer_spans, place_spans
from talent.profile.parse import parse_resume
from talent.profile.text import lines_of

from .samples import DOC_DATE
from .test_profile import WordExtractor

RESUME = """Ravi Kumar
Network Engineer

Chennai, Tamil Nadu - Email me on Indeed: indeed.com/r/Ravi-Kumar/0123456789abcdef

WORK EXPERIENCE

Oracle DBA

Oracle -  Bangalore, Karnataka -

June 2018 to Present

Tuned Oracle databases.

Network Engineer

Cisco Systems -  Coimbatore, Tamil Nadu -

January 2014 to May 2018

Configured Cisco routers and OSPF.

EDUCATION

B.E. in Electronics

Anna University -  Chennai, Tamil Nadu

2010 to 2014

LANGUAGES

Tamil, English
"""

WORDS = {"Oracle": "skill:oracle", "Cisco": "skill:cisco", "Tamil": "skill:tamil", "Electronics": "skill:electronics"}


def _texts(span_list: list[tuple[int, int]]) -> list[str]:
    return [RESUME[a:b] for a, b in span_list]


def test_an_employer_named_in_its_header_is_not_a_skill_but_the_title_and_bullets_are() -> None:
    profile = parse_resume(RESUME, document_date=DOC_DATE, extractor=WordExtractor(WORDS))
    skills = {s.skill_id: s for s in profile.skills}
    title, bullet = RESUME.index("Oracle DBA"), RESUME.index("Oracle databases")
    assert [e.start for e in skills["skill:oracle"].evidence] == [title, bullet]  # not "Oracle -" between
    assert [e.start for e in skills["skill:cisco"].evidence] == [RESUME.index("Cisco routers")]


def test_a_state_is_not_a_skill_and_a_listed_language_and_a_degree_field_still_are() -> None:
    profile = parse_resume(RESUME, document_date=DOC_DATE, extractor=WordExtractor(WORDS))
    skills = {s.skill_id: s for s in profile.skills}
    assert [e.section for e in skills["skill:tamil"].evidence] == ["languages"]
    assert [e.section for e in skills["skill:electronics"].evidence] == ["education"]
    spoken = RESUME.rindex("Tamil")
    assert [(e.start, e.end) for e in skills["skill:tamil"].evidence] == [(spoken, spoken + 5)]


def test_employer_spans_skip_the_title_and_read_only_the_entry_header() -> None:
    start = RESUME.index("Oracle DBA")
    entry = ExperienceEntry(title="Oracle DBA", employer="Oracle", span=Span(start=start, end=len(RESUME)))
    assert _texts(employer_spans(RESUME, [entry])) == ["Oracle"]
    [(a, _)] = employer_spans(RESUME, [entry])
    assert RESUME[a - 2 : a] == "\n\n" and RESUME[a + 6 : a + 9] == " - "
    long_entry = "Engineer\n\n" + "Built things. " * 30 + "Cisco"
    far = ExperienceEntry(title="Engineer", employer="Cisco", span=Span(start=0, end=len(long_entry)))
    assert employer_spans(long_entry, [far]) == []  # "Cisco" comes past the header's reach
    assert employer_spans(RESUME, [ExperienceEntry(title="DBA", employer=None, span=Span(start=0, end=9))]) == []


def test_place_spans_are_the_location_pieces_of_a_line() -> None:
    places = _texts(place_spans(lines_of(RESUME)))
    assert places == [
        "Chennai, Tamil Nadu",
        "Bangalore, Karnataka",
        "Coimbatore, Tamil Nadu",
        "Chennai, Tamil Nadu",
    ]
    assert place_spans(lines_of("Python, SQL, Kafka\nTamil, English")) == []


def test_a_place_keeps_the_words_before_a_city_of_more_than_two_words() -> None:
    text = "Human Resource Management City, Texas\nSan Jose, California"
    assert [text[a:b] for a, b in place_spans(lines_of(text))] == [", Texas", "San Jose, California"]
