"""Progress on long commands: a line every N items in logs, nothing with TALENT_QUIET, all items yielded."""

from __future__ import annotations

import pytest

from talent_tools.progress import tracked


def test_in_a_log_a_line_every_n_items(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TALENT_QUIET", raising=False)
    assert list(tracked(range(5), "resumes parsed", every=2)) == [0, 1, 2, 3, 4]
    lines = capsys.readouterr().err.splitlines()
    assert [line.split(" (")[0] for line in lines] == ["  resumes parsed: 2/5", "  resumes parsed: 4/5"]


def test_quiet_prints_nothing(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TALENT_QUIET", "1")
    assert list(tracked(iter(range(4)), "x", every=1)) == [0, 1, 2, 3]
    assert capsys.readouterr().err == ""
