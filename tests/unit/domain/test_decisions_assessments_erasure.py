"""Stage changes and assessments land on the application and its audit trail; erasure removes everything."""

from __future__ import annotations

from talent.contracts.events import Stage
from talent.domain.applications import ApplicationIntake
from talent.domain.assessments import AssessmentOutcome, record_assessment
from talent.domain.decisions import DecisionOutcome, record_stage_change
from tests.factories import event
from tests.fakes import MemoryDocuments, MemoryStore, erase_in_memory


def store_with_application() -> tuple[MemoryStore, MemoryDocuments]:
    store, docs = MemoryStore(), MemoryDocuments()
    ApplicationIntake(store, store, store, store, docs, 1 << 20, identities=store).accept(
        event("application.submitted.1")
    )
    return store, docs


def test_stage_change_updates_stage_and_audits_the_decider():
    store, _ = store_with_application()
    assert record_stage_change(event("application.stage_changed"), store, store) is DecisionOutcome.RECORDED
    application = store.get_application("acme", "app-1001")
    assert application is not None and application.stage is Stage.INTERVIEW
    last = store.trail("acme", "app-1001")[-1]
    assert last.actor == "hr-user-42" and last.details["to_stage"] == "interview"


def test_stage_change_for_unknown_application_is_still_audited():
    store = MemoryStore()
    outcome = record_stage_change(event("application.stage_changed"), store, store)
    assert outcome is DecisionOutcome.UNKNOWN_APPLICATION
    assert len(store.trail("acme", "app-1001")) == 1


def test_assessment_scores_are_merged_per_skill():
    store, _ = store_with_application()
    assert record_assessment(event("assessment.completed"), store, store) is AssessmentOutcome.RECORDED
    application = store.get_application("acme", "app-1001")
    assert application is not None and application.assessment_scores == {"python": 0.86, "sql": 0.72}


def test_assessment_for_unknown_application_is_reported():
    store = MemoryStore()
    assert record_assessment(event("assessment.completed"), store, store) is AssessmentOutcome.UNKNOWN_APPLICATION


def test_erasure_removes_applications_documents_and_audit_and_leaves_a_tombstone():
    store, docs = store_with_application()
    report = erase_in_memory(store, docs, "cand-501")
    assert (report.applications, report.documents, report.audit_entries) == (1, 1, 1)
    assert store.applications == {} and docs.stored == {} and store.audit == {}
    ((tenant, digest),) = store.tombstones
    assert tenant == "acme" and "cand-501" not in digest


def test_erasure_touches_only_its_tenant():
    store, docs = store_with_application()
    erase_in_memory(store, docs, "cand-501", tenant="globex")
    assert store.get_application("acme", "app-1001") is not None
