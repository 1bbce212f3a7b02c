"""Build the function image's file tree without Docker, by the Dockerfile's own steps.

The builder stage's COPY lines copy from the repository into a build folder (its WORKDIR), its RUN lines run
in bash there with `${LAMBDA_TASK_ROOT}` set to the tree (so `pip install --target` fills it); the final
stage's COPY lines (not `--from`) copy the served models and the handler, `${FUNCTION}` substituted; its ENV
lines are returned for the handler's environment. Nothing here lists a file the Dockerfile does not.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from tests.infra.dockerfile import Instruction, instructions

_VARIABLE = re.compile(r"\$\{(\w+)\}|\$(\w+)")


@dataclass
class ImageTree:
    task_root: Path
    env: dict[str, str] = field(default_factory=dict)
    final_copies: list[Instruction] = field(default_factory=list)

    def install_handler(self, function: str, repo: Path) -> None:
        """The final stage's COPY lines with FUNCTION set: the served models and functions/<function>/app.py."""
        for copy in self.final_copies:
            _copy(copy.arguments, repo, self.task_root, {"LAMBDA_TASK_ROOT": str(self.task_root), "FUNCTION": function})


def _expand(text: str, variables: dict[str, str]) -> str:
    return _VARIABLE.sub(lambda m: variables[m.group(1) or m.group(2)], text)


def _copy(arguments: str, source_root: Path, workdir: Path, variables: dict[str, str]) -> None:
    *sources, dest = shlex.split(_expand(arguments, variables))
    target = Path(dest) if Path(dest).is_absolute() else workdir / dest
    for source in sources:
        origin = source_root / source
        if origin.is_dir():
            shutil.copytree(
                origin, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
            )
        else:
            folder = target if dest.endswith("/") else target.parent
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, folder / origin.name if dest.endswith("/") else target)


def build_tree(dockerfile: Path, repo: Path, build: Path, task_root: Path) -> ImageTree:
    parsed = instructions(dockerfile)
    starts = [i for i, ins in enumerate(parsed) if ins.keyword == "FROM"]
    builder, final = parsed[starts[0] : starts[1]], parsed[starts[-1] :]
    variables = {"LAMBDA_TASK_ROOT": str(task_root)}
    workdir = build
    # The interpreter running the tests plays the image's: its bin folder first, so `pip` and `python` are it.
    env = {
        **os.environ,
        "LAMBDA_TASK_ROOT": str(task_root),
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }
    env.pop("PYTHONPATH", None)
    for ins in builder:
        if ins.keyword == "WORKDIR":
            workdir = build
        elif ins.keyword == "COPY":
            _copy(ins.arguments, repo, workdir, variables)
        elif ins.keyword == "RUN":
            subprocess.run(
                ["bash", "-euo", "pipefail", "-c", ins.arguments], cwd=workdir, env=env, check=True, timeout=900
            )
    tree = ImageTree(task_root)
    for ins in final:
        if ins.keyword == "ENV":
            name, _, value = ins.arguments.partition("=")
            tree.env[name] = _expand(value, variables)
        elif ins.keyword == "COPY" and not ins.arguments.startswith("--from"):
            tree.final_copies.append(ins)
    return tree


def tree_size(task_root: Path) -> tuple[int, int, int]:
    """(bytes in the tree, modules of the talent package, their lines)."""
    total = sum(p.stat().st_size for p in task_root.rglob("*") if p.is_file())
    modules = list((task_root / "talent").rglob("*.py"))
    return total, len(modules), sum(len(p.read_text().splitlines()) for p in modules)
