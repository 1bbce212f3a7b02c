from __future__ import annotations

import math

import numpy as np

from talent_tools.ranking.baselines import bm25, tfidf_cosine, tokens


def test_tokens_keep_language_names() -> None:
    assert tokens("C++, C# and Node.js.") == ["c++", "c#", "and", "node.js"]


def test_tfidf_ranks_the_document_sharing_rare_terms_first() -> None:
    docs = ["python developer with django", "accountant with excel", "nurse with patient care"]
    scores = tfidf_cosine("senior python django developer", docs)
    assert int(np.argmax(scores)) == 0
    assert scores[2] == 0.0 or scores[2] < scores[0] / 5


def test_tfidf_of_an_identical_document_is_one() -> None:
    scores = tfidf_cosine("excel audit ledger", ["excel audit ledger", "cooking"])
    assert math.isclose(scores[0], 1.0, rel_tol=1e-9)


def test_bm25_prefers_the_shorter_document_at_equal_term_counts() -> None:
    short, long_ = "audit ledger", "audit ledger " + " ".join(f"filler{i}" for i in range(50))
    scores = bm25("audit", [short, long_, "cooking"])
    assert scores[0] > scores[1] > scores[2] == 0.0
