"""The screening.completed.v1 event a stored ranking publishes, with an id that makes re-publication safe.

The id is derived from (tenant, application, job version, inputs or rejection reason): publishing the same
stored ranking again after a crash gives the same event, which consumers drop by id, while a new job
version or new inputs give a new one.
"""

from __future__ import annotations

import uuid

from talent.contracts.events import ScreeningCompletedData, ScreeningCompletedV1
from talent.domain.models import Application, Ranking

SOURCE = "talent/screening"
_EVENT_NAMESPACE = uuid.UUID("6f1c7d52-5b0e-4c8e-9a57-2f4f3a9c1e10")


def screening_completed(application: Application, ranking: Ranking, rank: int | None) -> ScreeningCompletedV1:
    """The event for `ranking`; `rank` is its place among the job's applicants (None: not screened)."""
    result = ranking.result
    identity = f"{ranking.tenant}/{ranking.application_id}/{ranking.job_version}/"
    identity += result.input_sha256 if result else ranking.reason or ""
    data = ScreeningCompletedData(
        application_id=application.application_id,
        candidate_id=application.candidate_id,
        job_id=application.job_id,
        status=ranking.status,
        score=result.score if result else None,
        rank=rank,
        contributions=result.contributions if result else {},
        matched_skills=result.matched_skills if result else [],
        missing_skills=result.missing_skills if result else [],
        model_version=result.model_version if result else None,
        feature_spec_version=result.feature_spec_version if result else None,
        input_sha256=result.input_sha256 if result else None,
        reason=ranking.reason,
    )
    return ScreeningCompletedV1(
        id=str(uuid.uuid5(_EVENT_NAMESPACE, identity)),
        source=SOURCE,
        type="screening.completed.v1",
        time=ranking.screened_at,
        subject=application.application_id,
        tenant=application.tenant,
        data=data,
    )
