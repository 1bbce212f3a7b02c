"""Stage changes and assessments land on the application and its audit trail; erasure removes everything."""

from __future__ import annotations

from talent.contracts.events import Stage
from talent.domain.applications import ApplicationIntake
from talent.domain.assessments import AssessmentOutcome, record_assessment
from talent.domain.decisions import DecisionOutcome, record_stage_change
from tests.factories import event
from tests.fakes import MemoryDocuments, MemoryLake, MemoryStore, erase_in_memory
from tests.signing import HASHER


def store_with_application() -> tuple[MemoryStore, MemoryDocuments]:
    store, docs = MemoryStore(), MemoryDocuments()
    ApplicationIntake(store, store, store, store, docs, 1 << 20, identities=store, hasher=HASHER).accept(
        event("application.submitted.1")
    )
    return store, docs


def test_stage_change_updates_stage_and_audits_the_decider():
    store, _ = store_with_application()
    lake = MemoryLake()
    outcome = record_stage_change(
        event("application.stage_changed"), store, store, lake=lake, tombstones=store, hasher=HASHER
    )
    assert outcome is DecisionOutcome.RECORDED
    application = store.get_application("acme", "app-1001")
    assert application is not None and application.stage is Stage.INTERVIEW
    last = store.trail("acme", "app-1001")[-1]
    assert last.actor == "hr-user-42" and last.details["to_stage"] == "interview"
    (row,) = lake.rows.values()  # the feedback row: ids and stages, never the decider or the reason
    assert (row.type, row.application_id, row.to_stage) == ("decision", "app-1001", "interview")
    assert "hr-user-42" not in row.model_dump_json()


def test_stage_change_for_unknown_application_is_still_audited():
    store = MemoryStore()
    outcome = record_stage_change(
        event("application.stage_changed"), store, store, lake=MemoryLake(), tombstones=store, hasher=HASHER
    )
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


def test_erasure_removes_applications_and_documents_and_leaves_a_tombstone():
    store, docs = store_with_application()
    report = erase_in_memory(store, docs, "cand-501")
    assert (report.applications, report.documents) == (1, 1)
    assert store.applications == {} and docs.stored == {}
    ((tenant, digest),) = store.tombstones
    assert tenant == "acme" and "cand-501" not in digest


def test_erasure_keeps_the_audit_trail_without_free_text_and_records_itself():
    # Audit entries are kept for their retention (EU AI Act Art. 19) even when the candidate is erased;
    # what HR typed about the candidate is not.
    store, docs = store_with_application()
    decision = event("application.stage_changed")
    typed = decision.data.model_copy(update={"reason": "Jane Roe's references from Initech were weak"})
    decision = decision.model_copy(update={"data": typed})
    record_stage_change(decision, store, store, lake=MemoryLake(), tombstones=store, hasher=HASHER)

    report = erase_in_memory(store, docs, "cand-501")

    trail = store.trail("acme", "app-1001")
    assert report.audit_entries == len(trail) == 3
    assert [e.action for e in trail] == ["application.received", "application.stage_changed", "candidate.erased"]
    assert trail[1].details["reason"] == "[erased]" and trail[1].details["to_stage"] == decision.data.to_stage.value
    assert "Jane" not in repr(trail) and trail[2].details == {"request_reason": "candidate_request"}


def test_erasure_touches_only_its_tenant():
    store, docs = store_with_application()
    erase_in_memory(store, docs, "cand-501", tenant="globex")
    assert store.get_application("acme", "app-1001") is not None


def test_erasure_deletes_the_candidates_lake_rows_and_no_one_elses():
    store, docs = store_with_application()
    lake = MemoryLake()
    record_stage_change(event("application.stage_changed"), store, store, lake=lake, tombstones=store, hasher=HASHER)
    other = event("application.stage_changed", event_id="evt-other", candidate_id="cand-777", application_id="app-2002")
    record_stage_change(other, store, store, lake=lake, tombstones=store, hasher=HASHER)
    report = erase_in_memory(store, docs, "cand-501", lake=lake)
    assert report.lake_rows == 1
    assert [r.candidate_id for r in lake.rows.values()] == ["cand-777"]


def test_a_decision_after_erasure_stores_nothing():
    store, docs = store_with_application()
    lake = MemoryLake()
    erase_in_memory(store, docs, "cand-501", lake=lake)
    kept = store.trail("acme", "app-1001")
    outcome = record_stage_change(
        event("application.stage_changed"), store, store, lake=lake, tombstones=store, hasher=HASHER
    )
    assert outcome is DecisionOutcome.ERASED_CANDIDATE
    assert lake.rows == {} and store.trail("acme", "app-1001") == kept
