"""`talent dev --log-level`: the stack's own log keeps the fields passed as `extra`."""

from __future__ import annotations

import io
import logging

from typer.testing import CliRunner

from talent_tools.cli.main import app
from talent_tools.local.logs import configure


def test_a_runner_warning_keeps_its_details() -> None:
    stream = io.StringIO()
    handler = configure("INFO", stream)
    try:
        logging.getLogger("talent_tools.local.esm_runner").warning(
            "commit failed", extra={"mapping": "SyncJobsMsk", "error": "broker gone"}
        )
        logging.getLogger("talent_tools.local.esm_runner").debug("not at INFO")
    finally:
        logging.getLogger("talent_tools").removeHandler(handler)
    line = stream.getvalue()
    assert "WARNING talent_tools.local.esm_runner: commit failed" in line
    assert "error='broker gone'" in line and "mapping='SyncJobsMsk'" in line
    assert "not at INFO" not in line


def test_an_unknown_level_is_refused_before_anything_starts() -> None:
    result = CliRunner().invoke(app, ["dev", "--log-level", "LOUD"])
    assert result.exit_code == 2 and "--log-level must be one of" in result.output
