"""The main job on the embedded stack: sample ATS events in, what was stored and parked out."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.table import Table

from talent.adapters.dynamodb_store import DynamoStore
from talent.contracts.topics import Topic
from talent.local.publish import keyed, publish

if TYPE_CHECKING:
    from talent.local.dev_session import DevSession

# Phases follow the order an ATS would produce them in; each waits until its records are committed.
PHASES: list[tuple[str, list[str]]] = [
    ("jobs posted, updated and closed", ["job.posted", "job.posted.accountant", "job.updated", "job.closed"]),
    (
        "applications (one delivered twice, plus a poison record)",
        ["application.submitted.1", "application.submitted.2"],
    ),
    ("assessment results and an HR decision", ["assessment.completed", "application.stage_changed"]),
    ("an erasure request", ["candidate.erasure_requested"]),
]
DUPLICATED = "application.submitted.1"
POISON = b'{"type": "application.submitted.v1", "tenant": "acme", "id": "broken"'


def run_demo(session: DevSession) -> None:
    samples = session.root / "events" / "ats"
    produced: Counter[str] = Counter()
    for title, names in PHASES:
        by_topic: dict[str, list[tuple[str | None, bytes]]] = {}
        for name in names:
            doc = json.loads((samples / f"{name}.json").read_text(encoding="utf-8"))
            (pair,) = keyed([doc], _topic_of(doc))
            copies = 2 if name == DUPLICATED else 1
            by_topic.setdefault(_topic_of(doc), []).extend([pair] * copies)
        if "application" in title:
            by_topic[Topic.APPLICATIONS].append((None, POISON))
        for topic, records in by_topic.items():
            produced[topic] += publish(session.stack.bootstrap, topic, records)
        _wait(session, produced)
        session.console.print(f"[cyan]✓[/] {title}")
    _print_summary(session)


def _topic_of(doc: dict[str, Any]) -> str:
    from talent.contracts.topics import TOPIC_OF_TYPE

    return str(TOPIC_OF_TYPE[doc["type"]])


def _wait(session: DevSession, produced: Counter[str]) -> None:
    for runner in session.runners.values():
        expected = sum(produced[t] for t in runner.mapping.topics)
        if expected:
            runner.wait_until_committed(expected, timeout_s=60)


def _print_summary(session: DevSession) -> None:
    stack = session.stack
    store = DynamoStore(
        stack.names.refs["TalentTable"], resource=stack.session.resource("dynamodb", endpoint_url=stack.aws_endpoint)
    )
    jobs, _ = store.list_jobs("acme", 100, None)
    table = Table(title="jobs (tenant acme)")
    for column in ("job", "version", "status", "title", "applicants"):
        table.add_column(column)
    for job in jobs:
        applicants = store.applications_for_job("acme", job.job_id)
        table.add_row(job.job_id, str(job.version), job.status.value, job.title, str(len(applicants)))
    session.console.print(table)

    apps = Table(title="applications (blind view)")
    for column in ("application", "job", "status", "stage", "document", "assessments", "audit entries"):
        apps.add_column(column)
    for job in jobs:
        for app in store.applications_for_job("acme", job.job_id):
            document = f"{app.document.size_bytes} B, sha256 {app.document.sha256[:8]}…" if app.document else "-"
            scores = ", ".join(f"{k} {v:.2f}" for k, v in sorted(app.assessment_scores.items())) or "-"
            apps.add_row(
                app.application_id,
                app.job_id,
                app.status.value,
                app.stage.value,
                document,
                scores,
                str(len(store.trail("acme", app.application_id))),
            )
    session.console.print(apps)
    session.console.print("candidate cand-502 was erased: only a tombstone is left (no applications, no document)")

    parked = _failure_queue(session)
    failures = Table(title=f"failure queue ({len(parked)} message(s))")
    for column in ("function", "condition", "reason"):
        failures.add_column(column)
    for message in parked:
        failures.add_row(
            str(message.get("function", "-")),
            str(message.get("condition", "-")),
            str(message.get("reason") or message.get("error", "-"))[:100],
        )
    session.console.print(failures)
    session.console.print(f"function logs: {Path(session.state_dir, 'logs')}")


def _failure_queue(session: DevSession) -> list[dict[str, Any]]:
    sqs: Any = session.stack.client("sqs")
    url = session.stack.names.refs["FailureQueue"]
    out: list[dict[str, Any]] = []
    # Peek: a zero visibility timeout leaves the messages in the queue for the user to inspect.
    for _ in range(3):
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0, WaitTimeSeconds=1)
        for message in got.get("Messages", []):
            body = json.loads(message["Body"])
            if all(body != seen for seen in out):
                out.append(body)
        if out:
            break
    return out
