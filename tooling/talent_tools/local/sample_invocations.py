"""One sample event per function, in an order in which each answers for real on a fresh stack: the job first
(so the application is screened against it), the HR API once there is data, the erasure last. The cold-start
benchmark and the image test run them; paths are relative to the repository root."""

from __future__ import annotations

SAMPLE_INVOCATIONS: tuple[tuple[str, str], ...] = (
    ("sync_jobs", "events/sync_jobs.msk.json"),
    ("ingest_application", "events/ingest_application.msk.json"),
    ("assess_skills", "events/assess_skills.msk.json"),
    ("record_decision", "events/record_decision.msk.json"),
    ("hr_api", "events/hr_api.list-jobs.json"),
    ("erase_candidate", "events/erase_candidate.msk.json"),
)
