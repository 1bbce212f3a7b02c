"""Occupation-level NDCG/MAP within families, resume-centric fit AUC and sensitivity verdicts on synthetic tables:
an oracle scores 1, a random scorer scores chance, a scorer that looks only at family scores no better."""

from __future__ import annotations

import numpy as np
import pytest

from talent_tools.evaluation.ranking.fit_rows import fit_auc, grades, occupation_level
from talent_tools.evaluation.ranking.fit_table import FitTable, from_arrays, to_arrays
from talent_tools.evaluation.ranking.sensitivity_rows import evaluate, violated

CODES = ["29-1141.00", "29-1141.03", "29-1171.00", "29-2061.00", "13-2011.00", "13-2051.00", "11-2022.00", "41-4012.00"]
FAMILIES = {"29": "HEALTHCARE", "13": "ACCOUNTANT", "11": "SALES", "41": "SALES"}


def _table(resumes: int = 400, seed: int = 0) -> FitTable:
    rng = np.random.default_rng(seed)
    resume_codes = [CODES[i] for i in rng.integers(0, len(CODES), resumes)]
    posting_codes = CODES * 3
    sources = ["us"] * len(CODES) * 2 + ["onet"] * len(CODES)
    return FitTable(
        feature_names=["x"],
        features=np.zeros((len(posting_codes), resumes, 1), dtype=np.float32),
        baselines={},
        posting_ids=[f"p{i}" for i in range(len(posting_codes))],
        posting_codes=posting_codes,
        posting_sources=sources,
        posting_families=[FAMILIES[c[:2]] for c in posting_codes],
        resume_ids=[f"r{i}" for i in range(resumes)],
        resume_codes=resume_codes,
        resume_families=[FAMILIES[c[:2]] for c in resume_codes],
    )


def test_an_oracle_scorer_gets_ndcg_and_map_of_one() -> None:
    table = _table()
    result = occupation_level(table, grades(table).astype(np.float64), np.ones(len(table.posting_ids), bool))
    assert result.queries > 0
    assert result.ndcg_at_10 == pytest.approx(1.0)
    assert result.map == pytest.approx(1.0)


def test_a_random_scorer_is_far_below_the_oracle() -> None:
    table = _table()
    scores = np.random.default_rng(1).random((len(table.posting_ids), len(table.resume_ids)))
    result = occupation_level(table, scores, np.ones(len(table.posting_ids), bool))
    assert 0.2 < result.ndcg_at_10 < 0.85


def test_only_resumes_of_the_postings_family_are_ranked() -> None:
    table = _table()
    # A scorer that puts every resume of another family first cannot change a within-family ranking.
    other_family_first = grades(table).astype(np.float64) + 100.0 * (
        np.asarray(table.posting_families)[:, None] != np.asarray(table.resume_families)[None, :]
    )
    result = occupation_level(table, other_family_first, np.ones(len(table.posting_ids), bool))
    assert result.ndcg_at_10 == pytest.approx(1.0)


def test_fit_auc_of_an_oracle_is_one_and_of_random_about_a_half() -> None:
    table = _table()
    oracle = (grades(table) >= 2).astype(np.float64)
    assert fit_auc(table, oracle).auc == pytest.approx(1.0)
    aucs = [fit_auc(table, np.random.default_rng(s).random(oracle.shape)).auc for s in range(20)]
    assert float(np.mean(aucs)) == pytest.approx(0.5, abs=0.05)


def test_fit_auc_reads_real_postings_only() -> None:
    table = _table()
    scores = (grades(table) >= 2).astype(np.float64)
    scores[~table.real] = 1e9  # O*NET-written postings on top would ruin the AUC if they counted
    assert fit_auc(table, scores).auc == pytest.approx(1.0)


def test_a_table_survives_the_cache_format() -> None:
    table = _table(resumes=5)
    table.baselines["tfidf"] = np.ones((len(table.posting_ids), 5), dtype=np.float32)
    again = from_arrays(to_arrays(table))
    assert again.posting_codes == table.posting_codes and again.resume_families == table.resume_families
    np.testing.assert_array_equal(again.baselines["tfidf"], table.baselines["tfidf"])


def test_violations_follow_the_direction_each_edit_demands() -> None:
    original = np.asarray([1.0, 1.0, 1.0])
    variant = np.asarray([0.5, 1.0, 1.5])
    assert violated("remove_skill", original, variant).tolist() == [False, False, True]
    assert violated("add_skill", original, variant).tolist() == [True, False, False]
    assert violated("more_years", original, variant).tolist() == [True, False, False]
    # The weakened resume must score strictly lower: a tie is a violation.
    assert violated("weakened", original, variant).tolist() == [False, True, True]


def test_evaluate_counts_cases_per_kind_and_names_violating_ids() -> None:
    arrays = {
        "kind": np.asarray(["remove_skill", "remove_skill", "add_skill", "weakened"]),
        "posting": np.asarray(["us:1", "us:2", "us:3", "us:4"]),
        "resume": np.asarray(["10", "11", "12", "13"]),
    }
    results = {r.kind: r for r in evaluate(arrays, np.asarray([1.0, 1.0, 1.0, 1.0]), np.asarray([2.0, 0.0, 2.0, 0.0]))}
    assert (results["remove_skill"].cases, results["remove_skill"].violations) == (2, 1)
    assert results["remove_skill"].examples == ["us:1/10"]
    assert results["add_skill"].share == 0.0 and results["weakened"].share == 0.0
    assert results["more_years"].cases == 0
