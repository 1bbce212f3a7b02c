from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from talent.profile.listed_skills import MAX_LISTED, ListedItem, listed_items, unlinked_items
from talent.profile.parse import parse_resume
from talent.profile.sections import find_sections
from talent.profile.text import clean_view

from .samples import DOC_DATE
from .test_profile import WordExtractor

RESUME = """Dana Smith
Build Engineer

SKILLS

Jenkins (3 years), UDeploy (Less than 1 year), Shell Scripting and Python
Databases: MySQL, Oracle Database
• Tripwire | Nagios
Configured the build servers for the payments team and wrote the release notes for every sprint.
Sr Build Engineer, Acme Corp, June 2016 to March 2019

EDUCATION

B.Sc. Computer Science, State University, 2015
"""


def _items(text: str) -> list[str]:
    view = clean_view(text)
    return [i.text for i in listed_items(text, view, find_sections(view))]


def test_list_items_come_without_durations_categories_or_bullets() -> None:
    # Given a skills section written as lists, with a sentence and a job line after them
    # When its items are read
    items = _items(RESUME)
    # Then each listed tool is one item, and the sentence, the dated line and "Databases:" give none
    tools = ["Jenkins", "UDeploy", "Shell Scripting", "Python", "MySQL", "Oracle Database", "Tripwire", "Nagios"]
    assert items == tools


def test_item_offsets_index_the_original_text() -> None:
    view = clean_view(RESUME)
    for item in listed_items(RESUME, view, find_sections(view)):
        assert RESUME[item.start : item.end] == item.text


def test_only_skills_sections_are_read() -> None:
    assert _items("EDUCATION\n\nPython, Java\n") == []
    assert _items("Python, Java, Go\n") == []


def test_fragments_of_sentences_and_level_words_are_not_items() -> None:
    text = "SKILLS\n\nwith SCOM, by suggesting right processes, Expert, I have worked on many things\n"
    assert _items(text) == []


def test_linked_items_are_left_to_the_profile_skills() -> None:
    view = clean_view(RESUME)
    items = listed_items(RESUME, view, find_sections(view))
    jenkins = RESUME.index("Jenkins")
    assert "Jenkins" not in [i.text for i in unlinked_items(items, [(jenkins, jenkins + 7)])]


def test_profile_lists_what_the_extractor_did_not_link() -> None:
    # Given an extractor that knows Jenkins and Python only
    profile = parse_resume(RESUME, document_date=DOC_DATE, extractor=WordExtractor({"Jenkins": "t:1", "Python": "t:2"}))
    # Then those are profile skills and the other items are listed skills, in the order written
    assert [s.label for s in profile.skills] == ["Jenkins", "Python"]
    listed = [s.text for s in profile.listed_skills]
    assert listed == ["UDeploy", "Shell Scripting", "MySQL", "Oracle Database", "Tripwire", "Nagios"]


def test_no_extractor_no_listed_skills() -> None:
    assert parse_resume(RESUME, document_date=DOC_DATE).listed_skills == []


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_any_text_under_a_skills_heading_gives_items_inside_it(body: str) -> None:
    text = "SKILLS\n" + body
    view = clean_view(text)
    for item in listed_items(text, view, find_sections(view)):
        assert 0 <= item.start < item.end <= len(text)
        assert text[item.start : item.end] == item.text and item.text.strip() == item.text


def test_each_text_is_listed_once_and_the_list_is_bounded() -> None:
    items = [ListedItem(i * 10, i * 10 + 5, f"Tool{i % 300}") for i in range(1000)]
    kept = unlinked_items(items, [(0, 5), (12, 14)])
    assert [i.text for i in kept[:2]] == ["Tool2", "Tool3"]  # Tool0 and Tool1 overlap linked mentions
    assert len(kept) == MAX_LISTED and len({i.text.casefold() for i in kept}) == MAX_LISTED


def test_overlap_is_found_whatever_the_order_and_nesting_of_linked_spans() -> None:
    items = [ListedItem(0, 4, "Ansi"), ListedItem(10, 14, "Chef"), ListedItem(20, 24, "Jira")]
    # One long linked span covering the second item, listed after a short one
    assert [i.text for i in unlinked_items(items, [(30, 40), (2, 3), (5, 12)])] == ["Jira"]
