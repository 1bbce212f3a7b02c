"""Screening after intake, on job changes and on assessments: stored once, ordered by job version, published."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

import pytest

from talent.contracts.events import ScreeningStatus, SkillScore
from talent.domain.applications import ApplicationIntake, IntakeOutcome, IntakeResult
from talent.domain.jobs import apply_job_event
from talent.domain.models import Application, ApplicationStatus, AuditEntry, Job, Ranking, ScoreResult
from talent.domain.screening import ScreeningOutcome, ScreeningPorts, ScreeningService, Trigger
from talent.profile.models import ResumeProfile
from talent.profile.reader import DocumentResumeReader
from tests.factories import event, inline_resume
from tests.fakes import ListPublisher, MemoryDocuments, MemoryLake, MemoryStore, erase_in_memory
from tests.signing import HASHER

LIMIT = 64 * 1024
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


class WordCountScreener:
    """Deterministic stand-in for the ONNX model: score = resume skills + job version / 10 + assessments."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []

    def screen(self, job: Job, profile: ResumeProfile, assessments: Sequence[SkillScore]) -> ScoreResult:
        self.calls.append((job.job_id, job.version))
        score = len(profile.skills) + job.version / 10 + sum(a.score for a in assessments)
        return ScoreResult(
            score=score,
            baseline=0.0,
            contributions={"skills": float(len(profile.skills)), "version": job.version / 10},
            features={"skills": float(len(profile.skills)), "version": float(job.version)},
            model_version="test-model",
            feature_spec_version="features.test",
            input_sha256=f"{job.version}-{len(assessments)}".ljust(64, "0"),
        )


def world(
    store: MemoryStore | None = None,
) -> tuple[MemoryStore, MemoryDocuments, ListPublisher, WordCountScreener, ScreeningService]:
    store = store or MemoryStore()
    docs, publisher, screener = MemoryDocuments(), ListPublisher(), WordCountScreener()
    lake = MemoryLake()
    ports = ScreeningPorts(store, store, store, docs, docs, store, publisher, screener, DocumentResumeReader(), lake)
    return store, docs, publisher, screener, ScreeningService(ports, LIMIT, now=lambda: NOW)


def submit(
    store: MemoryStore, docs: MemoryDocuments, service: ScreeningService, **overrides: object
) -> tuple[IntakeResult, ScreeningOutcome]:
    submitted = event("application.submitted.1", **overrides)
    result = ApplicationIntake(store, store, store, store, docs, LIMIT, identities=store, hasher=HASHER).accept(
        submitted
    )
    return result, service.after_intake(submitted, result)


def test_a_submission_for_an_open_job_is_ranked_stored_audited_and_published() -> None:
    store, docs, publisher, _, service = world()
    apply_job_event(event("job.posted"), store)
    _, outcome = submit(store, docs, service)
    assert outcome is ScreeningOutcome.SCREENED
    ranking = store.get_ranking("acme", "app-1001")
    assert ranking is not None and ranking.status is ScreeningStatus.SCREENED and ranking.job_version == 1
    assert docs.get_profile("acme", "cand-501", "app-1001") is not None
    (published,) = publisher.events
    assert published.data.status is ScreeningStatus.SCREENED and published.data.rank == 1
    assert published.data.model_version == "test-model" and published.tenant == "acme"
    assert [e.action for e in store.trail("acme", "app-1001")] == ["application.received", "screening.completed"]
    (row,) = service.p.lake.rows.values()  # type: ignore[attr-defined]
    assert (row.type, row.job_version, row.score) == ("screening", 1, ranking.result.score)  # type: ignore[union-attr]
    assert dict(zip(row.feature_names, row.features, strict=True)) == ranking.result.features  # type: ignore[union-attr]


def test_an_application_before_its_job_waits_and_the_job_posting_ranks_it() -> None:
    store, docs, publisher, _, service = world()
    _, outcome = submit(store, docs, service)
    assert outcome is ScreeningOutcome.WAITING_FOR_JOB and not publisher.events
    assert docs.get_profile("acme", "cand-501", "app-1001") is not None  # parsed already
    apply_job_event(event("job.posted"), store)
    job = store.get_job("acme", "job-data-eng-1")
    assert job is not None
    outcomes = service.rerank(job, Trigger("evt-job-1-v1", NOW, "ats"))
    assert outcomes[ScreeningOutcome.SCREENED] == 1 and len(publisher.events) == 1


def test_a_job_posting_that_reranks_an_application_already_screened_at_its_version_records_it_once() -> None:
    # Given an application screened on arrival (its job already stored) ...
    store, docs, publisher, _, service = world()
    apply_job_event(event("job.posted"), store)
    submit(store, docs, service)
    job = store.get_job("acme", "job-data-eng-1")
    assert job is not None
    # ... when the job posting's re-rank, running at the same time, screens it again at the same version
    outcomes = service.rerank(job, Trigger("evt-job-1-v1", NOW, "ats"))

    # Then the screening stands once: one audit entry, and the re-rank republishes the same event (same id)
    assert outcomes[ScreeningOutcome.SCREENED] == 1
    actions = [e.action for e in store.trail("acme", "app-1001")]
    assert actions == ["application.received", "screening.completed"]
    first, again = publisher.events
    assert first.id == again.id and again.data.rank == 1


class RerankRunsRightAfterTheFirstRankingWrite(MemoryStore):
    """The job posting's re-rank (another function) runs whole between intake's ranking write and its audit
    entry: the interleaving a 500-application back-fill on the local stack produced."""

    def __init__(self) -> None:
        super().__init__()
        self.interleave: Callable[[], object] | None = None

    def put_ranking(self, ranking: Ranking, *, stored_as: Application | None = None) -> bool:
        stored = super().put_ranking(ranking, stored_as=stored_as)
        interleave, self.interleave = self.interleave, None
        if interleave is not None:
            interleave()
        return stored


def test_two_triggers_that_screen_at_once_record_the_screening_once_whichever_writes_first() -> None:
    # Given a stored job, and its re-rank set to run between intake's ranking write and its audit entry
    store = RerankRunsRightAfterTheFirstRankingWrite()
    _, docs, publisher, _, service = world(store)
    apply_job_event(event("job.posted"), store)
    job = store.get_job("acme", "job-data-eng-1")
    assert job is not None
    rerank = Trigger("evt-job-1-v1", NOW, "ats")
    reranked: list[object] = []
    store.interleave = lambda: reranked.append(service.rerank(job, rerank))

    # When the application is submitted
    submit(store, docs, service)

    # Then the re-rank found the screening stored and recorded it; intake, second to record, did not
    assert reranked and reranked[0] == {ScreeningOutcome.SCREENED: 1}
    completed = [e for e in store.trail("acme", "app-1001") if e.action == "screening.completed"]
    assert [e.event_id for e in completed] == ["evt-job-1-v1"]
    assert len(service.p.lake.rows) == 1  # type: ignore[attr-defined]
    # and both published the same result (one event id)
    assert len({e.id for e in publisher.events}) == 1 and len(publisher.events) == 2


def test_an_unreadable_document_is_rejected_with_its_reason_and_reported() -> None:
    store, docs, publisher, screener, service = world()
    apply_job_event(event("job.posted"), store)
    corrupt = inline_resume(b"%PDF-1.7\n this is not really a pdf", "application/pdf")
    _, outcome = submit(store, docs, service, resume=corrupt)
    assert outcome is ScreeningOutcome.REJECTED_DOCUMENT and not screener.calls
    application = store.get_application("acme", "app-1001")
    assert application is not None and application.status is ApplicationStatus.REJECTED_DOCUMENT
    (published,) = publisher.events
    assert published.data.status is ScreeningStatus.REJECTED_DOCUMENT and published.data.reason
    assert published.data.score is None


def test_an_oversize_document_rejected_at_intake_is_reported_too() -> None:
    store, docs, publisher, _, service = world()
    _, outcome = submit(store, docs, service, resume=inline_resume(b"x" * (LIMIT + 1)))
    assert outcome is ScreeningOutcome.REJECTED_DOCUMENT
    assert publisher.events[0].data.reason is not None and "limit" in publisher.events[0].data.reason


def test_a_redelivered_submission_republishes_the_same_event_and_scores_nothing_again() -> None:
    store, docs, publisher, screener, service = world()
    apply_job_event(event("job.posted"), store)
    submit(store, docs, service)
    _, again = submit(store, docs, service)
    assert again is ScreeningOutcome.SCREENED
    assert len(screener.calls) == 1
    first, second = publisher.events
    assert first.id == second.id and first == second


class DiesAfterStoringTheRanking(MemoryStore):
    """The process is killed between storing the ranking and writing its audit entry (once)."""

    def __init__(self) -> None:
        super().__init__()
        self.die = True

    def append(self, entry: AuditEntry) -> None:
        if self.die and entry.action == "screening.completed":
            self.die = False
            raise SystemExit("killed")
        super().append(entry)


def test_a_redelivery_after_a_death_past_the_ranking_completes_its_audit_entry_and_result() -> None:
    # Given a delivery that stored the ranking, then died before its audit entry and its result
    store, docs, publisher, screener, service = world(DiesAfterStoringTheRanking())
    lake = service.p.lake
    apply_job_event(event("job.posted"), store)
    with pytest.raises(SystemExit):
        submit(store, docs, service)
    assert store.get_ranking("acme", "app-1001") is not None and not publisher.events
    # When the same event is delivered again
    _, again = submit(store, docs, service)
    # Then nothing is scored twice, and the audit entry, the lake row and the result exist once each
    assert again is ScreeningOutcome.SCREENED and len(screener.calls) == 1
    actions = [e.action for e in store.trail("acme", "app-1001")]
    assert actions == ["application.received", "screening.completed"]
    assert len(lake.rows) == 1 and len(publisher.events) == 1  # type: ignore[attr-defined]
    # And a third delivery adds no audit entry or lake row
    submit(store, docs, service)
    assert len(store.trail("acme", "app-1001")) == 2 and len(lake.rows) == 1  # type: ignore[attr-defined]


def test_an_older_job_version_never_overwrites_a_newer_ranking() -> None:
    store, docs, _, _, service = world()
    apply_job_event(event("job.posted"), store)
    apply_job_event(event("job.updated"), store)  # version 2
    submit(store, docs, service)
    assert store.get_ranking("acme", "app-1001").job_version == 2  # type: ignore[union-attr]
    old = store.get_job("acme", "job-data-eng-1").model_copy(update={"version": 1})  # type: ignore[union-attr]
    outcomes = service.rerank(old, Trigger("evt-late", NOW, "ats"))
    assert outcomes[ScreeningOutcome.STALE] == 1
    assert store.get_ranking("acme", "app-1001").job_version == 2  # type: ignore[union-attr]


def test_an_assessment_rescores_with_its_results() -> None:
    store, docs, _, _, service = world()
    apply_job_event(event("job.posted"), store)
    submit(store, docs, service)
    before = store.get_ranking("acme", "app-1001").result.score  # type: ignore[union-attr]
    application = store.get_application("acme", "app-1001")
    store.save_application(application.model_copy(update={"assessment_scores": {"python": 0.9}}))  # type: ignore[union-attr]
    assert service.rescore("acme", "app-1001", Trigger("evt-assess", NOW, "tests")) is ScreeningOutcome.SCREENED
    assert store.get_ranking("acme", "app-1001").result.score == before + 0.9  # type: ignore[union-attr]


def test_a_closed_job_screens_nobody() -> None:
    store, docs, publisher, _, service = world()
    apply_job_event(event("job.posted"), store)
    apply_job_event(event("job.closed", job_id="job-data-eng-1", version=2), store)
    _, outcome = submit(store, docs, service)
    assert outcome is ScreeningOutcome.NOT_SCREENABLE and not publisher.events


def intake(store: MemoryStore, docs: MemoryDocuments, **overrides: object) -> tuple[Any, IntakeResult]:
    submitted = event("application.submitted.1", **overrides)
    intake = ApplicationIntake(store, store, store, store, docs, LIMIT, identities=store, hasher=HASHER)
    return submitted, intake.accept(submitted)


class ReadsNothingBack(MemoryStore):
    """Fails any read of an application or a job: the screening right after an intake has both in hand."""

    reading = True

    def get_application(self, tenant: str, application_id: str) -> Application | None:
        assert self.reading, "the application was read back"
        return super().get_application(tenant, application_id)

    def get_job(self, tenant: str, job_id: str) -> Job | None:
        assert self.reading, "the job was read back"
        return super().get_job(tenant, job_id)


def test_the_screening_right_after_an_intake_reads_back_neither_the_application_the_job_nor_the_resume() -> None:
    # Given an application just accepted for a stored, open job
    store = ReadsNothingBack()
    _, docs, publisher, _, service = world(store)
    apply_job_event(event("job.posted"), store)
    submitted, result = intake(store, docs)
    assert result.outcome is IntakeOutcome.ACCEPTED and result.handoff is not None
    docs.stored.clear()  # a read of the stored resume would now fail

    # When it is screened with what the intake handed over
    store.reading = False
    outcome = service.after_intake(submitted, result)

    # Then it is screened, stored, recorded and published as ever
    assert outcome is ScreeningOutcome.SCREENED and len(publisher.events) == 1
    assert docs.get_profile("acme", "cand-501", "app-1001") is not None
    assert [e.action for e in store.trail("acme", "app-1001")] == ["application.received", "screening.completed"]


def test_an_intake_result_keeps_the_resume_out_of_its_dump_and_repr() -> None:
    store, docs, _, _, _ = world()
    _, result = intake(store, docs)
    assert result.handoff is not None and result.handoff.resume
    assert result.model_dump() == {"outcome": "accepted", "reason": None}
    assert "handoff" not in repr(result)


@pytest.mark.parametrize("resume", [None, b"%PDF-1.7\n this is not really a pdf"], ids=["readable", "unreadable"])
def test_an_erasure_between_intake_and_screening_stops_the_screening(resume: bytes | None) -> None:
    # Given an application just accepted for an open job (its document readable, or not)
    store, docs, publisher, screener, service = world()
    apply_job_event(event("job.posted"), store)
    overrides = {} if resume is None else {"resume": inline_resume(resume, "application/pdf")}
    submitted, result = intake(store, docs, **overrides)
    assert result.outcome is IntakeOutcome.ACCEPTED

    # When the candidate is erased before the screening runs
    erase_in_memory(store, docs, "cand-501")
    outcome = service.after_intake(submitted, result)

    # Then nothing about them is written again: no ranking, profile, application, lake row or result
    assert outcome is ScreeningOutcome.NOT_SCREENABLE and not publisher.events
    assert store.get_ranking("acme", "app-1001") is None and store.get_application("acme", "app-1001") is None
    assert docs.get_profile("acme", "cand-501", "app-1001") is None and not service.p.lake.rows  # type: ignore[attr-defined]
    assert "screening.completed" not in [e.action for e in store.trail("acme", "app-1001")]
    if resume is None:
        assert screener.calls  # scored, but refused at the ranking write


def test_a_job_posted_between_intake_and_screening_is_read_then() -> None:
    # Given an application accepted before its job was stored
    store, docs, publisher, _, service = world()
    submitted, result = intake(store, docs)
    assert result.handoff is not None and result.handoff.job is None
    # When the job is posted before the screening runs
    apply_job_event(event("job.posted"), store)
    # Then the screening reads it and ranks the application
    assert service.after_intake(submitted, result) is ScreeningOutcome.SCREENED
    assert len(publisher.events) == 1


def test_erasure_removes_the_ranking_and_the_profile() -> None:
    store, docs, _, _, service = world()
    apply_job_event(event("job.posted"), store)
    submit(store, docs, service)
    report = erase_in_memory(store, docs, "cand-501")
    assert report.rankings == 1 and report.documents == 2  # resume and profile
    assert store.get_ranking("acme", "app-1001") is None
    assert docs.get_profile("acme", "cand-501", "app-1001") is None


def test_a_rerank_publishes_each_rank_from_one_sort_matching_the_store() -> None:
    store, docs, publisher, _, service = world()
    resumes = {"app-a": b"SKILLS\nPython", "app-b": b"SKILLS\nPython, SQL, Docker", "app-c": b"SKILLS\nPython, SQL"}
    for number, (app_id, text) in enumerate(resumes.items()):
        submit(
            store,
            docs,
            service,
            event_id=f"evt-{app_id}",
            application_id=app_id,
            candidate_id=f"cand-{number}",
            resume=inline_resume(text),
        )
    apply_job_event(event("job.posted"), store)
    job = store.get_job("acme", "job-data-eng-1")
    assert job is not None
    assert service.rerank(job, Trigger("evt-job-1-v1", NOW, "ats"))[ScreeningOutcome.SCREENED] == 3
    ranks = {e.data.application_id: e.data.rank for e in publisher.events}
    assert ranks == {"app-b": 1, "app-c": 2, "app-a": 3}
    for app_id, rank in ranks.items():
        assert store.rank_of(store.get_ranking("acme", app_id)) == rank  # type: ignore[arg-type]
