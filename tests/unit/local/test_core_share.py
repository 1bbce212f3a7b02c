"""Each of a function's local environments computes on its share of the machine's cores."""

from __future__ import annotations

import os

import pytest

from talent_tools.local.dev_session import core_share


@pytest.mark.parametrize(("cores", "environments", "share"), [(2, 2, 1), (8, 2, 4), (8, 3, 2), (2, 4, 1), (1, 1, 1)])
def test_share_of_the_cores(monkeypatch: pytest.MonkeyPatch, cores: int, environments: int, share: int) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    assert core_share(environments) == share


def test_an_unknown_core_count_counts_as_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: None)
    assert core_share(2) == 1
