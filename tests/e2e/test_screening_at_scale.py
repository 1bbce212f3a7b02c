"""The screening pipeline under load on the whole local stack: 200 applications over 5 jobs from 2 tenants,
with duplicates, poison records and a hostile document; every valid application ranked exactly once,
shortlists and the fairness report over HTTP, erasure leaving no trace, nothing crossing tenants."""

from __future__ import annotations

import base64
import copy
import json
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from talent.adapters.s3_lake import S3Lake
from talent.contracts.topics import Topic
from talent_tools.local.auth import LocalAuthority
from talent_tools.local.backfill_check import scan_table
from talent_tools.local.dev_session import DevSession
from talent_tools.local.publish import keyed, publish
from tests.factories import sample
from tests.integration.esm_support import consume_all

pytestmark = pytest.mark.timeout(600)

ROOT = Path(__file__).resolve().parents[2]
RESUMES = sorted((ROOT / "events" / "documents").glob("*.txt"))
JOBS = {
    "acme": [
        ("job-a-data", "Data Engineer", "Build streaming pipelines.\nRequirements:\n- Python, SQL, Apache Kafka."),
        ("job-a-acct", "Staff Accountant", "Month-end close.\nRequirements:\n- Accounting, Excel, QuickBooks."),
        ("job-a-cook", "Line Cook", "Prepare food on the line.\nRequirements:\n- Food safety, food preparation."),
    ],
    "globex": [
        ("job-g-back", "Backend Developer", "Build REST APIs.\nRequirements:\n- Python, PostgreSQL, Docker."),
        ("job-g-anal", "Data Analyst", "Sales dashboards.\nRequirements:\n- SQL, Excel, Tableau."),
    ],
}
COUNT = 200
DUPLICATES = 10
SEXES = ["female", "male"]
RACES = ["white", "asian", "black_or_african_american", "hispanic_or_latino"]
HOSTILE = "app-hostile"
ERASED = "cand-7"  # candidate of application 7 (tenant globex: odd numbers)


def application(i: int) -> dict[str, Any]:
    tenant = "acme" if i % 2 == 0 else "globex"
    job_id = JOBS[tenant][i % len(JOBS[tenant])][0]
    content = RESUMES[i % len(RESUMES)].read_bytes()
    doc = sample(
        "application.submitted.1",
        tenant=tenant,
        event_id=f"evt-app-{i}",
        application_id=f"app-{i}",
        candidate_id=f"cand-{i}",
        job_id=job_id,
        resume={
            "content_type": "text/plain",
            "filename": "resume.txt",
            "location": {"kind": "inline", "content_base64": base64.b64encode(content).decode()},
        },
        self_identification={"sex": SEXES[i % 2], "race_ethnicity": RACES[i % len(RACES)]},
    )
    doc["subject"] = f"app-{i}"
    return doc


def hostile() -> dict[str, Any]:
    doc = copy.deepcopy(application(0))
    doc["id"], doc["subject"] = "evt-hostile", HOSTILE
    doc["data"].update(application_id=HOSTILE, candidate_id="cand-hostile")
    # Declared and sniffed as PDF, but no PDF parser can open it: intake must reject it with a reason.
    body = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n" + b"\x00\xff" * 4000
    doc["data"]["resume"] = {
        "content_type": "application/pdf",
        "filename": "resume.pdf",
        "location": {"kind": "inline", "content_base64": base64.b64encode(body).decode()},
    }
    return doc


POISON: list[tuple[str | None, bytes]] = [
    (None, b"{not json"),
    (None, json.dumps({**sample("application.submitted.1"), "tenant": None}).encode()),
    (None, json.dumps({**sample("application.submitted.1"), "type": "application.teleported.v1"}).encode()),
]


def get(session: DevSession, path: str, tenant: str) -> tuple[int, Any]:
    token = LocalAuthority.from_dir(session.state_dir / "jwt").issue_token("hr-1", tenant, ["recruiter"])
    request = urllib.request.Request(f"{session.api_url}{path}", headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read() or b"null")


def scan(session: DevSession) -> list[dict[str, Any]]:
    return scan_table(session.stack)


def rankings(session: DevSession) -> list[dict[str, Any]]:
    return [i for i in scan(session) if i.get("kind") == "ranking"]


def post_jobs(session: DevSession) -> None:
    """Every job of JOBS through the broker, waited for until sync_jobs has stored them."""
    jobs = [
        sample("job.posted", tenant=tenant, event_id=f"evt-{job_id}", job_id=job_id, title=title, description=text)
        for tenant, specs in JOBS.items()
        for job_id, title, text in specs
    ]
    publish(session.stack.bootstrap, Topic.JOBS, keyed(jobs, Topic.JOBS))
    session.runners["sync_jobs"].wait_until_committed(len(jobs), timeout_s=120)


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevSession]:
    with DevSession(ROOT, state_dir=tmp_path_factory.mktemp("scale"), console=Console(quiet=True)) as running:
        post_jobs(running)
        docs = [application(i) for i in range(COUNT)]
        records: list[tuple[str | None, bytes]] = [*keyed(docs, Topic.APPLICATIONS)]
        records += [*keyed(docs[:DUPLICATES], Topic.APPLICATIONS), *keyed([hostile()], Topic.APPLICATIONS), *POISON]
        publish(running.stack.bootstrap, Topic.APPLICATIONS, records)
        running.runners["ingest_application"].wait_until_committed(len(records), timeout_s=400)
        yield running


def test_every_valid_application_is_ranked_exactly_once(session: DevSession) -> None:
    ranked = rankings(session)
    by_app = Counter(str(r["application_id"]) for r in ranked)
    assert len(by_app) == COUNT + 1 and set(by_app.values()) == {1}  # one item per application
    statuses = Counter(str(r["status"]) for r in ranked)
    assert statuses == {"screened": COUNT, "rejected_document": 1}
    (rejected,) = [r for r in ranked if r["status"] == "rejected_document"]
    assert rejected["application_id"] == HOSTILE and rejected["reason"]


def test_each_result_is_published_once_per_application(session: DevSession) -> None:
    events = consume_all(session.stack.bootstrap, Topic.SCREENINGS, timeout_s=60)
    distinct = {e["id"]: e for e in events}
    per_app = Counter(e["data"]["application_id"] for e in distinct.values())
    assert len(per_app) == COUNT + 1 and set(per_app.values()) == {1}
    assert {e["tenant"] for e in distinct.values()} == {"acme", "globex"}


def test_shortlists_are_complete_ranked_explained_and_tenant_scoped(session: DevSession) -> None:
    for tenant, specs in JOBS.items():
        other = "globex" if tenant == "acme" else "acme"
        for job_id, _, _ in specs:
            status, page = get(session, f"/jobs/{job_id}/shortlist?limit=100", tenant)
            assert status == 200
            items = page["items"]
            expected = sum(1 for i in range(COUNT) if application(i)["data"]["job_id"] == job_id)
            assert len(items) == expected and [i["rank"] for i in items] == list(range(1, expected + 1))
            assert [i["score"] for i in items] == sorted((i["score"] for i in items), reverse=True)
            assert all(i["contributions"] and i["gaps"] is not None for i in items)
            assert all(int(i["application_id"].split("-")[1]) % 2 == (0 if tenant == "acme" else 1) for i in items)
            assert get(session, f"/jobs/{job_id}/shortlist", other)[0] == 404


def test_fairness_report_renders_with_rates_and_ratios(session: DevSession) -> None:
    status, report = get(session, "/jobs/job-a-data/fairness", "acme")
    assert status == 200
    expected = sum(1 for i in range(COUNT) if application(i)["data"]["job_id"] == "job-a-data")
    # The hostile document applied to this job too: counted as an applicant, never scored
    assert (report["applicants"], report["self_identified"], report["screened"]) == (
        expected + 1,
        expected + 1,
        expected,
    )
    sexes = {g["group"]: g for g in report["groups"] if g["category"] == "sex"}
    assert set(sexes) == {"female"}  # acme's applications are the even numbers: all female in this data
    assert all(g["scoring_rate"] is not None for g in report["groups"])


def test_poison_records_are_parked_with_reasons(session: DevSession) -> None:
    sqs: Any = session.stack.client("sqs")
    url = session.stack.names.refs["FailureQueue"]
    reasons: list[str] = []
    for _ in range(5):
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1)
        reasons += [json.loads(m["Body"])["reason"] for m in got.get("Messages", [])]
        if len(reasons) >= len(POISON):
            break
    assert len(reasons) == len(POISON) and all(reasons)


def test_erasure_leaves_no_trace(session: DevSession) -> None:
    erase = sample("candidate.erasure_requested", tenant="globex", event_id="evt-erase-scale", candidate_id=ERASED)
    publish(session.stack.bootstrap, Topic.ERASURE_REQUESTS, keyed([erase], Topic.ERASURE_REQUESTS))
    session.runners["erase_candidate"].wait_until_committed(1, timeout_s=60)
    items = scan(session)
    assert not [i for i in items if i.get("candidate_id") == ERASED]
    # Only the audit trail is kept (EU AI Act Art. 19), ending with the erasure
    assert {i.get("kind") for i in items if i.get("application_id") == "app-7"} == {"audit"}
    kept = [i for i in items if str(i.get("PK")).endswith("APP#app-7")]
    assert {i.get("kind") for i in kept} == {"audit"} and "candidate.erased" in {i.get("action") for i in kept}
    s3: Any = session.stack.client("s3")
    prefix = f"tenants/globex/candidates/{ERASED}/"
    listed = s3.list_objects_v2(Bucket=session.stack.names.refs["DocumentsBucket"], Prefix=prefix)
    assert listed.get("KeyCount", 0) == 0
    lake = S3Lake(session.stack.names.refs["LakeBucket"], s3)
    assert lake.rows("screening", "globex") and not [
        r for r in lake.rows("screening", "globex") if r["candidate_id"] == ERASED
    ]
    status, page = get(session, "/jobs/job-g-anal/shortlist?limit=100", "globex")
    assert status == 200 and "app-7" not in {i["application_id"] for i in page["items"]}
