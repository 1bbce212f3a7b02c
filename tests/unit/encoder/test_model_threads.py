"""TALENT_MODEL_THREADS sets every ONNX session's intra-op threads; a bad value is a clear error."""

from __future__ import annotations

import pytest

from talent.encoder.encoder import session_options
from talent.model_threads import THREADS_VARIABLE, BadThreadsSetting, model_threads


def test_the_loaders_default_without_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(THREADS_VARIABLE, raising=False)
    assert model_threads(2) == 2
    assert session_options(2).intra_op_num_threads == 2
    monkeypatch.setenv(THREADS_VARIABLE, " ")
    assert model_threads(3) == 3


def test_the_variable_sets_every_sessions_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(THREADS_VARIABLE, "1")
    assert model_threads(2) == 1
    assert session_options(2).intra_op_num_threads == 1
    assert session_options(1).intra_op_num_threads == 1
    monkeypatch.setenv(THREADS_VARIABLE, "4")
    assert session_options(1).intra_op_num_threads == 4


@pytest.mark.parametrize("value", ["0", "-2", "two", "1.5"])
def test_a_bad_value_says_what_is_expected(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(THREADS_VARIABLE, value)
    with pytest.raises(BadThreadsSetting, match=f"TALENT_MODEL_THREADS='{value}': expected a whole number"):
        model_threads(2)
