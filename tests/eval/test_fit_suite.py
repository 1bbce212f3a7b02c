"""The fit suite of issue 13 on ../shared/data at small fixed-seed sizes: the mapping maps, the rows compute sane
values (an oracle scores 1, chance scores chance), the sensitivity edits change what they say.

Skips cleanly without ../shared/data; the featurised parts skip without `make models` artifacts.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from talent.data_paths import MODELS_DIR, DataUnavailable, shared_data_dir
from talent.features.featurizer import Featurizer
from talent_tools.evaluation.ranking import fit_table, sensitivity, titles
from talent_tools.evaluation.ranking.corpus import real_postings
from talent_tools.evaluation.ranking.fit_rows import fit_auc, grades, occupation_level
from talent_tools.evaluation.ranking.occupations import OccupationIndex

pytestmark = pytest.mark.data


@pytest.fixture(scope="module")
def data() -> Path:
    try:
        return shared_data_dir()
    except DataUnavailable as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def index(data: Path) -> OccupationIndex:
    return OccupationIndex.load(data / "skills" / "onet")


@pytest.fixture(scope="module")
def featurizer() -> Featurizer:
    """Without the job-family classifier, as the suite builds its tables (`family_match` is completed later)."""
    if not (MODELS_DIR / "encoder" / "model.onnx").is_file():
        pytest.skip("needs the encoder: make models")
    from talent.ranking.featurizer_from_models import load_featurizer

    return load_featurizer(with_classifier=False)


@pytest.mark.parametrize(
    ("title", "code"),
    [
        ("Registered Nurse", "29-1141.00"),
        ("Senior Accountant", "13-2011.00"),
        ("Executive Chef", "35-1011.00"),
        ("Junior Sales Manager Job in San Diego", "11-2022.00"),
    ],
)
def test_titles_map_to_their_onet_occupation(index: OccupationIndex, title: str, code: str) -> None:
    assert index.match(title) == code


def test_vague_titles_map_to_nothing(index: OccupationIndex) -> None:
    assert index.match("Program Manager") is None and index.match("Owner") is None


def test_most_real_postings_of_each_source_map(data: Path, index: OccupationIndex) -> None:
    postings, totals = real_postings(data, index)
    mapped = {s: sum(1 for p in postings if p.source == s) for s in totals}
    print(f"\nreal postings mapped: {mapped} of {totals}")
    assert mapped["us"] / totals["us"] > 0.3 and mapped["google"] / totals["google"] > 0.2


def test_an_oracle_ranks_titles_perfectly_and_tfidf_beats_chance(data: Path) -> None:
    title_set = titles.load_titles(data)
    assert len(title_set.queries) == 105 and len(title_set.corpus) == 2619
    ids = [i for i, _ in title_set.corpus]
    oracle = np.asarray([[float(i in title_set.relevant.get(q, set())) for i in ids] for q, _ in title_set.queries])
    assert titles.evaluate(title_set, oracle).map == pytest.approx(1.0)
    tfidf = titles.score_matrices_lexical(title_set)["tfidf"]
    chance = titles.evaluate(title_set, np.random.default_rng(0).random(oracle.shape))
    measured = titles.evaluate(title_set, tfidf)
    print(f"\ntitles: TF-IDF MAP {measured.map:.3f}, random {chance.map:.3f}")
    assert measured.map > chance.map + 0.1


@pytest.fixture(scope="module")
def table(data: Path, featurizer: Featurizer) -> fit_table.FitTable:
    inputs, built = fit_table.build(featurizer, data, fit_table.Sizes(resumes=16, postings=30, prior=150))
    assert inputs["job_family_inputs"].shape[0] == len(built.posting_ids)
    return built


def test_the_fit_table_holds_finite_features_for_every_pair_but_family_match(table: fit_table.FitTable) -> None:
    assert table.features.shape[:2] == (len(table.posting_ids), len(table.resume_ids))
    others = [i for i, n in enumerate(table.feature_names) if n != "family_match"]
    assert np.isfinite(table.features[..., others]).all()
    assert all(v.shape == table.features.shape[:2] for v in table.baselines.values())


def test_an_oracle_gets_one_and_random_less_on_the_real_table(table: fit_table.FitTable) -> None:
    every = np.ones(len(table.posting_ids), dtype=bool)
    oracle = grades(table).astype(np.float64)
    assert occupation_level(table, oracle, every).ndcg_at_10 == pytest.approx(1.0)
    assert fit_auc(table, (oracle >= 2).astype(np.float64)).auc == pytest.approx(1.0)
    noise = np.random.default_rng(0).random(oracle.shape)
    assert occupation_level(table, noise, every).ndcg_at_10 < 1.0


def test_each_sensitivity_case_changes_the_features(data: Path, featurizer: Featurizer) -> None:
    cases = sensitivity.build(featurizer, data, sensitivity.SensitivitySizes(per_kind=2))
    print(f"\nsensitivity cases: {dict(zip(*np.unique(cases['kind'], return_counts=True), strict=True))}")
    assert len(cases["kind"]) >= 4
    assert (np.nanmax(np.abs(cases["original"] - cases["variant"]), axis=1) > 0).all()
