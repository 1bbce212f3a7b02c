"""Where the public data sets live (../shared/data beside the checkout, or TALENT_DATA_DIR) and where the built
models are (models/ of the checkout, or TALENT_MODELS_DIR)."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
MODELS_DIR = Path(os.environ.get("TALENT_MODELS_DIR") or REPO_ROOT / "models")
"""Built model artifacts: `models/` of the checkout, or TALENT_MODELS_DIR (a function image sets it)."""


class DataUnavailable(FileNotFoundError):
    """The evaluation/training data is not where it should be; the message says where it looked."""


def shared_data_dir() -> Path:
    configured = os.environ.get("TALENT_DATA_DIR")
    path = Path(configured) if configured else REPO_ROOT.parent / "shared" / "data"
    if not path.is_dir():
        raise DataUnavailable(f"data directory {path} not found: set TALENT_DATA_DIR or clone beside ../shared")
    return path
