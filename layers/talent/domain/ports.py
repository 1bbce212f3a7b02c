"""The interfaces domain logic talks to; adapters implement them, tests use in-memory fakes."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Protocol

from talent.contracts.events import ScreeningCompletedV1, SkillScore, Stage
from talent.domain.models import Application, AuditEntry, Job, Ranking, ScoreResult, StoredDocument, Tombstone
from talent.profile.models import ResumeProfile

if TYPE_CHECKING:
    from talent.domain.fairness import SelfIdentified
    from talent.domain.lake import LakeRow


class JobRepository(Protocol):
    def get_job(self, tenant: str, job_id: str) -> Job | None: ...

    def put_job_if_newer(self, job: Job) -> bool:
        """Store `job` unless a version >= job.version is stored; True when stored."""
        ...

    def list_jobs(self, tenant: str, limit: int, cursor: str | None) -> tuple[list[Job], str | None]: ...


class ApplicationRepository(Protocol):
    def get_application(self, tenant: str, application_id: str) -> Application | None: ...

    def get_applications(self, tenant: str, application_ids: Sequence[str]) -> dict[str, Application]: ...

    def put_application_if_absent(self, application: Application) -> bool: ...

    def save_application(self, application: Application) -> None: ...

    def applications_for_job(self, tenant: str, job_id: str) -> list[Application]: ...

    def applications_for_candidate(self, tenant: str, candidate_id: str) -> list[Application]: ...

    def delete_applications(self, applications: Iterable[Application]) -> None: ...


class AuditLog(Protocol):
    def append(self, entry: AuditEntry) -> None:
        """Idempotent per (application, event id, action)."""
        ...

    def trail(self, tenant: str, application_id: str) -> list[AuditEntry]: ...


class TombstoneRepository(Protocol):
    def put_tombstone(self, tombstone: Tombstone) -> None: ...

    def has_tombstone(self, tenant: str, candidate_hash: str) -> bool: ...


class DocumentStore(Protocol):
    def read_external(self, bucket: str, key: str, version_id: str | None, max_bytes: int) -> bytes:
        """Read an ATS-provided object; raises DocumentTooLargeToFetch past max_bytes, DocumentUnavailable if absent."""
        ...

    def put_resume(
        self, tenant: str, candidate_id: str, application_id: str, content: bytes, content_type: str
    ) -> StoredDocument: ...

    def read_stored(self, document: StoredDocument, max_bytes: int) -> bytes:
        """Read back a resume this store wrote; raises DocumentUnavailable if it is gone."""
        ...

    def delete_candidate_documents(self, tenant: str, candidate_id: str) -> int:
        """Delete everything under the candidate's prefix: resumes and profiles."""
        ...


class ProfileStore(Protocol):
    def put_profile(self, tenant: str, candidate_id: str, application_id: str, profile: ResumeProfile) -> str: ...

    def get_profile(self, tenant: str, candidate_id: str, application_id: str) -> ResumeProfile | None: ...


@dataclass(frozen=True)
class ShortlistRow:
    ranking: Ranking
    stage: Stage | None  # the application's stage as kept beside its ranking; None where the store has none


class RankingRepository(Protocol):
    def put_ranking(self, ranking: Ranking, *, stored_as: Application | None = None) -> bool:
        """Store unless a ranking for a newer job version is stored, or the same screening is (same job version
        and same inputs: two triggers screened the application at once); True when stored.

        `stored_as`: the application as the caller itself stored it (the intake, just before): the write is
        then also refused when the application is no longer stored (an erasure since), in the same atomic
        write, without reading the application again."""
        ...

    def claim_record(self, ranking: Ranking, claimant: str) -> bool:
        """Claim the recording (audit entry, lake row) of this stored screening for the trigger `claimant`:
        True for the first claimant and for the same one again (its retry after a crash), False for any other
        or when another screening has replaced it. Two triggers that screened at once record it once."""
        ...

    def get_ranking(self, tenant: str, application_id: str) -> Ranking | None: ...

    def shortlist(self, tenant: str, job_id: str, limit: int, cursor: str | None) -> tuple[list[Ranking], str | None]:
        """Screened rankings of a job, best score first."""
        ...

    def shortlist_rows(
        self, tenant: str, job_id: str, limit: int, cursor: str | None
    ) -> tuple[list[ShortlistRow], str | None]:
        """The same page, each ranking with its application's stage where the store keeps it beside the
        ranking (the HR page in one read); a row without one needs the application read."""
        ...

    def rank_of(self, ranking: Ranking) -> int:
        """1 + how many screened applications of the job score higher."""
        ...

    def delete_ranking(self, tenant: str, application_id: str) -> None: ...


class IdentityRepository(Protocol):
    """Voluntary self-identification: written at intake, read only by the fairness report, erased with the rest."""

    def put_self_identification(self, identity: SelfIdentified) -> None: ...

    def self_identifications(self, tenant: str, job_id: str) -> list[SelfIdentified]: ...

    def delete_self_identification(self, tenant: str, job_id: str, application_id: str) -> None: ...


class EventLake(Protocol):
    """Parquet rows partitioned by tenant/date/type (talent.domain.lake); the training input for feedback."""

    def append(self, row: LakeRow) -> None:
        """Write the row; idempotent per row id (a redelivered event rewrites the same row)."""
        ...

    def delete_candidate(self, tenant: str, candidate_id: str) -> int:
        """Delete every row about the candidate; returns how many."""
        ...


class ResumeReader(Protocol):
    def read(self, content: bytes, content_type: str, filename: str | None, document_date: date) -> ResumeProfile:
        """Parse a resume file; raises talent.documents.errors.DocumentError subclasses for unusable files."""
        ...


class Screener(Protocol):
    def screen(self, job: Job, profile: ResumeProfile, assessments: Sequence[SkillScore]) -> ScoreResult: ...


class Publisher(Protocol):
    def publish(self, event: ScreeningCompletedV1) -> None:
        """Deliver the event (acks=all) or raise: an unpublished result must fail the record so it is retried."""
        ...


class RawRecordStore(Protocol):
    """Raw copies of parked records (quarantine): encrypted, expiring, scoped by tenant and candidate."""

    def keep(
        self,
        *,
        tenant: str | None,
        candidate_id: str | None,
        topic: str,
        partition: int,
        offset: int,
        body: bytes,
    ) -> str:
        """Store one raw record; returns where it is (s3://bucket/key)."""
        ...

    def delete_candidate(self, tenant: str, candidate_id: str) -> int:
        """Delete every raw record kept under the candidate; returns how many."""
        ...


class DeadLetters(Protocol):
    def send(self, reason: str, record: dict[str, object]) -> None:
        """Park a record that can never be processed, with the reason, in the failure destination."""
        ...
