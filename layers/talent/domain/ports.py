"""The interfaces domain logic talks to; adapters implement them, tests use in-memory fakes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from talent.domain.models import Application, AuditEntry, Job, StoredDocument, Tombstone


class JobRepository(Protocol):
    def get_job(self, tenant: str, job_id: str) -> Job | None: ...

    def put_job_if_newer(self, job: Job) -> bool:
        """Store `job` unless a version >= job.version is stored; True when stored."""
        ...

    def list_jobs(self, tenant: str, limit: int, cursor: str | None) -> tuple[list[Job], str | None]: ...


class ApplicationRepository(Protocol):
    def get_application(self, tenant: str, application_id: str) -> Application | None: ...

    def put_application_if_absent(self, application: Application) -> bool: ...

    def save_application(self, application: Application) -> None: ...

    def applications_for_job(self, tenant: str, job_id: str) -> list[Application]: ...

    def applications_for_candidate(self, tenant: str, candidate_id: str) -> list[Application]: ...

    def delete_applications(self, applications: Iterable[Application]) -> None: ...


class AuditLog(Protocol):
    def append(self, entry: AuditEntry) -> None:
        """Idempotent per (application, event id)."""
        ...

    def trail(self, tenant: str, application_id: str) -> list[AuditEntry]: ...

    def delete_trail(self, tenant: str, application_id: str) -> int: ...


class TombstoneRepository(Protocol):
    def put_tombstone(self, tombstone: Tombstone) -> None: ...

    def has_tombstone(self, tenant: str, candidate_hash: str) -> bool: ...


class DocumentStore(Protocol):
    def read_external(self, bucket: str, key: str, version_id: str | None, max_bytes: int) -> bytes:
        """Read an ATS-provided object; raises DocumentTooLarge past max_bytes, DocumentUnavailable if absent."""
        ...

    def put_resume(
        self, tenant: str, candidate_id: str, application_id: str, content: bytes, content_type: str
    ) -> StoredDocument: ...

    def delete_candidate_documents(self, tenant: str, candidate_id: str) -> int: ...


class DeadLetters(Protocol):
    def send(self, reason: str, record: dict[str, object]) -> None:
        """Park a record that can never be processed, with the reason, in the failure destination."""
        ...
