"""The benchmark stores the texts the job-family classifier reads: packed as UTF-8, read back exactly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from talent_tools.ranking.benchmark import pack_texts, stored_texts


def test_texts_round_trip_through_the_npz_exactly(tmp_path: Path) -> None:
    texts = ["Chef de partie\nsauces, pastry", "", "Ingénieure · 数据 · naïve", "x" * 40_000]
    np.savez_compressed(tmp_path / "b.npz", allow_pickle=False, **pack_texts("resume", texts))
    stored = np.load(tmp_path / "b.npz")
    assert stored_texts(stored, "resume") == texts
    assert stored["resume_text_bytes"].nbytes < 41_000  # bytes, not a string array as wide as the longest text


def test_a_benchmark_built_before_the_texts_is_refused_with_the_rebuild_command(tmp_path: Path) -> None:
    np.savez(tmp_path / "old.npz", resume_inputs=np.zeros((1, 2), dtype=np.float32))
    with pytest.raises(ValueError, match="benchmark embed"):
        stored_texts(np.load(tmp_path / "old.npz"), "resume", tmp_path / "old.npz")
