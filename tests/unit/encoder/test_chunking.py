from __future__ import annotations

import itertools

import pytest

from talent.encoder.chunking import Windowing, length_buckets, pad, windows

CLS, SEP = 101, 102


def test_a_short_text_is_one_window() -> None:
    assert windows([5, 6, 7], CLS, SEP, Windowing()) == [[CLS, 5, 6, 7, SEP]]


def test_an_empty_text_is_one_window_of_special_tokens() -> None:
    assert windows([], CLS, SEP, Windowing()) == [[CLS, SEP]]


def test_windows_overlap_cover_every_token_and_fit_the_model() -> None:
    # Given 600 tokens, windows of 10 (8 content tokens) overlapping by 2
    spec = Windowing(window=10, overlap=2, budget=1000)
    tokens = list(range(1000, 1600))

    # When they are cut
    cut = windows(tokens, CLS, SEP, spec)

    # Then each window fits, consecutive windows share 2 tokens, and together they cover everything
    assert all(len(w) <= 10 and w[0] == CLS and w[-1] == SEP for w in cut)
    assert all(a[-3:-1] == b[1:3] for a, b in itertools.pairwise(cut))
    assert sorted({t for w in cut for t in w[1:-1]}) == tokens


def test_tokens_past_the_budget_are_dropped() -> None:
    cut = windows(list(range(100)), CLS, SEP, Windowing(window=10, overlap=0, budget=20))
    assert [t for w in cut for t in w[1:-1]] == list(range(20))


@pytest.mark.parametrize(("window", "overlap", "budget"), [(4, 0, 10), (10, 8, 10), (10, 0, 0), (10, -1, 10)])
def test_impossible_windowing_is_refused(window: int, overlap: int, budget: int) -> None:
    with pytest.raises(ValueError, match="invalid windowing"):
        Windowing(window=window, overlap=overlap, budget=budget)


def test_padding_masks_the_pad_positions() -> None:
    batch = pad([[CLS, 5, SEP], [CLS, SEP]], pad_id=0)
    assert batch["input_ids"].tolist() == [[CLS, 5, SEP], [CLS, SEP, 0]]
    assert batch["attention_mask"].tolist() == [[1, 1, 1], [1, 1, 0]]
    assert batch["token_type_ids"].tolist() == [[0, 0, 0], [0, 0, 0]]


def test_buckets_group_similar_lengths_up_to_the_batch_size() -> None:
    # Given short texts and one long one
    lengths = [5, 200, 6, 7, 5, 8]

    # When grouped into batches of 3
    buckets = length_buckets(lengths, batch_size=3)

    # Then every index appears once, batches hold at most 3, and the long text is not padded-to by short ones
    assert sorted(i for b in buckets for i in b) == list(range(6))
    assert all(len(b) <= 3 for b in buckets)
    assert [1] in buckets
