"""Training-side tests: run with the training venv (`.venv-train/bin/pytest tests/training`).

Each module starts with `pytest.importorskip("torch")`, so under the serving venv they are reported as
skipped with that reason rather than failing on the missing torch.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = "`make models` builds it (training venv)"


def require(path: Path) -> Path:
    if not path.is_file():
        pytest.fail(f"{path} is missing: {BUILD}", pytrace=False)
    return path.parent
