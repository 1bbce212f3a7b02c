"""SkillSpan sentences → merged BIO word labels → word-piece features with first-subword labels."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tokenizers import Tokenizer

from talent.skills.tagger import WordSpan, decode_bio
from talent_tools.skills.skillspan import file_name, rows_in

LABELS = ["O", "B-SKILL", "I-SKILL", "B-KNOWLEDGE", "I-KNOWLEDGE"]
IGNORE = -100  # word-pieces after the first, and special tokens: no loss


class TrainingDataError(ValueError):
    """The training data is empty or carries no labels; the message names the file."""


@dataclass(frozen=True)
class Sentence:
    tokens: list[str]
    tags_skill: list[str]
    tags_knowledge: list[str]

    @property
    def labels(self) -> list[str]:
        """One label per word. Where both layers tag a word (knowledge nested in a skill) SKILL wins."""
        merged = []
        for skill, knowledge in zip(self.tags_skill, self.tags_knowledge, strict=True):
            if skill != "O":
                merged.append(f"{skill}-SKILL")
            elif knowledge != "O":
                merged.append(f"{knowledge}-KNOWLEDGE")
            else:
                merged.append("O")
        return merged

    def gold(self) -> set[tuple[int, int, str]]:
        """Gold spans of both layers (nested ones included) as (first word, last word, "skill" | "knowledge")."""
        spans: list[WordSpan] = []
        for tags, kind in ((self.tags_skill, "SKILL"), (self.tags_knowledge, "KNOWLEDGE")):
            labels = [t if t == "O" else f"{t}-{kind}" for t in tags]
            spans += decode_bio(labels, [1.0] * len(labels))
        return {(s.first, s.last, s.kind) for s in spans}


def load_split(folder: Path, split: str) -> list[Sentence]:
    """A SkillSpan split from `folder` (train.json, dev.json): "train", "dev", or dev's halves "dev-fit" (trained
    on) and "dev-eval" (held out: the epoch is chosen and every figure measured on it), see
    `talent_tools.skills.skillspan`."""
    path = folder / file_name(split)
    if not path.is_file():
        raise TrainingDataError(f"{path} not found: SkillSpan lives in ../shared/data/skills/skillspan/")
    rows = rows_in(path, split)
    sentences = [Sentence(row["tokens"], row["tags_skill"], row["tags_knowledge"]) for row in rows]
    sentences = [s for s in sentences if s.tokens]
    if not sentences:
        raise TrainingDataError(f"{path} holds no sentences")
    if all(label == "O" for s in sentences for label in s.labels):
        raise TrainingDataError(f"{path} holds no skill or knowledge tags: nothing to learn")
    return sentences


def load_tokenizer(path: Path, max_length: int) -> Tokenizer:
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.enable_truncation(max_length=max_length)
    tokenizer.no_padding()
    return tokenizer


def featurise(sentences: list[Sentence], tokenizer: Tokenizer) -> list[tuple[list[int], list[int], list[int | None]]]:
    """(input ids, label ids, word ids) per sentence; only each word's first word-piece carries its label."""
    index = {label: i for i, label in enumerate(LABELS)}
    encodings = tokenizer.encode_batch([s.tokens for s in sentences], is_pretokenized=True)
    features = []
    for sentence, encoding in zip(sentences, encodings, strict=True):
        labels, seen = [], set()
        words = sentence.labels
        for word in encoding.word_ids:
            if word is None or word in seen:
                labels.append(IGNORE)
            else:
                seen.add(word)
                labels.append(index[words[word]])
        features.append((encoding.ids, labels, list(encoding.word_ids)))
    return features
