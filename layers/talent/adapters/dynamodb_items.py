"""Storage item shapes of the single table, and their mapping to and from domain records.

Access patterns (docs/storage.md): get job / application by id; list a tenant's jobs (GSI1);
a candidate's applications (GSI1); a job's applicants (GSI2); an application's audit trail (same
partition as the application, SK begins_with AUDIT#); tombstone by candidate hash. Every key starts
with the tenant.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from talent.contracts.events import ScreeningStatus, Stage
from talent.domain.fairness import SelfIdentified
from talent.domain.models import Application, AuditEntry, Job, Ranking, Tombstone


def tenant_prefix(tenant: str) -> str:
    return f"TENANT#{tenant}"


def job_key(tenant: str, job_id: str) -> dict[str, str]:
    return {"PK": f"{tenant_prefix(tenant)}#JOB#{job_id}", "SK": "JOB"}


def application_key(tenant: str, application_id: str) -> dict[str, str]:
    return {"PK": f"{tenant_prefix(tenant)}#APP#{application_id}", "SK": "APP"}


def tombstone_key(tenant: str, candidate_hash: str) -> dict[str, str]:
    return {"PK": f"{tenant_prefix(tenant)}#TOMBSTONE#{candidate_hash}", "SK": "TOMBSTONE"}


def jobs_index_pk(tenant: str) -> str:
    return f"{tenant_prefix(tenant)}#JOBS"


def candidate_index_pk(tenant: str, candidate_id: str) -> str:
    return f"{tenant_prefix(tenant)}#CAND#{candidate_id}"


def job_applicants_index_pk(tenant: str, job_id: str) -> str:
    return f"{tenant_prefix(tenant)}#JOB#{job_id}#APPS"


def shortlist_index_pk(tenant: str, job_id: str) -> str:
    return f"{tenant_prefix(tenant)}#JOB#{job_id}#SHORTLIST"


def ranking_key(tenant: str, application_id: str) -> dict[str, str]:
    return {"PK": application_key(tenant, application_id)["PK"], "SK": "RANKING"}


# The application's stage, kept on its ranking item too, so a shortlist page is one Query of GSI3 (which
# projects it) instead of a Query plus a BatchGetItem of the applications. Written whenever an application
# is stored (before its first ranking, on a stage-only item the ranking then fills); a ranking write
# carries it over, on condition that it did not change meanwhile, so the stage stays current whichever
# comes first. Rankings stored before this have none.
APPLICATION_STAGE = "application_stage"
RANKING_KIND = "ranking"
STAGE_ONLY_KIND = "ranking.stage_only"


def is_ranking(item: dict[str, Any]) -> bool:
    """False for the stage-only item a decision leaves where the application has no ranking yet."""
    return item.get("kind") == RANKING_KIND


def application_stage(item: dict[str, Any]) -> Stage | None:
    value = item.get(APPLICATION_STAGE)
    return Stage(value) if value is not None else None


SCORE_LIMIT = 1_000_000.0


def score_sort_key(score: float, application_id: str) -> str:
    """Ascending order = best score first: the score inverted and zero-padded, ties broken by application id."""
    if not -SCORE_LIMIT < score < SCORE_LIMIT:
        raise ValueError(f"score {score} outside the sortable range ±{SCORE_LIMIT:g}")
    return f"{SCORE_LIMIT - score:017.6f}#APP#{application_id}"


AUDIT_PREFIX = "AUDIT#"


def _to_dynamo(value: Any) -> Any:
    if isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, dict):
        return {k: _to_dynamo(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_to_dynamo(v) for v in value]
    return value


def _from_dynamo(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "." not in str(value) else float(value)
    if isinstance(value, dict):
        return {k: _from_dynamo(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_from_dynamo(v) for v in value]
    return value


_KEY_ATTRS = ("PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "GSI3PK", "GSI3SK", "kind", "expires_at")


def _record_fields(item: dict[str, Any]) -> dict[str, Any]:
    return _from_dynamo({k: v for k, v in item.items() if k not in _KEY_ATTRS})


def job_item(job: Job) -> dict[str, Any]:
    return {
        **job_key(job.tenant, job.job_id),
        "GSI1PK": jobs_index_pk(job.tenant),
        "GSI1SK": f"JOB#{job.job_id}",
        "kind": "job",
        **_to_dynamo(job.model_dump(mode="json")),
    }


def job_from_item(item: dict[str, Any]) -> Job:
    return Job.model_validate(_record_fields(item))


def application_item(application: Application) -> dict[str, Any]:
    fields = application.model_dump(mode="json")
    return {
        **application_key(application.tenant, application.application_id),
        "GSI1PK": candidate_index_pk(application.tenant, application.candidate_id),
        "GSI1SK": f"APP#{application.application_id}",
        "GSI2PK": job_applicants_index_pk(application.tenant, application.job_id),
        "GSI2SK": f"APP#{application.application_id}",
        "kind": "application",
        **_to_dynamo(fields),
    }


def application_from_item(item: dict[str, Any]) -> Application:
    fields = _record_fields(item)
    # Skill names are data, not attribute names: scores were stored as a map and come back floats.
    fields["assessment_scores"] = {k: float(v) for k, v in fields.get("assessment_scores", {}).items()}
    return Application.model_validate(fields)


def audit_item(entry: AuditEntry, retention_days: int) -> dict[str, Any]:
    """`expires_at` (epoch seconds, the table's TTL attribute): DynamoDB deletes the entry after its retention."""
    return {
        "PK": application_key(entry.tenant, entry.application_id)["PK"],
        # One entry per (event, action): an event may cause several (received, then screened).
        "SK": f"{AUDIT_PREFIX}{entry.at.isoformat()}#{entry.event_id}#{entry.action}",
        "kind": "audit",
        "expires_at": int((entry.at + timedelta(days=retention_days)).timestamp()),
        **_to_dynamo(entry.model_dump(mode="json")),
    }


def audit_from_item(item: dict[str, Any]) -> AuditEntry:
    return AuditEntry.model_validate(_record_fields(item))


def tombstone_item(tombstone: Tombstone) -> dict[str, Any]:
    return {
        **tombstone_key(tombstone.tenant, tombstone.candidate_hash),
        "kind": "tombstone",
        **_to_dynamo(tombstone.model_dump(mode="json")),
    }


def ranking_item(ranking: Ranking) -> dict[str, Any]:
    """Only screened rankings enter the shortlist index (GSI3); rejected ones stay readable by application."""
    item = {
        **ranking_key(ranking.tenant, ranking.application_id),
        "kind": RANKING_KIND,
        **_to_dynamo(ranking.model_dump(mode="json")),
    }
    if ranking.status is ScreeningStatus.SCREENED and ranking.result is not None:
        item["GSI3PK"] = shortlist_index_pk(ranking.tenant, ranking.job_id)
        item["GSI3SK"] = score_sort_key(ranking.result.score, ranking.application_id)
    return item


def ranking_put(ranking: Ranking, stage: str | None, *, must_exist: bool = False) -> dict[str, Any]:
    """PutItem arguments that store `ranking` whole (one atomic write, which moto also makes atomic where it
    applies an update's actions one by one), carrying over the application's stage read just before: the
    write is refused if the stage changed since (the caller reads again and retries), for an older job
    version, and for the same screening (same job version and inputs: another trigger screened it at once).
    `must_exist`: refused too where the item is gone (it is deleted with its application: an erasure)."""
    item = ranking_item(ranking)
    if stage is not None:
        item[APPLICATION_STAGE] = stage
    same_stage = "attribute_not_exists(#stage)" if stage is None else "#stage = :stage"
    values: dict[str, Any] = {
        ":version": ranking.job_version,
        ":inputs": ranking.result.input_sha256 if ranking.result else "",
    }
    if stage is not None:
        values[":stage"] = stage
    names = {"#stage": APPLICATION_STAGE, "#version": "job_version", "#result": "result", "#inputs": "input_sha256"}
    if must_exist:
        same_stage = f"attribute_exists(#pk) AND {same_stage}"
        names["#pk"] = "PK"
    return {
        "Item": item,
        # An equal job version overwrites (a re-score after an assessment) unless it is the same screening.
        "ConditionExpression": f"{same_stage} AND (attribute_not_exists(#version) OR #version < :version OR "
        "(#version = :version AND (attribute_not_exists(#result.#inputs) OR #result.#inputs <> :inputs)))",
        "ExpressionAttributeNames": names,
        "ExpressionAttributeValues": values,
    }


# The trigger (event id) that records a stored screening (its audit entry and lake row), set once on the
# ranking item: two triggers that screened the application at the same moment store one ranking (the second
# write is refused as the same screening) and, through this claim, record it once. A new screening is a new
# item, without it.
RECORDED_BY = "recorded_by"


def record_claim(ranking: Ranking, claimant: str) -> dict[str, Any]:
    """UpdateItem arguments that claim the recording of `ranking` (this job version and inputs, as stored) for
    `claimant`; refused when another trigger claimed it, or when the stored ranking is another screening."""
    return {
        "Key": ranking_key(ranking.tenant, ranking.application_id),
        "UpdateExpression": "SET #by = :by",
        "ConditionExpression": "#kind = :kind AND #version = :version AND #result.#inputs = :inputs "
        "AND (attribute_not_exists(#by) OR #by = :by)",
        "ExpressionAttributeNames": {
            "#by": RECORDED_BY,
            "#kind": "kind",
            "#version": "job_version",
            "#result": "result",
            "#inputs": "input_sha256",
        },
        "ExpressionAttributeValues": {
            ":by": claimant,
            ":kind": RANKING_KIND,
            ":version": ranking.job_version,
            ":inputs": ranking.result.input_sha256 if ranking.result else "",
        },
    }


def stage_update(application: Application) -> dict[str, Any]:
    """UpdateItem arguments that keep the application's stage on its ranking item (made stage-only when the
    application has no ranking yet: the ranking written later keeps it)."""
    return {
        "Key": ranking_key(application.tenant, application.application_id),
        "UpdateExpression": "SET #stage = :stage, #kind = if_not_exists(#kind, :stage_only)",
        "ExpressionAttributeNames": {"#stage": APPLICATION_STAGE, "#kind": "kind"},
        "ExpressionAttributeValues": {":stage": application.stage.value, ":stage_only": STAGE_ONLY_KIND},
    }


def ranking_from_item(item: dict[str, Any]) -> Ranking:
    fields = _record_fields(item)
    fields.pop(APPLICATION_STAGE, None)
    fields.pop(RECORDED_BY, None)
    result = fields.get("result")
    if result:
        # Feature names are data: contributions come back as numbers that may have been integral.
        result["contributions"] = {k: float(v) for k, v in result.get("contributions", {}).items()}
        result["score"], result["baseline"] = float(result["score"]), float(result["baseline"])
    return Ranking.model_validate(fields)


def identity_key(tenant: str, job_id: str, application_id: str) -> dict[str, str]:
    """Self-identification, partitioned by job (the fairness report reads a job's in one query)."""
    return {"PK": f"{tenant_prefix(tenant)}#JOB#{job_id}#SELFID", "SK": f"APP#{application_id}"}


def identity_item(identity: SelfIdentified) -> dict[str, Any]:
    return {
        **identity_key(identity.tenant, identity.job_id, identity.application_id),
        "kind": "self_identification",
        **_to_dynamo(identity.model_dump(mode="json")),
    }


def identity_from_item(item: dict[str, Any]) -> SelfIdentified:
    return SelfIdentified.model_validate(_record_fields(item))
