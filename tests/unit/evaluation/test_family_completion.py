"""`family_match` filled in after the table is built equals what the featurizer computes with the classifier."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from talent.features.compute import family_match
from talent_tools.evaluation.ranking import fit_table, sensitivity
from talent_tools.ranking.benchmark import pack_texts

WIDTH = 4


def classify(texts: Sequence[str], rows: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """A softmax over three families of fixed projections of the rows: a real function of its input."""
    logits = rows @ np.arange(WIDTH * 3, dtype=np.float32).reshape(WIDTH, 3) / 10
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return (e / e.sum(axis=1, keepdims=True)).astype(np.float32)


def _rows(n: int, seed: int) -> npt.NDArray[np.float32]:
    return np.random.default_rng(seed).random((n, WIDTH)).astype(np.float32)


def test_a_fit_table_gets_the_product_of_the_two_classifications() -> None:
    jobs, resumes = _rows(3, 0), _rows(5, 1)
    features = np.zeros((3, 5, 2), dtype=np.float32)
    features[..., 1] = np.nan
    arrays: dict[str, Any] = {
        "feature_names": np.asarray(["semantic", "family_match"]),
        "features": features,
        "job_family_inputs": jobs,
        "resume_family_inputs": resumes,
        **pack_texts("job", ["j"] * 3),
        **pack_texts("resume", ["r"] * 5),
    }
    done = fit_table.complete(arrays, classify)
    expected = family_match(classify([], jobs[1:2])[0], classify([], resumes[4:5])[0])
    assert done["features"][1, 4, 1] == pytest.approx(expected)
    assert np.isnan(arrays["features"][..., 1]).all()  # the raw table is left as it was


def test_sensitivity_cases_get_it_per_case_on_both_sides() -> None:
    jobs, originals, variants = _rows(2, 2), _rows(2, 3), _rows(2, 4)
    nan = np.full((2, 1), np.nan, dtype=np.float32)
    arrays: dict[str, Any] = {
        "feature_names": np.asarray(["family_match"]),
        "original": nan.copy(),
        "variant": nan.copy(),
        "job_family_inputs": jobs,
        "original_family_inputs": originals,
        "variant_family_inputs": variants,
        **{k: v for name in ("job", "original", "variant") for k, v in pack_texts(name, ["t", "u"]).items()},
    }
    done = sensitivity.complete(arrays, classify)
    assert done["variant"][1, 0] == pytest.approx(family_match(classify([], jobs)[1], classify([], variants)[1]))


def test_a_feature_still_missing_after_completion_is_an_error() -> None:
    arrays: dict[str, Any] = {
        "feature_names": np.asarray(["semantic"]),
        "features": np.full((1, 1, 1), np.nan, dtype=np.float32),
        "job_family_inputs": _rows(1, 0),
        "resume_family_inputs": _rows(1, 1),
        **pack_texts("job", ["j"]),
        **pack_texts("resume", ["r"]),
    }
    with pytest.raises(ValueError, match="semantic"):
        fit_table.complete(arrays, classify)
