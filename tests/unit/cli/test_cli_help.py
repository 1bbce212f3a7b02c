"""Every command is a real Typer command: `--help` lists every option the code behind it takes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from talent import __version__
from talent_tools.cli.main import app

ROOT = Path(__file__).resolve().parents[3]
runner = CliRunner()


def argparse_flags(path: Path) -> set[str]:
    return set(re.findall(r'add_argument\(\s*"(--[a-z-]+)"', path.read_text()))


def help_text(*command: str) -> str:
    result = runner.invoke(app, [*command, "--help"], terminal_width=200, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return re.sub(r"\s+", " ", result.output)


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.strip() == f"talent {__version__}"


@pytest.mark.parametrize(
    ("command", "source"),
    [
        (("train",), "training/talent_training/pipeline/run.py"),
        (("eval", "jobs"), "tooling/talent_tools/evaluation/jobs.py"),
        (("eval", "parser"), "tooling/talent_tools/evaluation/parser.py"),
        (("eval", "skills"), "tooling/talent_tools/skills/evaluate.py"),
        (("eval", "ranker"), "tooling/talent_tools/ranking/evaluate.py"),
        (("eval", "classifier"), "tooling/talent_tools/ranking/family_classifier_evaluation.py"),
    ],
)
def test_help_shows_every_option_of_the_code_behind_the_command(command: tuple[str, ...], source: str) -> None:
    flags = argparse_flags(ROOT / source)
    shown = help_text(*command)
    assert flags and {flag for flag in flags if flag not in shown} == set()


def test_quiet_turns_progress_off_for_the_command_and_what_it_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setenv("TALENT_QUIET", "0")  # recorded, so the test leaves the variable as it found it
    result = runner.invoke(app, ["--quiet", "schema", "--help"])
    assert result.exit_code == 0, result.output
    assert os.environ.get("TALENT_QUIET") == "1"  # talent_tools.progress reads it; monkeypatch restores it
