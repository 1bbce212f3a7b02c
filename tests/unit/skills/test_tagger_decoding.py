"""The tagger's decoding on synthetic logits and a tiny in-memory tokenizer: no model artifact needed."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors

from talent.skills.tagger import OnnxSkillTagger, decode_bio, first_subword_labels, split_words, windows

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
    labels, scores = first_subword_labels(logits, [None, 0, 0, 1, None], n_words=3)

    # Then w0 is B-KNOWLEDGE, w1 is O, and w2 (cut off by truncation) defaults to O
    assert labels == [3, 0, 0]
    assert scores[0] == pytest.approx(1.0, abs=1e-3)


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
