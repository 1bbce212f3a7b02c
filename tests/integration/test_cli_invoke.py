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


def test_invoke_takes_the_logical_id_and_the_event_on_stdin_as_sam_does(repo_root):
    event = (repo_root / "events" / "sync_jobs.msk.json").read_text()
    result = subprocess.run(
        [sys.executable, "-m", "talent_tools.cli", "invoke", "SyncJobsFunction", "-e", "-"],
        cwd=repo_root,
        input=event,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout[result.stdout.rindex("{\n") :]) == {"batchItemFailures": []}


def test_env_vars_override_only_the_declared_variables_the_function_has(repo_root, tmp_path):
    # SAM's file shape: the function's own entry wins over Parameters; undeclared variables are ignored
    env_vars = tmp_path / "env.json"
    env_vars.write_text(
        json.dumps(
            {
                "Parameters": {"POWERTOOLS_SERVICE_NAME": "from-parameters", "NOT_DECLARED": "x"},
                "SyncJobsFunction": {"POWERTOOLS_SERVICE_NAME": "talent-override"},
            }
        )
    )
    result = talent(repo_root, "invoke", "sync_jobs", "-e", "events/sync_jobs.msk.json", "--env-vars", str(env_vars))
    assert result.returncode == 0, result.stderr
    assert '"service":"talent-override"' in result.stdout and "from-parameters" not in result.stdout


def test_parameter_overrides_are_checked_against_the_template(repo_root):
    sample = ("invoke", "sync_jobs", "-e", "events/sync_jobs.msk.json", "--parameter-overrides")
    ok = talent(repo_root, *sample, "Stage=prod")
    assert ok.returncode == 0, ok.stderr
    bad = talent(repo_root, *sample, "ParameterKey=Stage,ParameterValue=qa")  # SAM's own form
    assert bad.returncode == 2 and "Stage='qa' not in" in bad.stderr
