"""`talent eval ... --json`: the results made plain JSON, or a clear error for what has no JSON form."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pydantic import BaseModel

from talent_tools.evaluation.json_report import jsonable, write


@dataclass
class _Row:
    name: str
    values: dict[str, Any]


class _Model(BaseModel):
    top1: float


def test_results_of_every_kind_become_plain_json(capsys: pytest.CaptureFixture[str]) -> None:
    report = {
        "rows": [_Row("fit", {"ranker": np.float32(0.5), "tfidf": float("nan")})],
        "confusion": np.array([[1, 0], [2, 3]], dtype=np.int64),
        "model": _Model(top1=0.8),
        "plot": Path("build/a.png"),
        "families": ("A", "B"),
    }
    write(report)
    assert json.loads(capsys.readouterr().out) == {
        "rows": [{"name": "fit", "values": {"ranker": 0.5, "tfidf": None}}],
        "confusion": [[1, 0], [2, 3]],
        "model": {"top1": 0.8},
        "plot": "build/a.png",
        "families": ["A", "B"],
    }


def test_what_has_no_json_form_is_named() -> None:
    with pytest.raises(TypeError, match="no JSON form for object"):
        jsonable({"x": object()})
