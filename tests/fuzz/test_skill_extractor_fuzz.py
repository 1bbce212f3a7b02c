"""Property tests on the learned skill extractor as postings are read (alias + ONNX tagger + linker, links
anchored): any text gives valid mentions or none, never a crash, and a text of any length comes back in
bounded time.

Needs `make models` (skipped without the tagger). Deterministic like the document properties; the campaign
(`bench/fuzz_campaign.py`) runs them at TALENT_FUZZ_EXAMPLES.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from talent.encoder import ModelArtifactError
from talent.skills.extract import MAX_TAGGED_CHARS, SkillExtractor
from talent.skills.mentions import SkillMention
from tests.fuzz.fuzz_settings import FUZZ

RESUME_LINE = "Built REST services in Python and Go; led code reviews; strong SQL, Kubernetes and stakeholder skills. "
POSTING_LINE = (
    "Requirements: experience in designing scalable backend services, knowledge of Java and Spring, team player. "
)
_EXTRACTOR: list[SkillExtractor] = []


def full_extractor() -> SkillExtractor:
    if not _EXTRACTOR:
        from talent.skills.full_extractor import load_posting_extractor

        try:
            _EXTRACTOR.append(load_posting_extractor())
        except ModelArtifactError as exc:
            pytest.skip(f"the learned extractor is not built ({exc}); `make models` builds it")
    return _EXTRACTOR[0]


def assert_valid(text: str, mentions: list[SkillMention]) -> None:
    assert [(m.start, m.end) for m in mentions] == sorted((m.start, m.end) for m in mentions)
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert (m.skill_id is None) == (m.label is None)


@FUZZ
@given(text=st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_in_any_script_gives_valid_mentions(text: str) -> None:
    assert_valid(text, full_extractor().find(text))


@FUZZ
@given(raw=st.binary(max_size=600), codec=st.sampled_from(["utf-8", "latin-1", "utf-16"]))
def test_garbage_bytes_decoded_any_way_give_valid_mentions(raw: bytes, codec: str) -> None:
    text = raw.decode(codec, errors="replace")
    assert_valid(text, full_extractor().find(text))


@FUZZ
@given(
    words=st.lists(
        st.sampled_from([*RESUME_LINE.split(), "C++", "(SQL),", "m/f/d", "\u200b", "\n", "\u2022", "\u2013"]),
        max_size=300,
    )
)
def test_resume_like_word_salad_gives_valid_mentions(words: list[str]) -> None:
    text = " ".join(words)
    assert_valid(text, full_extractor().find(text))


def test_a_million_characters_come_back_in_bounded_time_and_only_the_first_part_is_tagged() -> None:
    extractor = full_extractor()
    text = (POSTING_LINE * (1_000_000 // len(POSTING_LINE) + 1))[:1_000_000]
    started = time.perf_counter()
    mentions = extractor.find(text)
    elapsed = time.perf_counter() - started
    print(f"1,000,000 characters: {len(mentions)} mentions in {elapsed:.1f} s")
    assert_valid(text, mentions)
    learned = [m for m in mentions if m.extractor != "alias"]
    assert learned and max(m.end for m in learned) <= MAX_TAGGED_CHARS
    assert max(m.end for m in mentions) > len(text) - len(POSTING_LINE)  # the alias matcher reads it all
    assert elapsed < 120, "a hang guard, not a speed target: the time is printed above"
