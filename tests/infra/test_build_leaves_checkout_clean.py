"""Building the models leaves a clone clean: what a build writes (models, manifests with this build's checksums,
timings and parity) is ignored by git, never a tracked file rewritten. `make test` builds the models before
pytest runs, so in CI this reads the checkout the build just wrote into."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.infra.sam import REPO_ROOT


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=REPO_ROOT, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def checkout() -> None:
    if shutil.which("git") is None or not (REPO_ROOT / ".git").exists():
        pytest.skip("not a git checkout")


def test_nothing_the_model_build_writes_is_tracked_or_left_unignored(checkout: None) -> None:
    status = git("status", "--porcelain", "--untracked-files=all", "--", "models")
    # What a build does shows in the work tree column (staged changes are someone's commit in the making);
    # model cards (README.md) are written by people, every other change under models/ would be the build's
    changed = [line for line in status.splitlines() if line[1] != " " and not line.endswith("README.md")]
    assert changed == [], "the model build left files git sees: ignore them (build outputs) or stop writing them"


def test_the_build_outputs_are_ignored(checkout: None) -> None:
    outputs = [
        "models/encoder/manifest.json",
        "models/encoder/model.onnx",
        "models/skill_tagger/manifest.json",
        "models/ranker/manifest.json",
        "models/job_family/manifest.json",
        "models/ranker/build/benchmark.npz",
    ]
    ignored = git("check-ignore", "--no-index", *outputs).split()
    assert ignored == outputs
    assert git("ls-files", *outputs) == ""
