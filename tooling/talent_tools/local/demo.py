"""The main job on the embedded stack: sample ATS events in, what was stored and parked out."""

from __future__ import annotations

import base64
import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.table import Table

from talent.adapters.dynamodb_store import DynamoStore
from talent.contracts.topics import Topic
from talent.ranking.explain import describe
from talent_tools.local.publish import keyed, publish

if TYPE_CHECKING:
    from talent_tools.local.dev_session import DevSession

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
# More applicants from the bundled sample resumes (events/documents, fictional people): (file, job).
APPLICANTS = [
    ("casey-backend-developer.txt", "job-data-eng-1"),
    ("riley-data-analyst.txt", "job-data-eng-1"),
    ("drew-line-cook.txt", "job-data-eng-1"),
    ("sam-staff-accountant.txt", "job-accountant-1"),
    ("drew-line-cook.txt", "job-accountant-1"),
]
# Their voluntary self-identification (made up, like the people), so the demo's fairness report has groups to
# show; it is stored apart and never reaches the ranker. The committed samples say "undisclosed".
SELF_IDENTIFICATION = {
    "casey-backend-developer.txt": {"sex": "female", "race_ethnicity": "hispanic_or_latino"},
    "riley-data-analyst.txt": {"sex": "male", "race_ethnicity": "white"},
    "drew-line-cook.txt": {"sex": "female", "race_ethnicity": "black_or_african_american"},
    "sam-staff-accountant.txt": {"sex": "male", "race_ethnicity": "asian"},
}
TOP_CONTRIBUTIONS = 3
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
            by_topic[Topic.APPLICATIONS].extend(keyed(applicant_events(session.root), Topic.APPLICATIONS))
        for topic, records in by_topic.items():
            produced[topic] += publish(session.stack.bootstrap, topic, records)
        _wait(session, produced)
        session.console.print(f"[cyan]✓[/] {title}")
    _print_summary(session)


def applicant_events(root: Path) -> list[dict[str, Any]]:
    """application.submitted.v1 events for the bundled sample resumes, shaped like the committed sample."""
    template = json.loads((root / "events" / "ats" / "application.submitted.1.json").read_text(encoding="utf-8"))
    candidates: dict[str, str] = {}
    events = []
    for number, (file, job_id) in enumerate(APPLICANTS, 2001):
        candidate = candidates.setdefault(file, f"cand-{601 + len(candidates)}")
        content = (root / "events" / "documents" / file).read_bytes()
        data = {
            **template["data"],
            "application_id": f"app-{number}",
            "candidate_id": candidate,
            "job_id": job_id,
            "self_identification": SELF_IDENTIFICATION[file],
            "resume": {
                "content_type": "text/plain",
                "filename": file,
                "location": {"kind": "inline", "content_base64": base64.b64encode(content).decode()},
            },
        }
        events.append({**template, "id": f"evt-app-app-{number}", "subject": f"app-{number}", "data": data})
    return events


def _topic_of(doc: dict[str, Any]) -> str:
    from talent.contracts.registry import TOPIC_OF_TYPE

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
    for job in jobs:
        if job.status.value == "open":
            session.console.print(_shortlist_table(store, job.job_id, job.title))

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


def _shortlist_table(store: DynamoStore, job_id: str, title: str) -> Table:
    rankings, _ = store.shortlist("acme", job_id, 20, None)
    table = Table(title=f"shortlist: {title} ({job_id}), best first")
    for column in ("rank", "application", "score", "top contributions", "missing skills", "model"):
        table.add_column(column)
    for rank, ranking in enumerate(rankings, 1):
        result = ranking.result
        if result is None:
            continue
        table.add_row(
            str(rank),
            ranking.application_id,
            f"{result.score:+.2f}",
            describe(result.contributions, TOP_CONTRIBUTIONS),
            ", ".join(result.missing_skills[:5]) or "-",
            result.model_version[:8],
        )
    return table


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
