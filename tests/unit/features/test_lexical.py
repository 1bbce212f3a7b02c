from __future__ import annotations

import gzip
import json
import math
from pathlib import Path

import pytest

from talent.features.lexical import TERM_WEIGHTS_PATH, TermWeights, TermWeightsError, cosine, covered, tokens
from talent.features.spec import FeatureSpec


def weights(idf: dict[str, float]) -> TermWeights:
    return TermWeights(idf=idf, sha256="test")


def test_tokens_keep_the_shapes_of_tool_names() -> None:
    assert tokens("C++, C# and Node.js; .NET!") == ["c++", "c#", "and", "node.js", "net"]


def test_vectors_are_unit_length_over_known_terms_only() -> None:
    vector = weights({"python": 3.0, "sql": 1.0}).vector("Python python SQL cobol")
    assert set(vector) == {"python", "sql"}
    assert math.isclose(sum(w * w for w in vector.values()), 1.0)
    assert vector["python"] > vector["sql"]  # rarer and repeated (sublinearly)
    assert weights({"python": 1.0}).vector("nothing known") == {}


def test_cosine_and_covered_share() -> None:
    w = weights({"data": 1.0, "engineer": 2.0, "python": 2.0, "nurse": 3.0})
    job, resume = w.vector("Data Engineer"), w.vector("Python data engineer")
    assert cosine(job, job) == pytest.approx(1.0)
    assert cosine(job, w.vector("nurse")) == 0.0
    assert 0.0 < cosine(job, resume) < 1.0
    assert covered(job, resume) == 1.0
    assert covered(job, w.vector("data")) == pytest.approx(1 / 3, abs=0.1)  # the weighted share, not a count
    assert covered({}, resume) == 0.0


def test_the_shipped_term_weights_are_the_ones_the_spec_names() -> None:
    loaded = TermWeights.load()
    FeatureSpec.load().require_term_weights(loaded.sha256, str(TERM_WEIGHTS_PATH))
    assert len(loaded.idf) > 5_000 and loaded.idf["accountant"] > loaded.idf["experience"]


def test_missing_or_malformed_term_weights_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TermWeightsError, match="not found"):
        TermWeights.load(tmp_path / "absent.json.gz")
    bad = tmp_path / "bad.json.gz"
    bad.write_bytes(b"not gzip")
    with pytest.raises(TermWeightsError, match="not a term-weights file"):
        TermWeights.load(bad)
    negative = tmp_path / "negative.json.gz"
    negative.write_bytes(gzip.compress(json.dumps({"idf": {"a": -1.0}}).encode()))
    with pytest.raises(TermWeightsError, match="positive"):
        TermWeights.load(negative)
