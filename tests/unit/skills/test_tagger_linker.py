"""The embedding linker that the tagger's spans go through, with a fake encoder (no model artifact needed)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from talent.encoder import ModelArtifactError
from talent.skills.linker import (
    DESCRIPTION_WEIGHT,
    LEXICAL_WEIGHT,
    EmbeddingLinker,
    build_index,
    index_path,
    pack,
    taxonomy_names,
    unpack,
)
from talent.skills.taxonomy import Name, NameFlag, Taxonomy, TaxonomyEntry

# Each known text maps to a fixed unit vector; "python 3" sits near "python", "pyhton" half-way to "java".
VECTORS = {
    "python": [1.0, 0.0, 0.0],
    "py": [1.0, 0.0, 0.0],
    "java": [0.0, 1.0, 0.0],
    "nursing": [0.0, 0.0, 1.0],
    "python 3": [0.95, 0.05, 0.0],
    "pyhton": [0.6, 0.6, 0.0],
    # a span whose nearest name is not the entry that means it; the descriptions tell them apart
    "team player": [1.0, 0.0, 0.0],
    "lead a team": [0.9, 0.4359, 0.0],  # cosine 0.90 with the span
    "work in teams": [0.85, 0.5268, 0.0],  # cosine 0.85
    "team sport": [0.95, 0.0, 0.3122],  # cosine 0.95, an entry without a description
    "directing others towards a goal": [0.0, 0.0, 1.0],  # cosine 0 with the span
    "working within a group each doing their part": [0.8, 0.0, 0.6],  # cosine 0.8
}


class FakeEncoder:
    dim = 3

    def __init__(self, sha: str = "a" * 64) -> None:
        self.model_sha256 = sha

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        rows = np.asarray([VECTORS.get(t.lower(), [0.0, 0.0, 0.0]) for t in texts], dtype=np.float32).reshape(-1, 3)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        return rows / np.maximum(norms, 1e-12)


NO_FLAGS = NameFlag(0)


def entry(skill_id: str, *names: str, flags: NameFlag = NO_FLAGS) -> TaxonomyEntry:
    return TaxonomyEntry(
        id=skill_id, label=names[0], kind="technology", source="test", hot=False, in_demand=False,
        esco_uri=None, onet=(), link=None, names=tuple(Name(n, flags) for n in names), commodities=(), occupations=(),
    )  # fmt: skip


@pytest.fixture
def linker(tmp_path: Path) -> EmbeddingLinker:
    pairs = [("sk:python", "Python"), ("sk:python", "py"), ("sk:java", "Java"), ("sk:nursing", "nursing")]
    path = build_index(FakeEncoder(), pairs, tmp_path / "taxonomy.embeddings.npz", "t" * 64)
    return EmbeddingLinker.load(path, FakeEncoder(), threshold=0.9)


def test_a_span_links_to_the_entry_of_its_nearest_name(linker: EmbeddingLinker) -> None:
    skill_id, score = linker.link("Python 3") or ("", 0.0)
    assert skill_id == "sk:python"
    # cosine 0.9986 plus the lexical part: "python" of {"python", "3"} is half the words
    assert score == pytest.approx(0.9986 + LEXICAL_WEIGHT * 0.5, abs=1e-3)


def test_candidates_are_one_per_entry_best_first(linker: EmbeddingLinker) -> None:
    (ranked,) = linker.candidates(["pyhton"], k=5)
    assert [skill_id for skill_id, _ in ranked][:2] in (["sk:java", "sk:python"], ["sk:python", "sk:java"])
    assert len({skill_id for skill_id, _ in ranked}) == len(ranked) == 3
    assert [score for _, score in ranked] == sorted((score for _, score in ranked), reverse=True)


def test_a_product_links_only_when_the_span_spells_its_name_out(tmp_path: Path) -> None:
    # Given "java" is a product entry (an O*NET technology) and "nursing" an ordinary skill
    pairs = [("onet:java", "Java"), ("sk:nursing", "nursing")]
    path = build_index(FakeEncoder(), pairs, tmp_path / "t.npz", "t" * 64, frozenset({"onet:java"}))
    linker = EmbeddingLinker.load(path, FakeEncoder(), threshold=0.5)
    # Then "Java" links, while a span that is only near it in meaning does not
    assert (linker.link("Java") or ("",))[0] == "onet:java"
    VECTORS["coffee beans"] = [0.0, 1.0, 0.0]
    try:
        assert linker.link("coffee beans") is None
    finally:
        del VECTORS["coffee beans"]


def test_a_span_below_the_threshold_is_not_linked(linker: EmbeddingLinker) -> None:
    assert linker.link("pyhton") is None
    assert linker.nearest(["pyhton"])[1][0] == pytest.approx(0.7071, abs=1e-3)


def test_linking_many_keeps_the_order_and_nothing_links_nothing(linker: EmbeddingLinker) -> None:
    assert [r and r[0] for r in linker.link_many(["java", "pyhton", "nursing"])] == ["sk:java", None, "sk:nursing"]
    assert linker.link_many([]) == []


class BatchSensitiveEncoder(FakeEncoder):
    """Like the int8 encoder, whose activations are quantised per batch: a text's vector leans on its batch-mates."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        rows = super().encode(texts)
        leaned = rows + 0.6 * rows.mean(axis=0, keepdims=True)
        return leaned / np.maximum(np.linalg.norm(leaned, axis=1, keepdims=True), 1e-12)


def test_a_span_links_the_same_whatever_else_is_linked_with_it(tmp_path: Path) -> None:
    # Given an index and queries from an encoder whose vectors depend on their batch
    pairs = [("sk:python", "Python"), ("sk:java", "Java"), ("sk:nursing", "nursing")]
    path = build_index(BatchSensitiveEncoder(), pairs, tmp_path / "t.npz", "t" * 64)
    # When "pyhton" (half-way between python and java) is linked alone and beside other spans
    alone = EmbeddingLinker.load(path, BatchSensitiveEncoder(), threshold=0.0).candidates(["pyhton"])[0]
    beside = EmbeddingLinker.load(path, BatchSensitiveEncoder(), threshold=0.0).candidates(["java", "java", "pyhton"])
    # Then its candidates and scores are the same: each text is embedded in a call of its own
    assert beside[2] == alone
    # (embedded together, "java" would pull it to java: the drift this rules out)
    encoder = BatchSensitiveEncoder()
    together = encoder.encode(["java", "pyhton"])[1]
    assert together @ encoder.encode(["java"])[0] > together @ encoder.encode(["python"])[0]


def test_a_full_cache_keeps_serving_texts_it_held_and_texts_it_did_not(
    linker: EmbeddingLinker, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a cache of two texts, both held, the oldest of them asked for again beside two new ones
    monkeypatch.setattr("talent.skills.linker._CACHED", 2)
    linker.link_many(["java", "nursing"])
    # Then the answer comes back whole (it once failed with KeyError: the old text was evicted mid-request)
    got = linker.link_many(["java", "python 3", "py"])
    assert [r and r[0] for r in got] == ["sk:java", "sk:python", "sk:python"]
    # And the cache holds the newest two of this request
    assert list(linker._cache) == ["python 3", "py"]


def test_an_index_built_with_another_encoder_is_refused(tmp_path: Path) -> None:
    path = build_index(FakeEncoder("b" * 64), [("sk:java", "Java")], tmp_path / "x.npz", "t" * 64)
    with pytest.raises(ModelArtifactError, match="built with encoder bbbbbbbbbbbb"):
        EmbeddingLinker.load(path, FakeEncoder("a" * 64))


def test_a_missing_index_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(ModelArtifactError, match=r"make models \(python -m talent_tools\.skills\.linker_index\)"):
        EmbeddingLinker.load(tmp_path / "none.npz", FakeEncoder())


def test_names_shared_or_not_matched_are_embedded_once() -> None:
    taxonomy = Taxonomy.from_entries(
        [entry("a", "Excel", "MS Excel"), entry("b", "excel"), entry("c", "Go", flags=NameFlag.NOT_MATCHED)]
    )
    assert taxonomy_names(taxonomy) == [("a", "Excel"), ("a", "MS Excel")]


def test_strings_pack_into_one_utf8_buffer_and_back() -> None:
    strings = ["C++", "résumé writing", "日本語", ""]
    assert unpack(pack(strings)) == strings
    with pytest.raises(ValueError, match="newline"):
        pack(["two\nlines"])


def test_the_index_lives_beside_the_taxonomy() -> None:
    assert index_path(Path("models/skills/taxonomy.json.gz")) == Path("models/skills/taxonomy.embeddings.npz")


DESCRIBED = {"sk:lead": "directing others towards a goal", "sk:work": "working within a group each doing their part"}
TEAM_NAMES = [("sk:lead", "lead a team"), ("sk:work", "work in teams"), ("onet:sport", "team sport")]


def _described(tmp_path: Path, threshold: float, description_weight: float = DESCRIPTION_WEIGHT) -> EmbeddingLinker:
    path = build_index(FakeEncoder(), TEAM_NAMES, tmp_path / "t.npz", "t" * 64, descriptions=DESCRIBED)
    return EmbeddingLinker.load(path, FakeEncoder(), threshold=threshold, description_weight=description_weight)


def test_descriptions_choose_between_near_entries_and_each_keeps_its_name_score(tmp_path: Path) -> None:
    # Given names alone put "lead a team" (0.90) before "work in teams" (0.85), both sharing the word "team"
    overlap = LEXICAL_WEIGHT / 3  # {team, player} against {lead, team}: one shared stem of three
    by_names = _described(tmp_path, 0.8, description_weight=0.0).candidates(["team player"])[0]
    assert [skill_id for skill_id, _ in by_names] == ["onet:sport", "sk:lead", "sk:work"]
    # When the descriptions weigh in (the span is 0.8 from "working within a group", 0 from "directing others")
    served = _described(tmp_path, 0.8)
    (ranked,) = served.candidates(["team player"])
    # Then "work in teams" wins; an entry without a description gains nothing, and every score is the name's own
    assert [skill_id for skill_id, _ in ranked] == ["sk:work", "onet:sport", "sk:lead"]
    assert dict(ranked)["sk:work"] == pytest.approx(0.85 + overlap, abs=2e-3)
    assert dict(ranked) == pytest.approx(dict(by_names), abs=1e-6)
    # (it wins over "team sport": 0.85 + overlap + 0.5 x 0.8 against 0.95 + overlap)
    assert (served.link("team player") or ("",))[0] == "sk:work"


def test_descriptions_never_make_a_link_the_winners_name_is_too_far_for(tmp_path: Path) -> None:
    # The threshold reads the winner's name score: "work in teams" wins at 0.88 and 0.9 is asked
    assert _described(tmp_path, 0.9).link("team player") is None
    assert (_described(tmp_path, 0.9, description_weight=0.0).link("team player") or ("",))[0] == "onet:sport"


def test_description_vectors_are_stored_as_int8_beside_the_names(tmp_path: Path) -> None:
    path = build_index(FakeEncoder(), TEAM_NAMES, tmp_path / "t.npz", "t" * 64, descriptions=DESCRIBED)
    with np.load(path) as data:
        assert data["descriptions"].dtype == np.int8 and data["descriptions"].shape == (2, 3)
        assert data["description_rows"].tolist() == [0, 1, -1]  # the O*NET entry has none
        assert data["descriptions"][1].tolist() == [102, 0, 76]  # round(127 x [0.8, 0, 0.6])


def test_descriptions_are_embedded_by_the_names_model_only(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="same encoder model"):
        build_index(
            FakeEncoder(), TEAM_NAMES, tmp_path / "t.npz", "t" * 64, descriptions=DESCRIBED,
            description_encoder=FakeEncoder("b" * 64),
        )  # fmt: skip
