"""The tagger's linear-chain CRF: its loss against brute-force enumeration, its decoding against serving's."""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch", reason="tests/training need the training venv: .venv-train/bin/pytest")

from talent_training.skill_tagger.crf import LinearChainCrf, word_rows  # noqa: E402

from talent.skills.tagger import Transitions, best_path  # noqa: E402

LABELS = ["O", "B-SKILL", "I-SKILL"]


def random_crf(seed: int) -> LinearChainCrf:
    torch.manual_seed(seed)
    crf = LinearChainCrf(len(LABELS))
    with torch.no_grad():
        for parameter in crf.parameters():
            parameter.normal_()
    return crf


def sequence_score(crf: LinearChainCrf, emissions: Any, tags: tuple[int, ...]) -> Any:
    score = crf.start[tags[0]] + crf.end[tags[-1]] + sum(emissions[i, t] for i, t in enumerate(tags))
    return score + sum(crf.between[a, b] for a, b in itertools.pairwise(tags))


def test_the_loss_is_the_negative_log_likelihood_over_every_label_sequence() -> None:
    # Given two sentences of 4 and 2 words (the second padded) and a CRF with random scores
    crf = random_crf(3)
    emissions = torch.randn(2, 4, len(LABELS), generator=torch.Generator().manual_seed(4))
    tags = torch.tensor([[1, 2, 0, 1], [0, 1, 0, 0]])
    mask = torch.tensor([[True] * 4, [True, True, False, False]])

    # When the CRF scores them
    loss = crf.nll(emissions, tags, mask)

    # Then it equals -log p(gold) summed, each p normalised over all label sequences of the sentence's length
    expected = torch.tensor(0.0)
    for row, length in ((0, 4), (1, 2)):
        gold = tuple(int(t) for t in tags[row, :length])
        every = torch.stack(
            [sequence_score(crf, emissions[row], seq) for seq in itertools.product(range(len(LABELS)), repeat=length)]
        )
        expected = expected + torch.logsumexp(every, 0) - sequence_score(crf, emissions[row], gold)
    assert loss.item() == pytest.approx(expected.item(), rel=1e-5)


def test_serving_decodes_the_best_sequence_the_crf_scores() -> None:
    # Given a CRF and word logits, serving's Viterbi over log-softmax + the exported transitions
    crf = random_crf(8)
    logits = torch.randn(5, len(LABELS), generator=torch.Generator().manual_seed(9))
    probs = torch.softmax(logits, -1).numpy().astype(np.float32)
    allowed = np.ones((len(LABELS) + 1, len(LABELS)), dtype=bool)  # no constraint: the CRF's own argmax
    path = best_path(probs, allowed, Transitions.from_json(crf.as_json(LABELS), LABELS))

    # Then it is the sequence the CRF scores highest (the per-word normaliser does not change the argmax)
    every = itertools.product(range(len(LABELS)), repeat=5)
    best = max(every, key=lambda seq: sequence_score(crf, logits, seq).item())
    assert tuple(path) == best


def test_word_rows_gather_first_word_pieces_and_drop_sentences_without_words() -> None:
    # Given three sentences' word-piece logits, the middle one with no labelled word (all -100)
    logits = torch.randn(3, 5, len(LABELS), generator=torch.Generator().manual_seed(2))
    ignore = -100
    labels = torch.tensor([[ignore, 1, ignore, 2, ignore], [ignore] * 5, [ignore, 0, ignore, ignore, ignore]])

    emissions, tags, mask = word_rows(logits, labels, ignore)

    assert tags.tolist() == [[1, 2], [0, 0]]
    assert mask.tolist() == [[True, True], [True, False]]
    assert torch.equal(emissions[0], logits[0, [1, 3]])
    assert torch.equal(emissions[1, 0], logits[2, 1])
