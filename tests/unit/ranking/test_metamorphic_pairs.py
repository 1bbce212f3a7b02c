"""Edited-resume training pairs: which side of each case must score higher."""

from __future__ import annotations

import numpy as np

from talent_tools.ranking.metamorphic_pairs import PREFIX, better_worse


def test_removals_rank_the_original_higher_and_additions_the_edit() -> None:
    # Given one case of each kind, the original's row of ones and the edited row of zeros
    kinds = ["remove_skill", "add_skill", "more_years", "weakened"]
    arrays = {
        f"{PREFIX}kind": np.asarray(kinds),
        f"{PREFIX}original": np.ones((4, 3), np.float32),
        f"{PREFIX}variant": np.zeros((4, 3), np.float32),
    }
    better, worse = better_worse(arrays)
    # Then removing evidence makes the edit the worse side, adding skills or years the better one
    assert better[:, 0].tolist() == [1.0, 0.0, 0.0, 1.0]
    assert worse[:, 0].tolist() == [0.0, 1.0, 1.0, 0.0]


def test_a_table_without_cases_has_no_pairs() -> None:
    better, worse = better_worse({"features": np.zeros((2, 3), np.float32)})
    assert better.shape[0] == worse.shape[0] == 0
