"""SkillSpan (job-posting sentences, BIO tags for skills and knowledge) as text with character offsets.

Splits: "train" and "dev" (the files), and dev's two halves by posting: "dev-eval", what every SkillSpan figure
is measured on (and the tagger's epoch chosen on), and "dev-fit", which the tagger trains on beside "train".
Half of each source's postings (every other one in the order of the sha256 of "source:idx") are held out, so
no sentence of an evaluated posting was trained on.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
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


SPLITS = ("train", "dev", "dev-eval", "dev-fit")


def posting_key(row: dict[str, Any]) -> str:
    return f"{row.get('source', '')}:{row['idx']}"


def held_out_postings(rows: Iterable[dict[str, Any]]) -> frozenset[str]:
    """The postings of "dev-eval": per source, every other posting in sha256 order of its key."""
    by_source: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        by_source[str(row.get("source", ""))].add(posting_key(row))
    held: set[str] = set()
    for keys in by_source.values():
        ordered = sorted(keys, key=lambda key: hashlib.sha256(key.encode("utf-8")).hexdigest())
        held.update(ordered[::2])
    return frozenset(held)


def file_name(split: str) -> str:
    """The file of SkillSpan's folder a split's rows come from: dev's halves come from dev.json."""
    if split not in SPLITS:
        raise ValueError(f"unknown SkillSpan split {split!r}: one of {', '.join(SPLITS)}")
    return f"{split.split('-')[0]}.json"


def split_rows(split: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of `split` among the rows of its file ("dev-eval" and "dev-fit" among dev.json's)."""
    file_name(split)  # an unknown split is refused here too
    if split in ("train", "dev"):
        return rows
    held = held_out_postings(rows)
    return [row for row in rows if (posting_key(row) in held) == (split == "dev-eval")]


def split_file(split: str, data_dir: Path | None = None) -> Path:
    """The file a split's rows come from (`data_dir`: the shared data folder)."""
    return (data_dir or shared_data_dir()) / "skills" / "skillspan" / file_name(split)


def rows_in(path: Path, split: str) -> list[dict[str, Any]]:
    """The rows of `split` in the SkillSpan file at `path` (one JSON object a line)."""
    with path.open(encoding="utf-8") as handle:
        return split_rows(split, [json.loads(line) for line in handle if line.strip()])


def read_rows(split: str = "dev-eval", data_dir: Path | None = None) -> Iterator[tuple[dict[str, Any], Sentence]]:
    """Each row of a split (its fields, e.g. `idx` and `source`, the posting it comes from) with its sentence."""
    for row in rows_in(split_file(split, data_dir), split):
        text, offsets = detokenise(row["tokens"])
        gold = bio_spans(row["tags_skill"], "skill") | bio_spans(row["tags_knowledge"], "knowledge")
        yield row, Sentence(text, offsets, frozenset(gold))


def load_split(split: str = "dev-eval", data_dir: Path | None = None) -> list[Sentence]:
    return [sentence for _, sentence in read_rows(split, data_dir)]
