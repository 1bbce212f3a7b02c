"""The shortlist in one read: each application's stage is kept on its ranking item, against moto server."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import boto3
import pytest

from talent.adapters import dynamodb_items as items
from talent.adapters.dynamodb_store import DynamoStore
from talent.contracts.events import ScreeningStatus, Stage
from talent.domain.hr_queries import HrQueries, HrQueryPorts
from talent.domain.models import Application, ApplicationStatus, Job, JobStatus, Ranking, ScoreResult
from tests.fakes import MemoryDocuments

pytestmark = pytest.mark.integration
NOW = datetime(2026, 12, 3, 12, 0, tzinfo=UTC)


class Calls:
    """The DynamoDB operations a client made, in order (a botocore before-call hook)."""

    def __init__(self) -> None:
        self.operations: list[str] = []

    def __call__(self, model: Any, **_: Any) -> None:
        self.operations.append(model.name)


@pytest.fixture
def counted(provisioned: Any) -> tuple[DynamoStore, Calls]:
    session = boto3.Session()
    calls = Calls()
    session.events.register("before-call.dynamodb", calls)
    return DynamoStore(provisioned.refs["TalentTable"], resource=session.resource("dynamodb")), calls


def application(tenant: str, app_id: str, stage: Stage = Stage.APPLIED) -> Application:
    return Application(
        tenant=tenant,
        application_id=app_id,
        candidate_id=f"cand-{app_id}",
        job_id="job-1",
        submitted_at=NOW,
        status=ApplicationStatus.RECEIVED,
        stage=stage,
    )


def ranking(
    tenant: str, app_id: str, score: float, version: int = 1, screened: bool = True, inputs: str = "b"
) -> Ranking:
    result = ScoreResult(
        score=score,
        baseline=0.0,
        contributions={"skills_required": score},
        model_version="ranker-1",
        feature_spec_version="features.v1",
        input_sha256=inputs * 64,
    )
    return Ranking(
        tenant=tenant,
        application_id=app_id,
        candidate_id=f"cand-{app_id}",
        job_id="job-1",
        job_version=version,
        status=ScreeningStatus.SCREENED if screened else ScreeningStatus.REJECTED_DOCUMENT,
        result=result if screened else None,
        reason=None if screened else "document unreadable",
        screened_at=NOW,
    )


def queries(store: DynamoStore) -> HrQueries:
    ports = HrQueryPorts(
        jobs=store, applications=store, rankings=store, audit=store, profiles=MemoryDocuments(), identities=store
    )
    return HrQueries(ports)


def post_job(store: DynamoStore, tenant: str) -> None:
    job = Job(
        tenant=tenant, job_id="job-1", version=1, status=JobStatus.OPEN, title="t", description="d", updated_at=NOW
    )
    assert store.put_job_if_newer(job)


def test_a_shortlist_page_is_the_jobs_get_and_one_query_with_every_stage(counted, unique):
    store, calls = counted
    tenant = f"one-{unique}"
    post_job(store, tenant)
    for i, score in enumerate([0.2, 0.9, 0.5]):
        store.put_application_if_absent(application(tenant, f"app-{i}"))
        assert store.put_ranking(ranking(tenant, f"app-{i}", score))
    store.save_application(application(tenant, "app-2", Stage.INTERVIEW))  # an HR decision

    calls.operations.clear()
    page = queries(store).shortlist(tenant, "job-1", 20, None)

    assert calls.operations == ["GetItem", "Query"]  # was GetItem, Query, BatchGetItem
    assert [r.application_id for r in page.rankings] == ["app-1", "app-2", "app-0"]
    assert page.stages == {"app-1": Stage.APPLIED, "app-2": Stage.INTERVIEW, "app-0": Stage.APPLIED}


def test_the_stage_survives_a_rescore_and_a_decision_that_comes_before_the_ranking(counted, unique):
    store, _ = counted
    tenant = f"order-{unique}"
    store.put_application_if_absent(application(tenant, "app-1"))
    # a decision before the first ranking leaves the stage alone on the ranking's key
    store.save_application(application(tenant, "app-1", Stage.REJECTED))
    assert store.get_ranking(tenant, "app-1") is None
    assert store.shortlist_rows(tenant, "job-1", 10, None) == ([], None)

    assert store.put_ranking(ranking(tenant, "app-1", 0.4))
    assert store.put_ranking(ranking(tenant, "app-1", 0.7, inputs="c"))  # a re-score (new inputs), same version
    assert not store.put_ranking(ranking(tenant, "app-1", 0.9, version=0))  # an older job version never wins
    assert not store.put_ranking(ranking(tenant, "app-1", 0.7, inputs="c"))  # nor the same screening again

    [row], _ = store.shortlist_rows(tenant, "job-1", 10, None)
    assert row.stage is Stage.REJECTED and row.ranking.result is not None and row.ranking.result.score == 0.7
    assert store.get_ranking(tenant, "app-1") == ranking(tenant, "app-1", 0.7, inputs="c")


def test_a_ranking_rewritten_as_rejected_leaves_the_shortlist_and_keeps_no_old_result(counted, unique):
    store, _ = counted
    tenant = f"rej-{unique}"
    store.put_application_if_absent(application(tenant, "app-1"))
    assert store.put_ranking(ranking(tenant, "app-1", 0.4))

    assert store.put_ranking(ranking(tenant, "app-1", 0.0, version=2, screened=False))

    assert store.shortlist_rows(tenant, "job-1", 10, None) == ([], None)
    assert store.get_ranking(tenant, "app-1") == ranking(tenant, "app-1", 0.0, version=2, screened=False)


def test_rankings_stored_before_stages_were_kept_beside_them_read_the_applications(counted, unique, provisioned):
    store, calls = counted
    tenant = f"old-{unique}"
    post_job(store, tenant)
    store.put_application_if_absent(application(tenant, "app-1", Stage.OFFER))
    # written the way rankings were before: a whole-item put without the stage
    boto3.resource("dynamodb").Table(provisioned.refs["TalentTable"]).put_item(
        Item=items.ranking_item(ranking(tenant, "app-1", 0.3))
    )

    calls.operations.clear()
    page = queries(store).shortlist(tenant, "job-1", 20, None)

    assert page.stages == {"app-1": Stage.OFFER}
    assert calls.operations == ["GetItem", "Query", "BatchGetItem"]


def test_a_decision_landing_between_a_rankings_read_and_its_write_keeps_its_stage(provisioned, unique):
    tenant = f"race-{unique}"
    table = provisioned.refs["TalentTable"]
    other = DynamoStore(table)  # the HR decision's writer, a separate client
    other.put_application_if_absent(application(tenant, "app-1"))
    session = boto3.Session()
    landed: list[str] = []

    def decide_first(params: dict[str, Any], **_: Any) -> None:
        body = json.loads(params.get("body") or b"{}")
        if not landed and body.get("Item", {}).get("SK", {}).get("S") == "RANKING":
            other.save_application(application(tenant, "app-1", Stage.INTERVIEW))  # after the ranking's read
            landed.append("decision")

    session.events.register("before-call.dynamodb.PutItem", decide_first)
    store = DynamoStore(table, resource=session.resource("dynamodb"))

    assert store.put_ranking(ranking(tenant, "app-1", 0.5))

    assert landed == ["decision"]
    [row], _ = store.shortlist_rows(tenant, "job-1", 10, None)
    assert row.stage is Stage.INTERVIEW and row.ranking == ranking(tenant, "app-1", 0.5)


def test_a_ranking_of_an_application_just_stored_is_one_write_that_carries_its_stage(counted, unique):
    store, calls = counted
    tenant = f"fresh-{unique}"
    stored = application(tenant, "app-1")
    assert store.put_application_if_absent(stored)

    calls.operations.clear()
    assert store.put_ranking(ranking(tenant, "app-1", 0.5), stored_as=stored)

    assert calls.operations == ["PutItem"]  # the stage the intake just wrote is not read back
    [row], _ = store.shortlist_rows(tenant, "job-1", 10, None)
    assert row.stage is Stage.APPLIED and row.ranking == ranking(tenant, "app-1", 0.5)


def test_a_ranking_of_an_application_erased_since_it_was_stored_is_refused_and_leaves_no_item(
    counted, unique, provisioned
):
    store, _ = counted
    tenant = f"erased-{unique}"
    stored = application(tenant, "app-1")
    assert store.put_application_if_absent(stored)
    store.delete_applications([stored])  # the erasure's last step

    assert not store.put_ranking(ranking(tenant, "app-1", 0.5), stored_as=stored)

    raw = boto3.resource("dynamodb").Table(provisioned.refs["TalentTable"])
    assert "Item" not in raw.get_item(Key=items.ranking_key(tenant, "app-1"), ConsistentRead=True)
    assert store.shortlist_rows(tenant, "job-1", 10, None) == ([], None)


def test_a_decision_between_the_intake_and_the_ranking_keeps_its_stage(counted, unique):
    store, _ = counted
    tenant = f"decided-{unique}"
    stored = application(tenant, "app-1")
    assert store.put_application_if_absent(stored)
    store.save_application(application(tenant, "app-1", Stage.INTERVIEW))  # an HR decision, before the screening

    assert store.put_ranking(ranking(tenant, "app-1", 0.5), stored_as=stored)  # assumes APPLIED: refused, retried

    [row], _ = store.shortlist_rows(tenant, "job-1", 10, None)
    assert row.stage is Stage.INTERVIEW and row.ranking == ranking(tenant, "app-1", 0.5)
