"""`talent invoke`: the Docker-free twin of `sam local invoke`, with a temporary moto server."""

from __future__ import annotations

import json
import subprocess
import sys


def talent(repo_root, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "talent_tools.cli", *args], cwd=repo_root, capture_output=True, text=True, timeout=120
    )


def test_invoke_runs_the_handler_with_the_template_environment(repo_root):
    result = talent(repo_root, "invoke", "sync_jobs", "-e", "events/sync_jobs.msk.json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout[result.stdout.rindex("{\n") :]) == {"batchItemFailures": []}
    assert '"outcome":"stored"' in result.stdout


def test_invoke_of_unknown_function_names_the_known_ones(repo_root):
    result = talent(repo_root, "invoke", "nope", "-e", "events/sync_jobs.msk.json")
    assert result.returncode == 2
    assert "no function 'nope'" in result.stderr and "sync_jobs" in result.stderr
