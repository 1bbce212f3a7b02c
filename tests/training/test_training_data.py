from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("torch", reason="tests/training need the training venv: .venv-train/bin/pytest")

from talent_training.skill_tagger.data import Sentence, TrainingDataError, load_split


def write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_empty_data_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TrainingDataError, match="no sentences"):
        load_split(write(tmp_path / "train.json", []))


def test_data_without_any_tag_is_refused(tmp_path: Path) -> None:
    row = {"tokens": ["Hello"], "tags_skill": ["O"], "tags_knowledge": ["O"]}
    with pytest.raises(TrainingDataError, match="no skill or knowledge tags"):
        load_split(write(tmp_path / "train.json", [row]))


def test_a_missing_file_names_where_the_data_lives(tmp_path: Path) -> None:
    with pytest.raises(TrainingDataError, match="skillspan"):
        load_split(tmp_path / "train.json")


def test_skill_wins_where_both_layers_tag_a_word_and_gold_keeps_both() -> None:
    sentence = Sentence(["use", "Python", "scripts"], ["B", "I", "I"], ["O", "B", "O"])
    assert sentence.labels == ["B-SKILL", "I-SKILL", "I-SKILL"]
    assert sentence.gold() == {(0, 2, "skill"), (1, 1, "knowledge")}
