"""Erase a candidate everywhere we hold data about them, leaving a tombstone without personal data.

The audit trail is the one record kept: the EU AI Act (Art. 19, 26(6)) asks for a high-risk system's logs
to be kept at least six months, and GDPR Art. 17(3)(b) lets a legal obligation outlast an erasure request.
Its entries hold ids, actions and decisions only; the free text people typed (a decision's reason) is
removed, the erasure itself is added to the trail, and every entry still expires at the end of the audit
retention (`AUDIT_RETENTION_DAYS`).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from talent.contracts.events import CandidateErasureRequestedV1
from talent.domain.candidates import CandidateHasher
from talent.domain.models import AuditEntry, Tombstone
from talent.domain.ports import (
    ApplicationRepository,
    AuditLog,
    DocumentStore,
    EventLake,
    IdentityRepository,
    RankingRepository,
    RawRecordStore,
    TombstoneRepository,
)


class ErasureReport(BaseModel):
    applications: int
    documents: int = Field(description="S3 objects under the candidate's prefix: resumes and parsed profiles.")
    audit_entries: int = Field(
        description="Audit entries kept (ids and decisions; free text removed) until the audit retention ends."
    )
    rankings: int
    lake_rows: int = Field(description="Event-lake rows (screenings, decisions) about the candidate.")
    parked_records: int = Field(
        default=0, description="Raw copies of the candidate's records parked in the failure queue (quarantine)."
    )


def erase_candidate(
    event: CandidateErasureRequestedV1,
    applications: ApplicationRepository,
    audit: AuditLog,
    documents: DocumentStore,
    tombstones: TombstoneRepository,
    *,
    rankings: RankingRepository,
    identities: IdentityRepository,
    lake: EventLake,
    hasher: CandidateHasher,
    raw_records: RawRecordStore,
) -> ErasureReport:
    tenant, candidate_id = event.tenant, event.data.candidate_id
    # Tombstone first: if we crash half-way, a replayed application cannot resurrect the candidate,
    # and the retried erasure finishes the deletion.
    tombstones.put_tombstone(
        Tombstone(
            tenant=tenant,
            candidate_hash=hasher(tenant, candidate_id),
            erased_at=event.time,
            event_id=event.id,
        )
    )
    owned = applications.applications_for_candidate(tenant, candidate_id)
    audit_entries = sum(_keep_trail_without_free_text(audit, event, a.application_id) for a in owned)
    ranked = [a for a in owned if rankings.get_ranking(tenant, a.application_id) is not None]
    for application in ranked:
        rankings.delete_ranking(tenant, application.application_id)
    for application in owned:
        identities.delete_self_identification(tenant, application.job_id, application.application_id)
    document_count = documents.delete_candidate_documents(tenant, candidate_id)
    lake_rows = lake.delete_candidate(tenant, candidate_id)
    # Parked records may hold the whole resume; their failure-queue messages hold ids and a pointer only.
    parked_records = raw_records.delete_candidate(tenant, candidate_id)
    applications.delete_applications(owned)
    return ErasureReport(
        applications=len(owned),
        documents=document_count,
        audit_entries=audit_entries,
        rankings=len(ranked),
        lake_rows=lake_rows,
        parked_records=parked_records,
    )


# Details whose values people type (or that quote what they typed): removed from a kept audit entry.
FREE_TEXT_DETAILS = frozenset({"reason"})
ERASED_TEXT = "[erased]"


def _keep_trail_without_free_text(audit: AuditLog, event: CandidateErasureRequestedV1, application_id: str) -> int:
    """Rewrite the application's audit entries without free text and add the erasure; the count kept."""
    trail = audit.trail(event.tenant, application_id)
    for entry in trail:
        if FREE_TEXT_DETAILS & entry.details.keys():
            details = {k: ERASED_TEXT if k in FREE_TEXT_DETAILS else v for k, v in entry.details.items()}
            audit.append(entry.model_copy(update={"details": details}))  # same key: replaces the entry
    audit.append(
        AuditEntry(
            tenant=event.tenant,
            application_id=application_id,
            at=event.time,
            event_id=event.id,
            action="candidate.erased",
            actor=event.source,
            details={"request_reason": event.data.reason},
        )
    )
    return len(trail) + 1
