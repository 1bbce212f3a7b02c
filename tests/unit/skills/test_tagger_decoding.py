"""The tagger's decoding on synthetic logits and a tiny in-memory tokenizer: no model artifact needed."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors

from talent.skills.tagger import (
    OnnxSkillTagger,
    Transitions,
    allowed_transitions,
    best_path,
    decode_bio,
    decode_word_by_word,
    decode_words,
    split_words,
    windows,
    word_probabilities,
)

LABELS = ["O", "B-SKILL", "I-SKILL", "B-KNOWLEDGE", "I-KNOWLEDGE"]


def spans(labels: list[str]) -> list[tuple[int, int, str]]:
    return [(s.first, s.last, s.kind) for s in decode_bio(labels, [1.0] * len(labels))]


def test_bio_tags_become_word_spans() -> None:
    labels = ["O", "B-SKILL", "I-SKILL", "O", "B-KNOWLEDGE", "B-KNOWLEDGE", "I-KNOWLEDGE"]
    assert spans(labels) == [(1, 2, "skill"), (4, 4, "knowledge"), (5, 6, "knowledge")]


def test_an_i_tag_without_its_b_starts_a_span() -> None:
    assert spans(["I-SKILL", "I-SKILL", "O", "I-KNOWLEDGE"]) == [(0, 1, "skill"), (3, 3, "knowledge")]


def test_an_i_tag_of_another_kind_starts_a_new_span() -> None:
    assert spans(["B-SKILL", "I-KNOWLEDGE", "I-KNOWLEDGE"]) == [(0, 0, "skill"), (1, 2, "knowledge")]


def test_a_span_at_the_end_is_closed_and_scored_by_its_mean_word_probability() -> None:
    (decoded,) = decode_bio(["O", "B-SKILL", "I-SKILL"], [0.9, 0.8, 0.6])
    assert (decoded.first, decoded.last, decoded.kind) == (1, 2, "skill")
    assert decoded.score == pytest.approx(0.7)


def test_each_word_takes_the_label_of_its_first_word_piece() -> None:
    # Given [CLS] w0 w0 w1 [SEP] where w0's second piece argues for another label
    logits = np.full((5, 5), -5.0, dtype=np.float32)
    logits[1, 3] = logits[2, 1] = logits[3, 0] = 5.0
    probs = word_probabilities(logits, [None, 0, 0, 1, None], n_words=3)

    # Then w0 is B-KNOWLEDGE, w1 is O, and w2 (cut off by truncation) is certainly O
    assert probs.argmax(axis=1).tolist() == [3, 0, 0]
    assert probs[0, 3] == pytest.approx(1.0, abs=1e-3)
    assert probs[2].tolist() == [1.0, 0.0, 0.0, 0.0, 0.0]


def word_rows(*rows: dict[str, float]) -> np.ndarray:
    """One probability row per word from {label: probability}; the rest of each row is spread evenly."""
    probs = np.zeros((len(rows), len(LABELS)), dtype=np.float32)
    for index, row in enumerate(rows):
        rest = (1.0 - sum(row.values())) / (len(LABELS) - len(row))
        probs[index] = [row.get(label, rest) for label in LABELS]
    return probs


def test_constrained_decoding_keeps_a_phrase_whole_where_one_inner_word_leans_to_o() -> None:
    # Given "design and build": the middle word is O by a hair, the last word clearly continues a skill
    probs = word_rows({"B-SKILL": 0.9}, {"O": 0.5, "I-SKILL": 0.45}, {"I-SKILL": 0.9})

    # Then word by word it is two spans (the second starting at an I- tag); constrained, one span of three words
    assert [(s.first, s.last, s.kind) for s in decode_word_by_word(probs, LABELS)] == [
        (0, 0, "skill"),
        (2, 2, "skill"),
    ]
    (span,) = decode_words(probs, LABELS)
    assert (span.first, span.last, span.kind) == (0, 2, "skill")
    assert span.score == pytest.approx((0.9 + 0.45 + 0.9) / 3)


def test_constrained_decoding_gives_a_phrase_one_kind() -> None:
    probs = word_rows({"B-SKILL": 0.6}, {"I-KNOWLEDGE": 0.5, "I-SKILL": 0.4}, {"I-SKILL": 0.8})
    assert [(s.first, s.last, s.kind) for s in decode_words(probs, LABELS)] == [(0, 2, "skill")]


def test_constrained_decoding_never_starts_with_or_jumps_into_an_i_tag() -> None:
    allowed = allowed_transitions(LABELS)
    rng = np.random.default_rng(3)
    for _ in range(200):
        probs = rng.dirichlet(np.ones(len(LABELS)) * 0.3, size=int(rng.integers(1, 12))).astype(np.float32)
        path = [LABELS[i] for i in best_path(probs, allowed)]
        for previous, label in zip(["start", *path], path, strict=False):
            if label.startswith("I-"):
                assert previous in (f"B-{label[2:]}", label)


def test_constrained_decoding_agrees_with_word_by_word_when_that_is_consistent() -> None:
    probs = word_rows({"O": 0.9}, {"B-KNOWLEDGE": 0.7}, {"I-KNOWLEDGE": 0.6}, {"O": 0.8}, {"B-SKILL": 0.9})
    assert best_path(probs, allowed_transitions(LABELS)) == [0, 3, 4, 0, 1]
    assert decode_words(probs[:0], LABELS) == []


def transitions(**between: float) -> Transitions:
    """Zero scores except `between`, keyed "B_SKILL__I_SKILL" (previous__current)."""
    scores = np.zeros((len(LABELS), len(LABELS)), dtype=np.float32)
    for key, value in between.items():
        previous, current = (k.replace("_", "-") for k in key.split("__"))
        scores[LABELS.index(previous), LABELS.index(current)] = value
    zeros = np.zeros(len(LABELS), dtype=np.float32)
    return Transitions(scores, zeros, zeros.copy())


def test_learned_transitions_can_carry_a_phrase_across_a_word_that_leans_to_o() -> None:
    # "manage [multiple] projects": the middle word leans to O on its own
    probs = word_rows({"B-SKILL": 0.9}, {"O": 0.6, "I-SKILL": 0.4}, {"I-SKILL": 0.5, "O": 0.45})
    assert [(s.first, s.last) for s in decode_words(probs, LABELS)] == [(0, 0)]

    # a CRF that learned skill phrases run on (I-SKILL after I-SKILL scores well) joins them
    joined = decode_words(probs, LABELS, transitions(B_SKILL__I_SKILL=1.0, I_SKILL__I_SKILL=1.0))
    assert [(s.first, s.last, s.kind) for s in joined] == [(0, 2, "skill")]


def test_zero_transitions_decode_as_the_constraints_alone() -> None:
    rng = np.random.default_rng(5)
    allowed = allowed_transitions(LABELS)
    for _ in range(50):
        probs = rng.dirichlet(np.ones(len(LABELS)) * 0.3, size=int(rng.integers(1, 12))).astype(np.float32)
        assert best_path(probs, allowed, transitions()) == best_path(probs, allowed)


def test_learned_transitions_never_unlock_a_forbidden_one() -> None:
    # even large learned scores into I- tags from O or the start cannot make an I- tag start a span
    learned = transitions(O__I_SKILL=50.0, O__I_KNOWLEDGE=50.0, B_SKILL__I_KNOWLEDGE=50.0)
    learned.start[LABELS.index("I-SKILL")] = 50.0
    allowed = allowed_transitions(LABELS)
    rng = np.random.default_rng(11)
    for _ in range(200):
        probs = rng.dirichlet(np.ones(len(LABELS)) * 0.3, size=int(rng.integers(1, 12))).astype(np.float32)
        path = [LABELS[i] for i in best_path(probs, allowed, learned)]
        for previous, label in zip(["start", *path], path, strict=False):
            if label.startswith("I-"):
                assert previous in (f"B-{label[2:]}", label)


def test_transitions_load_only_for_the_models_labels_and_shapes() -> None:
    good = {"labels": LABELS, "between": [[0.0] * 5] * 5, "start": [0.0] * 5, "end": [0.0] * 5}
    assert Transitions.from_json(good, LABELS).between.shape == (5, 5)
    with pytest.raises(ValueError, match="labels"):
        Transitions.from_json({**good, "labels": LABELS[::-1]}, LABELS)
    with pytest.raises(ValueError, match="shapes"):
        Transitions.from_json({**good, "start": [0.0] * 4}, LABELS)
    with pytest.raises(ValueError, match="finite"):
        Transitions.from_json({**good, "end": [0.0] * 4 + [float("nan")]}, LABELS)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("(SQL), Python; C++ and m/f/d.", ["(", "SQL", ")", ",", "Python", ";", "C++", "and", "m/f/d", "."]),
        ("Node.js e.g.", ["Node.js", "e.g", "."]),
        ("  “quoted”  ", ["\u201c", "quoted", "\u201d"]),
        ("...", [".", ".", "."]),
        ("", []),
    ],
)
def test_words_split_off_edge_punctuation_like_skillspan(text: str, words: list[str]) -> None:
    assert [text[a:b] for a, b in split_words(text)] == words


def test_windows_fit_the_word_piece_budget() -> None:
    assert windows([3, 3, 3, 3], budget=6) == [(0, 2), (2, 4)]
    assert windows([10, 1], budget=6) == [(0, 1), (1, 2)]
    assert windows([], budget=6) == []


VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "we", "use", "python", ",", "machine", "learning", "and", "(", ")"]
# token → label the fake model predicts for it (everything else: O)
PREDICT = {"python": "B-KNOWLEDGE", "machine": "B-SKILL", "learning": "I-SKILL"}


def tiny_tokenizer() -> Tokenizer:
    tokenizer = Tokenizer(models.WordPiece({t: i for i, t in enumerate(VOCAB)}, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.post_processor = processors.BertProcessing(("[SEP]", 3), ("[CLS]", 2))
    return tokenizer


class FakeSession:
    """Stands in for onnxruntime: logits favour the label PREDICT gives each token id."""

    def __init__(self) -> None:
        self.batches: list[tuple[int, int]] = []

    def get_inputs(self) -> list[Any]:
        return [type("Input", (), {"name": n})() for n in ("input_ids", "attention_mask", "token_type_ids")]

    def run(self, outputs: list[str], feed: dict[str, np.ndarray]) -> list[np.ndarray]:
        ids = feed["input_ids"]
        self.batches.append(ids.shape)
        logits = np.zeros((*ids.shape, len(LABELS)), dtype=np.float32)
        for (row, col), token_id in np.ndenumerate(ids):
            logits[row, col, LABELS.index(PREDICT.get(VOCAB[token_id], "O"))] = 4.0
        return [logits]


def test_spans_carry_character_offsets_into_the_text() -> None:
    # Given a tagger whose "model" tags python as knowledge and machine learning as a skill
    tagger = OnnxSkillTagger(FakeSession(), tiny_tokenizer(), LABELS, max_length=16)
    text = "We use (Python), machine  learning"

    # When it tags the text
    found = tagger.spans(text)

    # Then the spans point at the words, without the brackets and comma around them
    assert [(text[s.start : s.end], s.kind) for s in found] == [("Python", "knowledge"), ("machine  learning", "skill")]
    assert all(0.9 < s.score <= 1.0 for s in found)


def test_a_long_text_is_tagged_in_windows_of_words_batched_together() -> None:
    session = FakeSession()
    tagger = OnnxSkillTagger(session, tiny_tokenizer(), LABELS, max_length=8)
    text = " ".join(["we use python and machine learning"] * 5)

    found = tagger.spans(text)

    assert len(found) == 10
    assert all(shape[1] <= 8 for shape in session.batches)
    assert len(session.batches) == 1
