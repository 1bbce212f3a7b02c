"""Name-swap counterfactual on held-out livecareer resumes against held-out postings (real models)."""

from __future__ import annotations

import pytest

from talent.data_paths import shared_data_dir
from talent.ranking.screening_model import load_screening_model
from talent_tools.ranking.benchmark import job_roles, load_resumes
from talent_tools.ranking.counterfactual import TOLERANCE, run, with_cues
from talent_tools.ranking.onet_postings import load_postings

pytestmark = pytest.mark.data


def test_the_cues_are_really_in_the_text() -> None:
    text = with_cues("ACCOUNTANT\nSummary\nAudits.", "female")
    assert "Emily Walsh" in text and "She is" in text and "her reliability" in text


def test_swapping_names_pronouns_and_titles_moves_no_score_by_more_than_one_percent() -> None:
    data = shared_data_dir()
    resumes = [r for r in load_resumes(data) if r.split == "test"][:40]
    roles = job_roles()
    postings = [
        p for code, p in load_postings(data / "skills" / "onet", set(roles)).items() if roles[code][1] == "test"
    ]
    result = run(load_screening_model(), resumes, postings[:6])
    print(
        f"\ncounterfactual: {result.pairs} pairs, max |diff| {result.max_abs_difference:.2e}, "
        f"max diff / score range {result.max_share_of_range:.2%}"
    )
    assert result.pairs == 240
    assert result.max_share_of_range <= TOLERANCE
