"""Erase a candidate everywhere we hold data about them, leaving a tombstone without personal data."""

from __future__ import annotations

from pydantic import BaseModel, Field

from talent.contracts.events import CandidateErasureRequestedV1
from talent.domain.candidates import CandidateHasher
from talent.domain.models import Tombstone
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
    audit_entries: int
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
    audit_entries = sum(audit.delete_trail(tenant, a.application_id) for a in owned)
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
