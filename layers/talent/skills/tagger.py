"""The learned skill span tagger served with onnxruntime: `OnnxSkillTagger.load(folder).spans(text)`.

A MiniLM token classifier (trained by `talent_training.skill_tagger`) labels each word by its first word-piece
with BIO tags for SKILL and KNOWLEDGE. Words are what SkillSpan, its training data, calls tokens: runs of
non-space characters with opening and closing punctuation split off ("(SQL)," → "(", "SQL", ")", ","), while
inner punctuation stays ("C++", "m/f/d", "Node.js"); words glued where a posting lost its line breaks are split
("skillsGood" → "skills", "Good"; `talent.skills.glued_words`), names in camel case are not ("JavaScript").
Spans come back with character offsets into the text.

Decoding is constrained (`decode_words`): the most probable label sequence in which every I-X follows a B-X or
I-X, found with the Viterbi algorithm over the words' label probabilities. Taking each word's most probable
label alone (`decode_word_by_word`, the decoding before; kept as the tests' comparison) splits a phrase
wherever one inner word leans to O or to the other kind ("design [and] build", a skill whose middle word reads
as knowledge), and exact span matching counts each split as a false positive and a false negative. A model
trained with a linear-chain CRF (`talent_training.skill_tagger.crf`) ships its learned label-to-label scores in
`transitions.json` (`Transitions`); the Viterbi search adds them, so serving decodes the sequence the CRF scores
best, still under the BIO constraints.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import onnxruntime as ort
from tokenizers import Tokenizer

from talent.encoder.artifact import ModelArtifactError, read_manifest, verify_files
from talent.encoder.encoder import session_options
from talent.skills.extract import TaggedSpan
from talent.skills.glued_words import glued_breaks

REBUILD_HINT = "`make models` builds it: python -m talent_training.skill_tagger.train --out models/skill_tagger/"
_CHUNK = re.compile(r"\S+")
_OPENING = "([{\"'\u201c\u2018"  # with curly double and single opening quotes
_CLOSING = ")]}\"'\u201d\u2019,.;:!?"


@dataclass(frozen=True, slots=True)
class WordSpan:
    """Words `first..last` (inclusive) form one span of `kind` ("skill" or "knowledge")."""

    first: int
    last: int
    kind: str
    score: float


def split_words(text: str) -> list[tuple[int, int]]:
    """Character ranges of the words of `text` (see the module docstring)."""
    words: list[tuple[int, int]] = []
    for chunk in _CHUNK.finditer(text):
        start, end = chunk.span()
        while start < end and text[start] in _OPENING:
            words.append((start, start + 1))
            start += 1
        tail: list[tuple[int, int]] = []
        while end > start and text[end - 1] in _CLOSING:
            tail.append((end - 1, end))
            end -= 1
        cuts = [start, *glued_breaks(text, start, end), end]
        words += [(a, b) for a, b in itertools.pairwise(cuts) if b > a]
        words += reversed(tail)
    return words


def decode_bio(labels: Sequence[str], scores: Sequence[float]) -> list[WordSpan]:
    """Word-level BIO decoding. An I- tag that does not continue a span of its kind starts one (lenient)."""
    spans: list[WordSpan] = []
    first, kind, total = -1, "", 0.0

    def close(last: int) -> None:
        if first >= 0:
            spans.append(WordSpan(first, last, kind, total / (last - first + 1)))

    for index, label in enumerate(labels):
        tag, _, name = label.partition("-")
        name = name.lower()
        if tag == "I" and first >= 0 and name == kind:
            total += scores[index]
            continue
        close(index - 1)
        first, kind, total = (index, name, scores[index]) if tag in ("B", "I") else (-1, "", 0.0)
    close(len(labels) - 1)
    return spans


def word_probabilities(
    logits: npt.NDArray[np.float32], word_ids: Sequence[int | None], n_words: int
) -> npt.NDArray[np.float32]:
    """Label probabilities of each word (rows) from its first word-piece; a word cut off by truncation is O (0)."""
    shifted = logits - logits.max(axis=-1, keepdims=True)
    probs = np.exp(shifted) / np.exp(shifted).sum(axis=-1, keepdims=True)
    words = np.zeros((n_words, logits.shape[-1]), dtype=np.float32)
    words[:, 0] = 1.0
    seen: set[int] = set()
    for position, word in enumerate(word_ids):
        if word is None or word in seen or word >= n_words:
            continue
        seen.add(word)
        words[word] = probs[position]
    return words


def decode_word_by_word(probs: npt.NDArray[np.float32], labels: Sequence[str]) -> list[WordSpan]:
    """Spans when each word takes its own most probable label (`decode_bio`; the decoding before `decode_words`)."""
    best = probs.argmax(axis=1)
    return decode_bio([labels[i] for i in best], probs[np.arange(len(best)), best].astype(float).tolist())


def allowed_transitions(labels: Sequence[str]) -> npt.NDArray[np.bool_]:
    """`allowed[previous, label]` under BIO; the extra last row is the start of the text (no I- there)."""
    allowed = np.ones((len(labels) + 1, len(labels)), dtype=bool)
    for current, label in enumerate(labels):
        tag, _, kind = label.partition("-")
        if tag == "I":
            allowed[:, current] = [p in (f"B-{kind}", f"I-{kind}") for p in labels] + [False]
    return allowed


@dataclass(frozen=True, slots=True)
class Transitions:
    """A linear-chain CRF's learned label-to-label scores (log space), trained with the tagger: `between[previous,
    current]`, `start[label]` (first word), `end[label]` (last word). `best_path` adds them to the words'
    log-probabilities; each word's normaliser is the same for every label, so the best path is the CRF's own."""

    between: npt.NDArray[np.float32]
    start: npt.NDArray[np.float32]
    end: npt.NDArray[np.float32]

    @classmethod
    def from_json(cls, data: dict[str, Any], labels: Sequence[str]) -> Transitions:
        """From `{"labels", "between", "start", "end"}` (crf.py's `as_json`); the labels must be the model's."""
        if data.get("labels") != list(labels):
            raise ValueError(f"the transitions are for labels {data.get('labels')}, the model's are {list(labels)}")
        n = len(labels)
        between = np.asarray(data["between"], dtype=np.float32)
        start = np.asarray(data["start"], dtype=np.float32)
        end = np.asarray(data["end"], dtype=np.float32)
        if between.shape != (n, n) or start.shape != (n,) or end.shape != (n,):
            raise ValueError(f"transition shapes {between.shape}, {start.shape}, {end.shape} do not fit {n} labels")
        if not (np.isfinite(between).all() and np.isfinite(start).all() and np.isfinite(end).all()):
            raise ValueError("transition scores must be finite")
        return cls(between, start, end)


def best_path(
    probs: npt.NDArray[np.float32], allowed: npt.NDArray[np.bool_], transitions: Transitions | None = None
) -> list[int]:
    """Viterbi: the label sequence of highest probability product (times the learned transitions' scores, when
    given) whose transitions are all allowed."""
    if not len(probs):
        return []
    log = np.log(np.maximum(probs, 1e-12))
    blocked = np.where(allowed, 0.0, -np.inf)
    pair, first = blocked[:-1], blocked[-1]
    if transitions is not None:
        pair, first = pair + transitions.between, first + transitions.start
    score = log[0] + first
    back = np.zeros(probs.shape, dtype=np.int64)
    for index in range(1, len(probs)):
        through = score[:, None] + pair  # previous label x current label
        back[index] = through.argmax(axis=0)
        score = through.max(axis=0) + log[index]
    if transitions is not None:
        score = score + transitions.end
    path = [int(score.argmax())]
    for index in range(len(probs) - 1, 0, -1):
        path.append(int(back[index, path[-1]]))
    return path[::-1]


def decode_words(
    probs: npt.NDArray[np.float32], labels: Sequence[str], transitions: Transitions | None = None
) -> list[WordSpan]:
    """Spans of the best BIO-consistent labelling of the words (`best_path`); a span's score is the mean
    probability of its words' labels on that path."""
    path = best_path(probs, allowed_transitions(labels), transitions)
    return decode_bio([labels[i] for i in path], probs[np.arange(len(path)), path].astype(float).tolist())


def windows(word_lengths: Sequence[int], budget: int) -> list[tuple[int, int]]:
    """Consecutive word ranges [a, b) whose word-pieces fit `budget`; a longer single word gets its own range."""
    ranges: list[tuple[int, int]] = []
    start, used = 0, 0
    for index, length in enumerate(word_lengths):
        if used + length > budget and index > start:
            ranges.append((start, index))
            start, used = index, 0
        used += length
    if start < len(word_lengths):
        ranges.append((start, len(word_lengths)))
    return ranges


class OnnxSkillTagger:
    """Implements the `SpanTagger` protocol: `spans(text) -> list[TaggedSpan]`."""

    def __init__(
        self,
        session: ort.InferenceSession,
        tokenizer: Tokenizer,
        labels: list[str],
        max_length: int,
        *,
        transitions: Transitions | None = None,
    ):
        self._session = session
        self._inputs = {i.name for i in session.get_inputs()}
        self._tokenizer = tokenizer
        self.labels = labels
        self.max_length = max_length
        self.transitions = transitions  # a CRF-trained model's; None: BIO constraints alone

    @classmethod
    def load(cls, folder: Path | str, *, model_file: str | None = None, threads: int = 2) -> OnnxSkillTagger:
        root = Path(folder)
        manifest = read_manifest(root, REBUILD_HINT)
        serving: dict[str, Any] = manifest["serving"]
        model = model_file or str(serving["model"])
        transitions_file = serving.get("transitions")  # only a CRF-trained build has one
        needed = [model, serving["tokenizer"], serving["labels"], *([transitions_file] if transitions_file else [])]
        verify_files(root, manifest, needed, REBUILD_HINT)
        labels = json.loads((root / serving["labels"]).read_text(encoding="utf-8"))
        if not isinstance(labels, list) or labels[:1] != ["O"]:
            raise ModelArtifactError(f"{root / serving['labels']} must list the labels with 'O' first")
        transitions = None
        if transitions_file:
            try:
                data = json.loads((root / transitions_file).read_text(encoding="utf-8"))
                transitions = Transitions.from_json(data, labels)
            except (ValueError, KeyError, TypeError) as exc:
                raise ModelArtifactError(f"{root / transitions_file}: {exc}") from exc
        tokenizer = Tokenizer.from_file(str(root / serving["tokenizer"]))
        tokenizer.no_truncation()
        tokenizer.no_padding()
        options = session_options(threads)
        session = ort.InferenceSession(str(root / model), sess_options=options, providers=["CPUExecutionProvider"])
        return cls(session, tokenizer, labels, int(serving["max_length"]), transitions=transitions)

    def spans(self, text: str) -> list[TaggedSpan]:
        words = split_words(text)
        return [
            TaggedSpan(words[s.first][0], words[s.last][1], "knowledge" if s.kind == "knowledge" else "skill", s.score)
            for s in self.tag_words([text[a:b] for a, b in words])
        ]

    def tag_words(self, words: Sequence[str], batch_size: int = 16) -> list[WordSpan]:
        """Spans over pre-split words (what the SkillSpan evaluation feeds); long texts go in word windows."""
        if not words:
            return []
        pieces = [len(e.ids) for e in self._tokenizer.encode_batch(list(words), add_special_tokens=False)]
        chunks = [list(words[start:stop]) for start, stop in windows(pieces, self.max_length - 2)]
        probs = np.vstack(
            [
                p
                for first in range(0, len(chunks), batch_size)
                for p in self._predict(chunks[first : first + batch_size])
            ]
        )
        return decode_words(probs, self.labels, self.transitions)

    def _predict(self, chunks: list[list[str]]) -> list[npt.NDArray[np.float32]]:
        encodings = self._tokenizer.encode_batch(chunks, is_pretokenized=True)
        longest = min(max(len(e.ids) for e in encodings), self.max_length)
        ids = np.zeros((len(chunks), longest), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, encoding in enumerate(encodings):
            length = min(len(encoding.ids), longest)
            ids[row, :length] = encoding.ids[:length]
            mask[row, :length] = 1
        feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        (logits,) = self._session.run(["logits"], {k: v for k, v in feed.items() if k in self._inputs})
        return [
            word_probabilities(np.asarray(logits[row], dtype=np.float32), e.word_ids[:longest], len(chunks[row]))
            for row, e in enumerate(encodings)
        ]
