"""The term vectors the job-family classifier (kind `terms`) reads: views, weights, storage."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np

from talent.ranking.family_terms import TermVectors, first_line, tokens

TERMS = ["accountant", "audit", "chef", "kitchen", "senior"]
IDF = np.asarray([1.5, 2.0, 1.5, 2.5, 1.0], dtype=np.float32)


def test_tokens_are_lower_cased_words_of_two_or_more_characters() -> None:
    assert tokens("Senior ACCOUNTANT, a CPA; e-mail: x") == ["senior", "accountant", "cpa", "mail"]


def test_the_first_line_is_the_headline_of_a_blind_text() -> None:
    assert first_line("\nSENIOR ACCOUNTANT\nAudited ledgers") == "SENIOR ACCOUNTANT"


def test_each_view_is_sublinear_tf_times_idf_and_unit_length() -> None:
    # Given a headline naming one term and a body repeating another
    vectors = TermVectors(TERMS, IDF)
    # When the text is vectorised
    (row,) = vectors(["Senior accountant\naudit audit audit kitchen"])
    text, headline = row[:5], row[5:]
    # Then the whole text's view weighs each term by (1 + ln tf) x idf, L2-normalised
    raw = np.asarray([1.5, (1 + math.log(3)) * 2.0, 0, 2.5, 1.0])
    assert np.allclose(text, raw / np.linalg.norm(raw), atol=1e-6)
    # and the first line's view holds the headline's terms only
    assert np.allclose(headline, np.asarray([1.5, 0, 0, 0, 1.0]) / math.hypot(1.5, 1.0), atol=1e-6)


def test_a_text_without_known_terms_is_a_zero_row_not_a_nan() -> None:
    rows = TermVectors(TERMS, IDF)(["", "unrelated words only"])
    assert rows.shape == (2, 10)
    assert not rows.any()


def test_saved_vocabulary_loads_back_identically(tmp_path: Path) -> None:
    saved = TermVectors(["zürich", *TERMS], np.append(IDF, 3.0).astype(np.float32)).save(tmp_path / "terms.npz")
    loaded = TermVectors.load(saved)
    assert loaded.terms == ["zürich", *TERMS]
    assert np.array_equal(loaded.idf, np.append(IDF, 3.0).astype(np.float32))
    text = ["Chef\nkitchen in Zürich"]
    assert np.array_equal(loaded(text), TermVectors(["zürich", *TERMS], np.append(IDF, 3.0))(text))
