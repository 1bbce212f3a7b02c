"""Skill extraction on SkillSpan dev's held-out half ("dev-eval"): span precision / recall / F1 (exact and
token overlap), printed.

Rows for the tagger and the combination appear when a tagger is passed to `SkillExtractor`; today the
alias matcher alone is measured. Sanity floors only: the issue's targets are reported, not asserted.
Run with `-s` to see the table.
"""

from __future__ import annotations

from typing import Any

import pytest

from talent.data_paths import shared_data_dir
from talent.skills.extract import SkillExtractor
from talent.skills.taxonomy import Taxonomy
from talent_tools.skills.evaluate import ROWS, evaluate_skillspan, format_table

pytestmark = pytest.mark.data


@pytest.fixture(scope="module")
def alias_result() -> dict[str, Any]:
    shared_data_dir()  # raises DataUnavailable naming where it looked: never a silent skip
    return evaluate_skillspan(SkillExtractor(Taxonomy.load()), split="dev-eval")


def test_prints_the_table(alias_result: dict[str, Any]) -> None:
    print(f"\nSkillSpan dev-eval ({alias_result['sentences']} sentences)\n" + format_table({"alias": alias_result}))


def test_every_row_is_computed_over_the_gold_spans(alias_result: dict[str, Any]) -> None:
    assert alias_result["sentences"] > 1200
    for row in ROWS:
        for match in ("exact", "overlap"):
            scores = alias_result["rows"][row][match]
            assert scores["gold"] > 400
            assert 0.0 <= scores["precision"] <= 1.0 and 0.0 <= scores["recall"] <= 1.0


def test_alias_matcher_finds_a_real_share_of_knowledge_spans(alias_result: dict[str, Any]) -> None:
    knowledge = alias_result["rows"]["knowledge"]["exact"]
    combined = alias_result["rows"]["combined"]["overlap"]
    assert knowledge["recall"] > 0.05 and knowledge["precision"] > 0.2
    assert combined["recall"] > 0.05 and combined["f1"] > 0.1
