"""Table caching keys and the posting families read from training resumes."""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from talent_tools.evaluation.ranking.cache import cached_arrays, inputs_key
from talent_tools.evaluation.ranking.corpus import LabelledResume, family_of, posting_families
from talent_tools.ranking.benchmark import Resume


def test_a_table_is_built_once_and_read_back_for_the_same_inputs(tmp_path: Path) -> None:
    calls: list[int] = []

    def make() -> dict[str, Any]:
        calls.append(1)
        return {"x": np.arange(3)}

    first = cached_arrays(tmp_path, "fit", "spec-a", {"n": 1}, make)
    again = cached_arrays(tmp_path, "fit", "spec-a", {"n": 1}, make)
    assert len(calls) == 1 and again["x"].tolist() == first["x"].tolist() == [0, 1, 2]
    cached_arrays(tmp_path, "fit", "spec-b", {"n": 1}, make)
    assert len(calls) == 2  # another feature spec is another table


def _build_slowly(build_dir: str, marks: str) -> list[int]:
    def make() -> dict[str, Any]:
        with Path(marks).open("a") as out:
            out.write("built\n")
        time.sleep(0.5)  # the other process asks for the table while this one builds it
        return {"x": np.arange(4)}

    return [int(v) for v in cached_arrays(Path(build_dir), "fit", "spec-a", {"n": 1}, make)["x"]]


def test_processes_that_need_one_table_at_once_build_it_once_and_all_read_it(tmp_path: Path) -> None:
    marks = tmp_path / "builds.txt"
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = list(pool.map(_build_slowly, [str(tmp_path)] * 2, [str(marks)] * 2))
    assert results == [[0, 1, 2, 3]] * 2
    assert marks.read_text().splitlines() == ["built"]


def test_the_key_follows_sizes_and_the_classifier_a_table_was_completed_with(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "manifest.json").write_text('{"v": 1}')
    (tmp_path / "b" / "manifest.json").write_text('{"v": 2}')
    assert inputs_key("fit", "s", {"n": 1}) != inputs_key("fit", "s", {"n": 2})
    assert inputs_key("fit", "s", {"n": 1}, classifier=tmp_path / "a") != inputs_key(
        "fit", "s", {"n": 1}, classifier=tmp_path / "b"
    )


def _labelled(resume_id: str, family: str, split: str, code: str | None) -> LabelledResume:
    return LabelledResume(Resume(resume_id, family, "text", split), code, "exact" if code else "", "")


def test_a_posting_takes_the_family_most_training_resumes_of_its_occupation_hold() -> None:
    resumes = [
        _labelled("1", "HEALTHCARE", "train", "29-1141.00"),
        _labelled("2", "HEALTHCARE", "val", "29-1141.00"),
        _labelled("3", "FITNESS", "train", "29-1141.00"),
        _labelled("4", "FITNESS", "test", "29-1141.00"),  # held out: never votes
        _labelled("5", "FITNESS", "test", "29-1141.00"),
        _labelled("6", "ACCOUNTANT", "train", "13-2011.00"),
    ]
    families = posting_families(resumes)
    assert family_of("29-1141.00", families) == "HEALTHCARE"
    assert family_of("29-1141.03", families) == "HEALTHCARE"  # same broad group
    assert family_of("13-2051.00", families) == "ACCOUNTANT"  # same minor group
    assert family_of("47-2061.00", families) is None
