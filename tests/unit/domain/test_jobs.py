"""Job events apply in version order: an older version never overwrites a newer one."""

from __future__ import annotations

from talent.domain.jobs import JobOutcome, apply_job_event
from talent.domain.models import JobStatus
from tests.factories import event
from tests.fakes import MemoryStore


def test_posted_job_is_stored_open():
    store = MemoryStore()
    assert apply_job_event(event("job.posted"), store) is JobOutcome.STORED
    job = store.get_job("acme", "job-data-eng-1")
    assert job is not None and job.status is JobStatus.OPEN and job.version == 1


def test_newer_version_replaces_older():
    store = MemoryStore()
    apply_job_event(event("job.posted"), store)
    assert apply_job_event(event("job.updated"), store) is JobOutcome.STORED
    job = store.get_job("acme", "job-data-eng-1")
    assert job is not None and job.version == 2 and "On-call" in job.description


def test_older_version_arriving_late_changes_nothing():
    store = MemoryStore()
    apply_job_event(event("job.updated"), store)
    assert apply_job_event(event("job.posted"), store) is JobOutcome.STALE
    job = store.get_job("acme", "job-data-eng-1")
    assert job is not None and job.version == 2


def test_replayed_same_version_is_stale():
    store = MemoryStore()
    apply_job_event(event("job.posted"), store)
    assert apply_job_event(event("job.posted"), store) is JobOutcome.STALE


def test_close_keeps_the_description_and_marks_closed():
    store = MemoryStore()
    apply_job_event(event("job.posted"), store)
    closed = event("job.closed", job_id="job-data-eng-1", version=2)
    assert apply_job_event(closed, store) is JobOutcome.CLOSED
    job = store.get_job("acme", "job-data-eng-1")
    assert job is not None and job.status is JobStatus.CLOSED and job.title == "Senior Data Engineer"


def test_close_of_unknown_job_wins_over_a_late_older_posting():
    store = MemoryStore()
    apply_job_event(event("job.closed", job_id="job-data-eng-1", version=3), store)
    assert apply_job_event(event("job.posted"), store) is JobOutcome.STALE
    job = store.get_job("acme", "job-data-eng-1")
    assert job is not None and job.status is JobStatus.CLOSED


def test_jobs_of_different_tenants_do_not_collide():
    store = MemoryStore()
    apply_job_event(event("job.posted", tenant="acme"), store)
    assert apply_job_event(event("job.posted", tenant="globex"), store) is JobOutcome.STORED
    assert store.get_job("globex", "job-data-eng-1") is not None
