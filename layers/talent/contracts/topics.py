"""Every Kafka topic name, in one place. template.yaml's mappings are checked against this."""

from __future__ import annotations

from enum import StrEnum


class Topic(StrEnum):
    JOBS = "ats.jobs.v1"
    APPLICATIONS = "ats.applications.v1"
    ASSESSMENTS = "ats.assessments.v1"
    STAGE_CHANGES = "ats.stage-changes.v1"
    ERASURE_REQUESTS = "ats.erasure-requests.v1"
    SCREENINGS = "talent.screenings.v1"


# Which event types belong on which topic (a producer picks the topic from the event type).
TOPIC_OF_TYPE: dict[str, Topic] = {
    "job.posted.v1": Topic.JOBS,
    "job.updated.v1": Topic.JOBS,
    "job.closed.v1": Topic.JOBS,
    "application.submitted.v1": Topic.APPLICATIONS,
    "assessment.completed.v1": Topic.ASSESSMENTS,
    "application.stage_changed.v1": Topic.STAGE_CHANGES,
    "candidate.erasure_requested.v1": Topic.ERASURE_REQUESTS,
    "screening.completed.v1": Topic.SCREENINGS,
}


def partition_key(tenant: str, event_type: str, data: dict[str, object]) -> str:
    """Events about one entity share a key, so Kafka keeps them in order on one partition."""
    if event_type.startswith("job."):
        entity = data.get("job_id")
    elif event_type.startswith("candidate."):
        entity = data.get("candidate_id")
    else:
        entity = data.get("application_id")
    return f"{tenant}:{entity}"
