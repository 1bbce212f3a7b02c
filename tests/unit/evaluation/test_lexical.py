"""The matrix TF-IDF and BM25 give what the one-query baselines give, query by query."""

from __future__ import annotations

import numpy as np

from talent_tools.evaluation.ranking.lexical import bm25_matrix, tfidf_matrix
from talent_tools.ranking.baselines import bm25, tfidf_cosine

DOCS = [
    "Registered nurse, ICU, patient care and charting in Epic.",
    "Staff accountant: general ledger, reconciliations, QuickBooks and Excel.",
    "Line cook and sous chef; menu planning, food safety.",
    "Nurse practitioner with patient care, Epic and telehealth.",
]
QUERY = "Registered nurse for patient care; Epic charting required."


def test_tfidf_matrix_of_one_row_is_the_baseline_cosine() -> None:
    np.testing.assert_allclose(tfidf_matrix([QUERY], DOCS)[0], tfidf_cosine(QUERY, DOCS), rtol=1e-9)


def test_bm25_matrix_rows_are_the_baseline_scores() -> None:
    queries = [QUERY, "Accountant with Excel", "no shared words at all"]
    matrix = bm25_matrix(queries, DOCS)
    for row, query in enumerate(queries):
        np.testing.assert_allclose(matrix[row], bm25(query, DOCS), rtol=1e-9)


def test_the_matching_document_scores_highest() -> None:
    assert int(np.argmax(tfidf_matrix([QUERY], DOCS)[0])) == 0
    assert int(np.argmax(bm25_matrix([QUERY], DOCS)[0])) == 0
