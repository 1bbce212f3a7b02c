"""Combining alias mentions with tagger spans; span metrics; the skills command."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from talent.skills.alias_matcher import AliasMatcher
from talent.skills.extract import SkillExtractor, TaggedSpan
from talent.skills.mentions import SkillMention
from talent.skills.taxonomy import Taxonomy
from talent_tools.skills.cli import skills_command
from talent_tools.skills.evaluate import PUBLISHED_LINKING, RememberedSpans, _published_linking, evaluate_sentences
from talent_tools.skills.skillspan import Sentence, bio_spans, detokenise

TEXT = "Python developer who writes clean code and loves teamwork"
SMARTS = "Simple Model of the Atmospheric Radiative Transfer of Sunshine SMARTS"


class FakeTagger:
    def __init__(self, spans: list[TaggedSpan]) -> None:
        self._spans = spans

    def spans(self, text: str) -> list[TaggedSpan]:
        return self._spans


class FakeLinker:
    def __init__(self, links: dict[str, tuple[str, float]]) -> None:
        self._links = links

    def link_many(self, span_texts: Sequence[str]) -> list[tuple[str, float] | None]:
        return [self._links.get(text) for text in span_texts]


def span(text: str, kind: str = "skill", score: float = 0.8) -> TaggedSpan:
    start = TEXT.index(text)
    return TaggedSpan(start, start + len(text), kind, score)  # type: ignore[arg-type]


def extractor(taxonomy: Taxonomy, matcher: AliasMatcher, spans: list[TaggedSpan], links: dict) -> SkillExtractor:
    return SkillExtractor(taxonomy, FakeTagger(spans), linker=FakeLinker(links), matcher=matcher)


def test_a_tagger_phrase_around_an_alias_mention_gives_its_words_the_alias_id(
    taxonomy: Taxonomy, matcher: AliasMatcher
) -> None:
    # Given a tagger span that holds the alias mention "Python" and nothing else the matcher found
    found = extractor(taxonomy, matcher, [span("Python developer", "knowledge", 0.5)], {}).find(TEXT)
    python = next(m for m in found if m.extractor == "both")
    # Then one mention: the tagger's phrase (what SkillSpan calls the span), the alias entry, marked "both"
    assert (python.text, python.start, python.end) == ("Python developer", 0, len("Python developer"))
    assert python.extractor == "both" and python.confidence > 0.9
    assert not any(m.extractor == "tagger" for m in found)


def test_a_tagger_span_crossing_an_alias_mention_leaves_the_alias_span(
    taxonomy: Taxonomy, matcher: AliasMatcher
) -> None:
    start = TEXT.index("thon")
    crossing = TaggedSpan(start, start + len("thon developer"), "skill", 0.5)
    found = SkillExtractor(taxonomy, FakeTagger([crossing]), linker=FakeLinker({}), matcher=matcher).find(TEXT)
    python = next(m for m in found if m.extractor == "both")
    assert (python.text, python.extractor) == ("Python", "both")


def test_tagger_span_is_linked_at_or_above_threshold(taxonomy: Taxonomy, matcher: AliasMatcher) -> None:
    python_id = matcher.find("Python")[0].skill_id
    assert python_id is not None
    found = extractor(taxonomy, matcher, [span("clean code")], {"clean code": (python_id, 0.66)}).find(TEXT)
    linked = next(m for m in found if m.text == "clean code")
    assert linked.skill_id == python_id and linked.extractor == "tagger"


def test_tagger_span_below_threshold_is_kept_unlinked(taxonomy: Taxonomy, matcher: AliasMatcher) -> None:
    found = extractor(taxonomy, matcher, [span("clean code")], {"clean code": ("whatever", 0.59)}).find(TEXT)
    unlinked = next(m for m in found if m.text == "clean code")
    assert unlinked.skill_id is None and unlinked.kind == "skill" and unlinked.confidence == 0.8


def _entry_named(taxonomy: Taxonomy, label: str) -> str:
    return next(e.id for e in taxonomy.entries if e.label == label)


def test_an_anchored_link_needs_the_span_to_say_one_of_the_entry_names(
    taxonomy: Taxonomy, matcher: AliasMatcher
) -> None:
    # Given postings' links anchored, and two spans the linker sends to Python, which neither says
    python = _entry_named(taxonomy, "Python (computer programming)")
    links = {"clean code": (python, 0.9), "loves teamwork": (python, 0.9)}
    spans = [span("clean code"), span("loves teamwork")]
    anchored = SkillExtractor(
        taxonomy, FakeTagger(spans), linker=FakeLinker(links), matcher=matcher, anchored_links=True
    )
    # Then neither span is linked to Python: the posting does not say it there; both stay as unlinked spans
    found = {m.text: m for m in anchored.find(TEXT)}
    assert found["clean code"].skill_id is None and found["loves teamwork"].skill_id is None
    # While without anchoring the linker's word is taken
    assert extractor(taxonomy, matcher, spans, links).find(TEXT)[1].skill_id == python


def test_an_anchored_link_is_kept_when_the_span_names_the_entry(taxonomy: Taxonomy, matcher: AliasMatcher) -> None:
    # Given a span the alias matcher misses ("testing of software") linked to the entry named "software testing"
    text = "Skilled at testing of software"
    tests = _entry_named(taxonomy, "execute software tests")
    start = text.index("testing of software")
    spans = [TaggedSpan(start, len(text), "skill", 0.8)]
    links = FakeLinker({"testing of software": (tests, 0.9)})
    anchored = SkillExtractor(taxonomy, FakeTagger(spans), linker=links, matcher=matcher, anchored_links=True)
    # Then the link stands: the span says one of the entry's names word for word (inflected, reordered)
    assert [(m.skill_id, m.extractor) for m in anchored.find(text)] == [(tests, "tagger")]


@pytest.mark.parametrize(
    ("surface", "label"),
    [("team", "Microsoft Teams"), ("design", "industrial software"), ("security, smarts", SMARTS)],
)
def test_a_name_that_only_resembles_the_span_does_not_anchor(
    taxonomy: Taxonomy, matcher: AliasMatcher, surface: str, label: str
) -> None:
    # "Teams" and "SMARTS" are case-sensitive names; "design software" needs its "software" said too
    text = f"We value {surface}"
    spans = [TaggedSpan(text.index(surface), len(text), "skill", 0.8)]
    links = FakeLinker({surface: (_entry_named(taxonomy, label), 0.9)})
    anchored = SkillExtractor(taxonomy, FakeTagger(spans), linker=links, matcher=matcher, anchored_links=True)
    assert [m.skill_id for m in anchored.find(text) if m.extractor == "tagger"] == [None]


def test_when_the_tagger_decides_an_unconfirmed_alias_mention_stays_only_if_it_names_a_technology(
    taxonomy: Taxonomy, matcher: AliasMatcher
) -> None:
    # Given a posting sentence where the alias matcher finds a language, a general skill and a technology
    text = "A Danish company with a project management team that uses Python"
    alias = {m.text: m for m in matcher.find(text)}
    assert {"Danish", "project management", "Python"} <= alias.keys() and alias["Python"].kind == "technology"
    assert alias["Danish"].kind != "technology" and alias["project management"].kind != "technology"
    # and a tagger that marks none of them
    reader = SkillExtractor(taxonomy, FakeTagger([]), linker=FakeLinker({}), matcher=matcher, tagger_decides=True)
    # Then the posting reader keeps the named technology only; without the rule every alias mention stays
    assert [m.text for m in reader.find(text)] == ["Python"]
    union = extractor(taxonomy, matcher, [], {})
    assert {"Danish", "project management", "Python"} <= {m.text for m in union.find(text)}
    # And a mention the tagger confirms stays whatever its kind, as does one past the text the tagger reads
    start = text.index("project management")
    confirmed = [TaggedSpan(start, start + len("project management"), "skill", 0.7)]
    kept = SkillExtractor(taxonomy, FakeTagger(confirmed), matcher=matcher, tagger_decides=True).find(text)
    assert [m.text for m in kept] == ["project management", "Python"]
    short = SkillExtractor(taxonomy, FakeTagger([]), matcher=matcher, tagger_decides=True, max_tagged_chars=10)
    assert "project management" in {m.text for m in short.find(text)}


def test_without_a_tagger_only_alias_mentions(taxonomy: Taxonomy, matcher: AliasMatcher) -> None:
    assert all(m.extractor == "alias" for m in SkillExtractor(taxonomy, matcher=matcher).find(TEXT))


def test_the_evaluation_tags_each_text_once_for_all_its_rows() -> None:
    calls: list[str] = []

    class Counting(FakeTagger):
        def spans(self, text: str) -> list[TaggedSpan]:
            calls.append(text)
            return super().spans(text)

    remembered = RememberedSpans(Counting([span("clean code")]))
    assert remembered.spans(TEXT) == remembered.spans(TEXT) == [span("clean code")]
    assert remembered.spans("other") and calls == [TEXT, "other"]


def test_detokenise_keeps_token_offsets() -> None:
    text, offsets = detokenise(["Skills", ":", "Python", "(", "3", ")", ",", "SQL"])
    assert text == "Skills: Python (3), SQL"
    assert [text[s:e] for s, e in offsets] == ["Skills", ":", "Python", "(", "3", ")", ",", "SQL"]


def test_bio_spans_read_begin_inside_outside() -> None:
    assert bio_spans(["B", "I", "O", "B", "B", "I"], "skill") == {(0, 2, "skill"), (3, 4, "skill"), (4, 6, "skill")}


class Fixed:
    def __init__(self, mentions: list[SkillMention]) -> None:
        self._mentions = mentions

    def find(self, text: str) -> list[SkillMention]:
        return self._mentions


def mention(start: int, end: int, kind: str | None) -> SkillMention:
    return SkillMention(start=start, end=end, text="x", skill_id=None, label=None, kind=kind,
                        confidence=0.5, extractor="tagger")  # fmt: skip


def test_exact_and_overlap_scores_per_row() -> None:
    # Given "write clean Python code": gold skill "write clean", gold knowledge "Python"
    text, offsets = detokenise(["write", "clean", "Python", "code"])
    sentence = Sentence(text, offsets, frozenset({(0, 2, "skill"), (2, 3, "knowledge")}))
    # When predictions are "write" (skill, overlaps) and "Python code" (technology, overlaps) and "Python" (None)
    predictions = [mention(0, 5, "skill"), mention(12, 23, "technology")]
    rows = evaluate_sentences(Fixed(predictions), [sentence])["rows"]
    # Then nothing is exact, everything overlaps
    assert rows["skill"]["exact"]["f1"] == 0.0 and rows["skill"]["overlap"]["f1"] == 1.0
    assert rows["knowledge"]["overlap"]["precision"] == 1.0 and rows["combined"]["overlap"]["recall"] == 1.0
    exact = evaluate_sentences(Fixed([mention(12, 18, None)]), [sentence])["rows"]
    assert exact["combined"]["exact"]["precision"] == 1.0 and exact["knowledge"]["exact"]["predicted"] == 0


def test_skills_command_reads_text_and_text_files(tmp_path: Path, taxonomy: Taxonomy, matcher: AliasMatcher) -> None:
    ex = SkillExtractor(taxonomy, matcher=matcher)
    assert [m["text"] for m in skills_command("Python and SQL", ex)] == ["Python", "SQL"]
    resume = tmp_path / "cv.txt"
    resume.write_text("Skills: Docker, Kubernetes", encoding="utf-8")
    found = skills_command(str(resume), ex)
    assert [(m["start"], m["end"], m["skill_id"]) for m in found][1] == (16, 26, "onet:kubernetes")


def test_skills_command_error_on_unreadable_file_is_typed(tmp_path: Path, taxonomy: Taxonomy) -> None:
    # Given a file that is no document / Then document intake's typed error
    from talent.documents.errors import DocumentError

    odd = tmp_path / "cv.bin"
    odd.write_bytes(b"\x00\x01binary")
    with pytest.raises(DocumentError):
        skills_command(str(odd), SkillExtractor(taxonomy))


def test_the_served_linker_is_printed_beside_its_last_published_figures() -> None:
    rates = {"accuracy@1": 0.5, "served_accuracy@1": 0.25, "no_link_when_not_present": 0.75}
    line = _published_linking({"files": {"tech": rates, "house": rates}})
    assert set(PUBLISHED_LINKING) == {"tech", "house"}
    published = PUBLISHED_LINKING["house"]["accuracy@1"]
    assert f"house acc@1 0.500 ({published:.3f}), served@1 0.250" in line
    assert "tech acc@1 0.500" in line and "no link|LNP 0.750" in line
