"""Settings every test shares: fake AWS credentials, never a real account."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from _pytest.nodes import NodeId

ROOT = Path(__file__).resolve().parent.parent
pytest_plugins = ["tests.servers"]  # the local servers the integration and security tests share

# boto3 and Powertools must never find real credentials or a real region in tests.
for _name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
    os.environ.pop(_name, None)
os.environ.update(
    AWS_ACCESS_KEY_ID="testing",
    AWS_SECRET_ACCESS_KEY="testing",
    AWS_DEFAULT_REGION="us-east-1",
    POWERTOOLS_TRACE_DISABLED="true",
    POWERTOOLS_METRICS_NAMESPACE="TalentScreeningTest",
    MLFLOW_DISABLE_TELEMETRY="true",
    HF_HUB_OFFLINE="1",
)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


# --------------------------------------------------------------------- no personal data in any log
# Every test's captured stdout, stderr and log records, and every *.log file the tests' servers and
# workers wrote under the session's temporary directory, are scanned at the end of the session for the
# fixture candidates' names, emails and phone numbers (tests/log_scan.py); one hit fails the session.
# Under pytest-xdist the controller scans: it receives every worker's reports, and the workers' temporary
# directories lie under its own.
_captured: dict[tuple[str, str], str] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    for title, content in report.sections:
        _captured[(report.nodeid, title)] = content


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if hasattr(session.config, "workerinput"):  # an xdist worker: the controller scans everything once
        return
    from tests.log_scan import find_personal_data, personal_markers

    factory = getattr(session.config, "_tmp_path_factory", None)
    files = sorted(factory.getbasetemp().rglob("*.log")) if factory is not None else []
    markers = personal_markers()
    hits = [
        f"{node} [{title}]: {hit}"
        for (node, title), text in _captured.items()
        for hit in find_personal_data(text, markers)
    ]
    for path in files:
        hits += [f"{path}: {hit}" for hit in find_personal_data(path.read_text(errors="replace"), markers)]
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    summary = f"personal-data log scan: {len(_captured)} captured outputs, {len(files)} log files, {len(hits)} hits"
    if reporter is not None:
        reporter.write_line(summary)
        for hit in hits[:50]:
            reporter.write_line(f"  {hit}")
    if hits:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Give every item its own node id. Schemathesis names each operation's item `test[GET /path]`, but under
    pytest 9 they all share the test function's node id, and pytest-xdist schedules by node id: with
    `--dist loadfile` it would run one operation of nine."""
    for item in items:
        parent, _, last = item.nodeid.rpartition("::")
        if parent and last != item.name:
            item._id = NodeId.parse(f"{parent}::{item.name}")  # pytest has no public setter
