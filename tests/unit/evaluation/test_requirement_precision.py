"""Job requirements scored against SkillSpan spans: postings rebuilt from their sentences, overlap = right."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from talent.skills.mentions import SkillMention
from talent_tools.evaluation.requirement_precision import evaluate_requirements, format_requirements, load_postings

ROWS = [  # one posting (tech 7): a heading, a gold knowledge span "Python", and "Google" (no gold)
    {
        "idx": 7,
        "source": "tech",
        "tokens": ["Requirements", ":"],
        "tags_skill": ["O", "O"],
        "tags_knowledge": ["O", "O"],
    },
    {
        "idx": 7,
        "source": "tech",
        "tokens": ["You", "know", "Python", "and", "Google", "."],
        "tags_skill": ["O", "O", "O", "O", "O", "O"],
        "tags_knowledge": ["O", "O", "B", "O", "O", "O"],
    },
]


class Words:
    """Finds the given words wherever they stand, as linked mentions."""

    def __init__(self, *words: str) -> None:
        self.words = words

    def find(self, text: str) -> list[SkillMention]:
        found = []
        for word in self.words:
            start = text.find(word)
            if start >= 0:
                found.append(
                    SkillMention(
                        start=start,
                        end=start + len(word),
                        text=word,
                        skill_id=f"sk:{word}",
                        label=word,
                        kind="technology",
                        confidence=0.9,
                        extractor="alias",
                    )
                )
        return sorted(found, key=lambda m: m.start)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "skills" / "skillspan"
    folder.mkdir(parents=True)
    (folder / "dev.json").write_text("\n".join(json.dumps(r) for r in ROWS) + "\n", encoding="utf-8")
    return tmp_path


def test_a_posting_is_rebuilt_from_its_sentences_with_gold_character_spans(data_dir: Path) -> None:
    (posting,) = load_postings("dev", data_dir)
    assert posting.text == "Requirements:\nYou know Python and Google."
    assert [posting.text[a:b] for a, b in posting.gold] == ["Python"]


def test_precision_counts_returned_skills_whose_evidence_overlaps_gold(data_dir: Path) -> None:
    postings = load_postings("dev", data_dir)
    result = evaluate_requirements(Words("Python", "Google"), postings)
    assert (result["skills_returned"], result["precision"], result["coverage"]) == (2, 0.5, 1.0)
    assert evaluate_requirements(Words("Python"), postings)["precision"] == 1.0
    assert "precision" in format_requirements({"words": result})
