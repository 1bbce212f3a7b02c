from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("torch", reason="tests/training need the training venv: .venv-train/bin/pytest")

from talent_training.skill_tagger.data import Sentence, TrainingDataError, load_split


def write(folder: Path, name: str, rows: list[dict[str, Any]]) -> Path:
    (folder / name).write_text("".join(json.dumps(r) + "\n" for r in rows))
    return folder


def test_dev_halves_split_by_posting_and_cover_dev_once(tmp_path: Path) -> None:
    # Given dev sentences of 8 postings from two sources, two sentences each
    rows = [
        {"idx": idx, "source": source, "tokens": [f"{source}{idx}", str(n)], "tags_skill": ["B", "O"],
         "tags_knowledge": ["O", "O"]}
        for source in ("tech", "house") for idx in range(4) for n in range(2)
    ]  # fmt: skip
    write(tmp_path, "dev.json", rows)
    # When the two halves are read
    fit, held = load_split(tmp_path, "dev-fit"), load_split(tmp_path, "dev-eval")
    # Then every sentence is in exactly one, a posting never in both, and each source gives half its postings
    assert sorted(s.tokens for s in fit + held) == sorted(r["tokens"] for r in rows)
    postings = [{s.tokens[0] for s in half} for half in (fit, held)]
    assert not postings[0] & postings[1]
    assert sum(p.startswith("tech") for p in postings[1]) == sum(p.startswith("house") for p in postings[1]) == 2


def test_empty_data_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TrainingDataError, match="no sentences"):
        load_split(write(tmp_path, "train.json", []), "train")


def test_data_without_any_tag_is_refused(tmp_path: Path) -> None:
    row = {"tokens": ["Hello"], "tags_skill": ["O"], "tags_knowledge": ["O"]}
    with pytest.raises(TrainingDataError, match="no skill or knowledge tags"):
        load_split(write(tmp_path, "train.json", [row]), "train")


def test_a_missing_file_names_where_the_data_lives(tmp_path: Path) -> None:
    with pytest.raises(TrainingDataError, match="skillspan"):
        load_split(tmp_path, "train")


def test_skill_wins_where_both_layers_tag_a_word_and_gold_keeps_both() -> None:
    sentence = Sentence(["use", "Python", "scripts"], ["B", "I", "I"], ["O", "B", "O"])
    assert sentence.labels == ["B-SKILL", "I-SKILL", "I-SKILL"]
    assert sentence.gold() == {(0, 2, "skill"), (1, 1, "knowledge")}
