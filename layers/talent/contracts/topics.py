"""Every Kafka topic name, in one place. template.yaml's mappings are checked against this; which event
types travel on which topic is `talent.contracts.registry.TOPIC_OF_MODEL`."""

from __future__ import annotations

from enum import StrEnum


class Topic(StrEnum):
    JOBS = "ats.jobs.v1"
    APPLICATIONS = "ats.applications.v1"
    ASSESSMENTS = "ats.assessments.v1"
    STAGE_CHANGES = "ats.stage-changes.v1"
    ERASURE_REQUESTS = "ats.erasure-requests.v1"
    SCREENINGS = "talent.screenings.v1"


def partition_key(tenant: str, event_type: str, data: dict[str, object]) -> str:
    """Events about one entity share a key, so Kafka keeps them in order on one partition."""
    if event_type.startswith("job."):
        entity = data.get("job_id")
    elif event_type.startswith("candidate."):
        entity = data.get("candidate_id")
    else:
        entity = data.get("application_id")
    return f"{tenant}:{entity}"
