"""Alias matching: boundaries, longest match, case, spans and confidence."""

from __future__ import annotations

from talent.skills.alias_matcher import AliasMatcher
from tests.unit.skills.conftest import found, mention_of


def test_longest_match_wins_and_matches_do_not_overlap(matcher: AliasMatcher) -> None:
    # Given a longer alias containing a shorter one / When matched / Then only the longer one is found
    assert found(matcher, "Deployed with Amazon Web Services and Ruby on Rails") == [
        "Amazon Web Services",
        "Ruby on Rails",
    ]


def test_no_match_inside_a_word(matcher: AliasMatcher) -> None:
    # Given "Java" inside "JavaScript" and "SQL" inside "MySQL"
    assert found(matcher, "JavaScript and MySQL") == ["JavaScript", "MySQL"]


def test_c_is_not_matched_inside_cpp_or_csharp(matcher: AliasMatcher) -> None:
    assert found(matcher, "Skills: C++, C#, Python") == ["C++", "C#", "Python"]


def test_acronyms_match_whatever_the_case(matcher: AliasMatcher) -> None:
    assert found(matcher, "Skills: sql, aws, Python") == ["sql", "aws", "Python"]


def test_alias_inside_an_email_address_is_not_a_skill(matcher: AliasMatcher) -> None:
    assert "python" not in found(matcher, "mail me at python@example.org")


def test_spans_point_into_the_original_text_across_line_breaks_and_runs_of_spaces(matcher: AliasMatcher) -> None:
    # Given a multi-word alias broken by a newline and spaces
    text = "Studied machine\n   learning and   project  management."
    # When matched
    mentions = matcher.find(text)
    # Then the spans cut the original text exactly
    assert [text[m.start : m.end] for m in mentions] == ["machine\n   learning", "project  management"]
    assert all(m.text == text[m.start : m.end] for m in mentions)


def test_mentions_carry_taxonomy_id_label_kind_and_extractor(matcher: AliasMatcher) -> None:
    mention = mention_of(matcher.find("Experienced in Python"), "Python")
    assert mention.skill_id and mention.skill_id.startswith("http://data.europa.eu/esco/skill/")
    assert mention.label == "Python (computer programming)"
    assert mention.kind == "technology"
    assert mention.extractor == "alias"


def test_onet_technology_has_an_onet_id(matcher: AliasMatcher) -> None:
    mention = mention_of(matcher.find("Containers with Kubernetes"), "Kubernetes")
    assert mention.skill_id == "onet:kubernetes"


def test_generic_ordinary_words_carry_lower_confidence_than_technologies(matcher: AliasMatcher) -> None:
    # Given a field of knowledge that is an ordinary word and a technology
    mentions = matcher.find("Background in statistics and Python")
    # Then the ordinary word is matched with a lower confidence
    assert mention_of(mentions, "statistics").confidence < mention_of(mentions, "Python").confidence


def test_stopwords_and_two_letter_words_are_never_skills(matcher: AliasMatcher) -> None:
    assert found(matcher, "It is on the way to an end") == []


def test_empty_text_has_no_mentions(matcher: AliasMatcher) -> None:
    assert matcher.find("") == []


def test_acronym_in_title_case_is_a_word_not_the_acronym():
    from talent.skills.extract import SkillExtractor
    from talent.skills.taxonomy import Taxonomy

    # Given the real taxonomy, where SAN is storage area network software
    extractor = SkillExtractor(Taxonomy.load())
    # When a city name and the acronym appear
    found = {m.text for m in extractor.find("Based in San Jose; managed SAN storage and AWS.")}
    # Then only the upper-case acronym is a skill
    assert "San" not in found and "SAN" in found and "AWS" in found


def test_short_names_resumes_use_for_tools_link_to_their_entries(matcher: AliasMatcher) -> None:
    # Given the ways resumes write tools that ESCO and O*NET spell otherwise
    mentions = matcher.find("Tools: SVN, Splunk, MS Office, Power Point, HP QC, Oracle 11g, SAP and TCP/IP")
    # Then each is found and linked to the entry of the tool
    labels = {m.text: m.label for m in mentions}
    assert labels == {
        "SVN": "Apache Subversion SVN",
        "Splunk": "Splunk Enterprise",
        "MS Office": "office software",
        "Power Point": "Microsoft PowerPoint",
        "HP QC": "Hewlett-Packard HP TestDirector for Quality Center",
        "Oracle 11g": "Oracle Database",
        "SAP": "SAP software",
        "TCP/IP": "ICT communications protocols",
    }


def test_company_names_and_ordinary_words_are_not_the_tools(matcher: AliasMatcher) -> None:
    # Given the employer Oracle, SAP's subsidiary and the word "sap"
    text = "Worked at Oracle Corporation and SAP Labs; tapped maple sap."
    # Then none of them is a skill
    assert found(matcher, text) == []
