"""Side-by-side scoring of an open-source parser: its rows scored by our rules; a missing venv said clearly.

The open-source parser itself runs in `make eval` (`talent eval parser --side-by-side .venv-oss/bin/python`),
where its own venv exists; these tests check the scoring around it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from talent_tools.evaluation.parser import load_dataturks
from talent_tools.evaluation.side_by_side import (
    SideBySideError,
    dataturks_scores,
    robustness_rows,
    run_open_source,
)


def row(key: str, *, ok: bool = True, skills: int = 0, experience: int = 0, pages: int | None = 1,
        seconds: float = 0.5, error: str | None = None, **fields: Any) -> dict[str, Any]:  # fmt: skip
    return {
        "id": key,
        "ok": ok,
        "error": error,
        "seconds": seconds,
        "pages": pages,
        "fields": {"skills": [f"s{i}" for i in range(skills)], "experience_entries": experience, **fields}
        if ok
        else None,
    }


def test_robustness_counts_parsed_experience_skills_and_errors_per_group() -> None:
    # Given three files of one group: one rich, one bare, one that failed
    files = [Path("a.pdf"), Path("b.pdf"), Path("c.pdf")]
    rows = {
        "a.pdf": row("a.pdf", skills=7, experience=3, pages=2, seconds=1.0),
        "b.pdf": row("b.pdf", skills=2, pages=None, seconds=0.2),
        "c.pdf": row("c.pdf", ok=False, error="KeyError: 'x'"),
    }
    # When scored
    (result,) = robustness_rows(rows, {"PDFs": files})
    # Then the shares are over all files, ms/page only over files with pages, failures are crashes by type
    assert result["parsed"] == pytest.approx(2 / 3)
    assert result["with_experience"] == pytest.approx(1 / 3)
    assert result["with_5_skills"] == pytest.approx(1 / 3)
    assert result["median_ms_per_page"] == pytest.approx(500.0)
    assert result["crashes"] == 1 and result["errors"] == {"KeyError": 1}


@pytest.mark.data
def test_dataturks_rows_are_scored_like_ours_on_the_same_split() -> None:
    # Given rows that echo every gold value of the DataTurks resumes
    resumes = load_dataturks()
    fields = {"emails": "Email Address", "skills": "Skills", "companies": "Companies worked at",
              "designations": "Designation", "degrees": "Degree", "colleges": "College Name"}  # fmt: skip
    rows = {}
    for i, r in enumerate(resumes):
        echoed = {"name": r.labels.get("Name", [None])[0]} | {f: r.labels.get(label, []) for f, label in fields.items()}
        rows[str(i)] = row(str(i)) | {"fields": echoed}
    # When scored on the test split / Then a perfect parser scores 1.0 everywhere, over the split's resumes
    scores = dataturks_scores(rows, "test")
    assert scores["resumes"] == sum(r.split == "test" for r in resumes)
    assert scores["fields"]["name"]["accuracy"] == 1.0
    assert all(scores["fields"][f]["f1"] == 1.0 for f in ("skills", "companies", "degrees", "colleges"))


def test_a_missing_venv_is_refused_with_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(SideBySideError, match=r"requirements\.txt"):
        run_open_source(tmp_path / "no-venv" / "python", {"0": "text"}, [])
