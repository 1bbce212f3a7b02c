"""Tables of the fit suite cached under models/ranker/build/, keyed by what their values depend on.

The key hashes the feature spec (its sha256 covers the term weights it names), the manifests of the models
features read (encoder, skill taxonomy; the job-family classifier's for tables completed with it), the sample
sizes and seed, and
`TABLE_VERSION` (raise it when the code that builds a table changes what it holds). A ranker is not in the
key: the tables hold features and baselines, and any ranker on the same spec reads them.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import sys
from collections.abc import Callable
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from talent.data_paths import MODELS_DIR

TABLE_VERSION = 1
_MODEL_FILES = ("encoder/manifest.json", "skills/taxonomy.json.gz.sha256")


def inputs_key(
    kind: str, spec_sha256: str, sizes: Any, models: Path = MODELS_DIR, *, classifier: Path | None = None
) -> str:
    parts: dict[str, Any] = {
        "kind": kind,
        "version": TABLE_VERSION,
        "spec": spec_sha256,
        "sizes": asdict(sizes) if is_dataclass(sizes) and not isinstance(sizes, type) else sizes,
    }
    files = {name: models / name for name in _MODEL_FILES}
    if classifier is not None:
        files["job_family/manifest.json"] = classifier / "manifest.json"
    for name, path in files.items():
        parts[name] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "absent"
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]


def cached_arrays(
    build_dir: Path,
    kind: str,
    spec_sha256: str,
    sizes: Any,
    make: Callable[[], dict[str, npt.NDArray[Any]]],
    *,
    classifier: Path | None = None,
) -> dict[str, npt.NDArray[Any]]:
    """`classifier`: the folder of the job-family classifier the values depend on (its manifest joins the key).

    Processes that need the same table at once (the test suite's workers, `make eval` beside a test run) build it
    once: the first holds the table's lock while it builds, the others wait for it and read what it wrote."""
    path = build_dir / f"{kind}_{inputs_key(kind, spec_sha256, sizes, classifier=classifier)}.npz"
    build_dir.mkdir(parents=True, exist_ok=True)
    with path.with_suffix(".lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.is_file():
            with np.load(path) as data:
                return {name: data[name] for name in data.files}
        arrays = make()
        partial = path.with_suffix(".partial.npz")
        contents: dict[str, Any] = arrays
        np.savez_compressed(partial, **contents)
        partial.replace(path)  # a run killed mid-write leaves no table that looks complete
    sys.stderr.write(f"cached {path}\n")
    return arrays
