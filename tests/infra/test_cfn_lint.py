"""template.yaml passes cfn-lint (run in-process, for us-east-1, with its bundled specs)."""

from __future__ import annotations

from cfnlint.api import ManualArgs, lint_file
from cfnlint.match import Match

from tests.infra.sam import TEMPLATE_PATH


def _findings(severity: str) -> list[str]:
    matches: list[Match] = lint_file(TEMPLATE_PATH, config=ManualArgs(regions=["us-east-1"]))
    return [str(match) for match in matches if match.rule.severity == severity]


def test_template_has_no_cfn_lint_errors() -> None:
    # Given template.yaml
    # When cfn-lint checks it
    errors = _findings("error")
    # Then it reports no error
    assert errors == []


def test_template_has_no_cfn_lint_warnings() -> None:
    # Given template.yaml (sam validate --lint fails on warnings too)
    # When cfn-lint checks it
    warnings = _findings("warning")
    # Then it reports no warning
    assert warnings == []
