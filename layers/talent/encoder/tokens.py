"""The encoder's tokenizer, from `tokenizer.json` with the `tokenizers` library alone (no transformers)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
from tokenizers import Tokenizer

IntArray = npt.NDArray[np.int64]


def load_tokenizer(path: Path, max_length: int) -> Tokenizer:
    """Truncate at `max_length`; no padding (batches are padded per length bucket, see `chunking.pad`).

    The shipped tokenizer.json has truncation and padding at 128 built in; both are set here explicitly so
    serving never depends on what the export happened to write.
    """
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.enable_truncation(max_length=max_length)
    tokenizer.no_padding()
    return tokenizer


def load_plain_tokenizer(path: Path) -> Tokenizer:
    """No truncation, no padding, for windowing long texts."""
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def special_id(tokenizer: Tokenizer, token: str) -> int:
    token_id = tokenizer.token_to_id(token)
    if token_id is None:
        raise ValueError(f"tokenizer has no {token} token")
    return token_id
