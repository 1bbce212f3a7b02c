from __future__ import annotations

import numpy as np

from talent.encoder import Encoder, Windowing
from talent.encoder.encoder import session_options


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.dot(a, b) / (np.linalg.norm(a) * np.linalg.norm(b)))


TEXTS = ["registered nurse", "Python " * 300, "", "accounts payable and month-end close", "forklift operator"]


def test_embeddings_are_unit_length_float32_rows_in_input_order(encoder_fp32: Encoder) -> None:
    # Given texts of very different lengths (batching by length reorders them internally)
    # When they are encoded together
    embeddings = encoder_fp32.encode(TEXTS)

    # Then each row is a unit float32 vector and row i is text i's embedding
    assert embeddings.dtype == np.float32
    assert embeddings.shape == (len(TEXTS), 384)
    np.testing.assert_allclose(np.linalg.norm(embeddings, axis=1), 1.0, atol=1e-4)
    for text, row in zip(TEXTS, embeddings, strict=True):
        assert cosine(encoder_fp32.encode([text])[0], row) > 0.9999


def test_int8_rows_stay_nearest_to_their_own_text(encoder: Encoder) -> None:
    # int8 activations are quantised per batch, so a row drifts a little with its batch-mates, never far
    together = encoder.encode(TEXTS)
    alone = np.concatenate([encoder.encode([text]) for text in TEXTS])
    assert (together @ alone.T).argmax(axis=1).tolist() == list(range(len(TEXTS)))
    np.testing.assert_allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-3)


def test_no_texts_give_an_empty_matrix(encoder: Encoder) -> None:
    assert encoder.encode([]).shape == (0, 384)


def test_similar_meanings_are_closer_than_unrelated_ones(encoder: Encoder) -> None:
    # Given a job need, a matching and an unrelated experience line
    need, match, other = encoder.encode(
        ["software engineer writing Python services", "backend developer, Python and Django", "ICU registered nurse"]
    )

    # Then the matching line is nearer
    assert cosine(need, match) > cosine(need, other) + 0.2


def test_texts_are_truncated_at_max_length_tokens(encoder_fp32: Encoder) -> None:
    # Given two texts that share their first 300 words and differ after them
    head = "experienced welder and fabricator " * 75
    first, second = encoder_fp32.encode([head + "python " * 50, head + "nursing " * 50])

    # Then only the first 256 tokens count, so they embed the same
    assert cosine(first, second) > 0.9999


def test_a_short_text_encodes_the_same_long_or_not(encoder_fp32: Encoder) -> None:
    text = "Certified public accountant with audit and tax experience"
    assert cosine(encoder_fp32.encode_long(text), encoder_fp32.encode([text])[0]) > 0.9999


def test_long_texts_pool_every_window_and_stop_at_the_token_budget(encoder_fp32: Encoder) -> None:
    # Given a resume whose second half is about something else, and one that differs only past the budget
    first_half, second_half = "accountant, audit, tax, ledgers. " * 60, "forklift, warehouse, inventory. " * 60
    budget = Windowing(budget=256)

    # When each is encoded long
    whole = encoder_fp32.encode_long(first_half + second_half)
    head_only = encoder_fp32.encode([first_half])[0]
    capped = encoder_fp32.encode_long(first_half + second_half, budget)
    capped_other = encoder_fp32.encode_long(first_half + "nursing, patients, wards. " * 60, budget)

    # Then the pooled vector is unit length and carries both halves, and tokens past the budget are ignored
    assert abs(float(np.linalg.norm(whole)) - 1.0) < 1e-5
    assert cosine(whole, head_only) < 0.95
    assert cosine(capped, capped_other) > 0.9999


def test_idle_session_threads_sleep_rather_than_spin() -> None:
    # at cold start sessions are created beside the alias matcher's build: a spinning thread would take its core
    assert session_options(2).get_session_config_entry("session.intra_op.allow_spinning") == "0"
