"""SkillSpan (job-posting sentences, BIO tags for skills and knowledge) as text with character offsets."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from talent.data_paths import shared_data_dir

SpanType = str  # "skill" | "knowledge"
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", ")", "]", "!", "?", "%", "'s", "n't", "'"})
_NO_SPACE_AFTER = frozenset({"(", "[", "$"})


@dataclass(frozen=True)
class Sentence:
    text: str
    offsets: tuple[tuple[int, int], ...]
    gold: frozenset[tuple[int, int, SpanType]]


def detokenise(tokens: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Join tokens with single spaces, except around punctuation; return the text and each token's span."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    cursor = 0
    for i, token in enumerate(tokens):
        if i > 0 and token not in _NO_SPACE_BEFORE and tokens[i - 1] not in _NO_SPACE_AFTER:
            parts.append(" ")
            cursor += 1
        parts.append(token)
        offsets.append((cursor, cursor + len(token)))
        cursor += len(token)
    return "".join(parts), tuple(offsets)


def bio_spans(tags: list[str], span_type: SpanType) -> set[tuple[int, int, SpanType]]:
    """Token spans [start, end) from BIO tags; an I- without a B- starts a span too."""
    spans: set[tuple[int, int, SpanType]] = set()
    start: int | None = None
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and not tag.startswith("I"):
            spans.add((start, i, span_type))
            start = None
        if tag.startswith("B") or (tag.startswith("I") and start is None):
            start = i
    return spans


def read_rows(split: str = "dev", data_dir: Path | None = None) -> Iterator[tuple[dict[str, Any], Sentence]]:
    """Each row of a split (its fields, e.g. `idx` and `source`, the posting it comes from) with its sentence."""
    path = (data_dir or shared_data_dir()) / "skills" / "skillspan" / f"{split}.json"
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            text, offsets = detokenise(row["tokens"])
            gold = bio_spans(row["tags_skill"], "skill") | bio_spans(row["tags_knowledge"], "knowledge")
            yield row, Sentence(text, offsets, frozenset(gold))


def load_split(split: str = "dev", data_dir: Path | None = None) -> list[Sentence]:
    return [sentence for _, sentence in read_rows(split, data_dir)]
