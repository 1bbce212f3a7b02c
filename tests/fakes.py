"""In-memory stand-ins for the domain's ports, for unit tests of domain logic (no AWS)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

from talent.contracts.events import ScreeningCompletedV1, ScreeningStatus
from talent.domain.errors import DocumentTooLargeToFetch, DocumentUnavailable
from talent.domain.fairness import SelfIdentified
from talent.domain.lake import LakeRow
from talent.domain.models import Application, AuditEntry, Job, Ranking, StoredDocument, Tombstone
from talent.domain.ports import ShortlistRow
from talent.profile.models import ResumeProfile


def _same_inputs(a: Ranking, b: Ranking) -> bool:
    return a.result is not None and b.result is not None and a.result.input_sha256 == b.result.input_sha256


class MemoryStore:
    def __init__(self) -> None:
        self.jobs: dict[tuple[str, str], Job] = {}
        self.applications: dict[tuple[str, str], Application] = {}
        self.audit: dict[tuple[str, str], dict[str, AuditEntry]] = {}  # keyed by event id and action
        self.tombstones: set[tuple[str, str]] = set()
        self.rankings: dict[tuple[str, str], Ranking] = {}
        self.record_claims: dict[tuple[str, str], str] = {}  # cleared whenever a new ranking is stored
        self.identities: dict[tuple[str, str, str], SelfIdentified] = {}

    def get_job(self, tenant: str, job_id: str) -> Job | None:
        return self.jobs.get((tenant, job_id))

    def put_job_if_newer(self, job: Job) -> bool:
        current = self.jobs.get((job.tenant, job.job_id))
        if current is not None and current.version >= job.version:
            return False
        self.jobs[(job.tenant, job.job_id)] = job
        return True

    def list_jobs(self, tenant: str, limit: int, cursor: str | None) -> tuple[list[Job], str | None]:
        jobs = sorted((j for (t, _), j in self.jobs.items() if t == tenant), key=lambda j: j.job_id)
        start = int(cursor or 0)
        end = start + limit
        return jobs[start:end], (str(end) if end < len(jobs) else None)

    def get_application(self, tenant: str, application_id: str) -> Application | None:
        return self.applications.get((tenant, application_id))

    def get_applications(self, tenant: str, application_ids: Sequence[str]) -> dict[str, Application]:
        return {a: found for a in application_ids if (found := self.get_application(tenant, a)) is not None}

    def put_application_if_absent(self, application: Application) -> bool:
        key = (application.tenant, application.application_id)
        if key in self.applications:
            return False
        self.applications[key] = application
        return True

    def save_application(self, application: Application) -> None:
        self.applications[(application.tenant, application.application_id)] = application

    def applications_for_job(self, tenant: str, job_id: str) -> list[Application]:
        return [a for (t, _), a in self.applications.items() if t == tenant and a.job_id == job_id]

    def applications_for_candidate(self, tenant: str, candidate_id: str) -> list[Application]:
        return [a for (t, _), a in self.applications.items() if t == tenant and a.candidate_id == candidate_id]

    def delete_applications(self, applications: Iterable[Application]) -> None:
        for a in list(applications):
            self.applications.pop((a.tenant, a.application_id), None)

    def put_ranking(self, ranking: Ranking, *, stored_as: Application | None = None) -> bool:
        key = (ranking.tenant, ranking.application_id)
        if stored_as is not None and key not in self.applications:
            return False  # erased since the caller stored it
        current = self.rankings.get(key)
        if current is not None and current.job_version > ranking.job_version:
            return False
        if current is not None and current.job_version == ranking.job_version and _same_inputs(current, ranking):
            return False
        self.rankings[key] = ranking
        self.record_claims.pop(key, None)
        return True

    def claim_record(self, ranking: Ranking, claimant: str) -> bool:
        key = (ranking.tenant, ranking.application_id)
        current = self.rankings.get(key)
        if current is None or current.job_version != ranking.job_version or not _same_inputs(current, ranking):
            return False
        return self.record_claims.setdefault(key, claimant) == claimant

    def get_ranking(self, tenant: str, application_id: str) -> Ranking | None:
        return self.rankings.get((tenant, application_id))

    def _screened(self, tenant: str, job_id: str) -> list[Ranking]:
        found = [
            r
            for (t, _), r in self.rankings.items()
            if t == tenant and r.job_id == job_id and r.status is ScreeningStatus.SCREENED and r.result
        ]
        return sorted(found, key=lambda r: (-r.result.score if r.result else 0.0, r.application_id))

    def shortlist(self, tenant: str, job_id: str, limit: int, cursor: str | None) -> tuple[list[Ranking], str | None]:
        ranked = self._screened(tenant, job_id)
        start = int(cursor or 0)
        end = start + limit
        return ranked[start:end], (str(end) if end < len(ranked) else None)

    def shortlist_rows(
        self, tenant: str, job_id: str, limit: int, cursor: str | None
    ) -> tuple[list[ShortlistRow], str | None]:
        rankings, next_cursor = self.shortlist(tenant, job_id, limit, cursor)
        stages = {r.application_id: a.stage for r in rankings if (a := self.get_application(tenant, r.application_id))}
        return [ShortlistRow(r, stages.get(r.application_id)) for r in rankings], next_cursor

    def rank_of(self, ranking: Ranking) -> int:
        ids = [r.application_id for r in self._screened(ranking.tenant, ranking.job_id)]
        return ids.index(ranking.application_id) + 1

    def delete_ranking(self, tenant: str, application_id: str) -> None:
        self.rankings.pop((tenant, application_id), None)
        self.record_claims.pop((tenant, application_id), None)

    def put_self_identification(self, identity: SelfIdentified) -> None:
        self.identities[(identity.tenant, identity.job_id, identity.application_id)] = identity

    def self_identifications(self, tenant: str, job_id: str) -> list[SelfIdentified]:
        return [i for (t, j, _), i in self.identities.items() if t == tenant and j == job_id]

    def delete_self_identification(self, tenant: str, job_id: str, application_id: str) -> None:
        self.identities.pop((tenant, job_id, application_id), None)

    def append(self, entry: AuditEntry) -> None:
        self.audit.setdefault((entry.tenant, entry.application_id), {})[f"{entry.event_id}#{entry.action}"] = entry

    def trail(self, tenant: str, application_id: str) -> list[AuditEntry]:
        return sorted(self.audit.get((tenant, application_id), {}).values(), key=lambda e: e.at)

    def put_tombstone(self, tombstone: Tombstone) -> None:
        self.tombstones.add((tombstone.tenant, tombstone.candidate_hash))

    def has_tombstone(self, tenant: str, candidate_hash: str) -> bool:
        return (tenant, candidate_hash) in self.tombstones


class MemoryDocuments:
    def __init__(self, external: dict[tuple[str, str], bytes] | None = None) -> None:
        self.external = external or {}
        self.stored: dict[str, bytes] = {}
        self.profiles: dict[str, ResumeProfile] = {}

    def read_external(self, bucket: str, key: str, version_id: str | None, max_bytes: int) -> bytes:
        if (bucket, key) not in self.external:
            raise DocumentUnavailable(f"s3://{bucket}/{key} (NoSuchKey)")
        content = self.external[(bucket, key)]
        if len(content) > max_bytes:
            raise DocumentTooLargeToFetch(len(content), max_bytes)
        return content

    def put_resume(
        self, tenant: str, candidate_id: str, application_id: str, content: bytes, content_type: str
    ) -> StoredDocument:
        key = f"tenants/{tenant}/candidates/{candidate_id}/applications/{application_id}/resume"
        self.stored[key] = content
        return StoredDocument(
            key=key, sha256=hashlib.sha256(content).hexdigest(), size_bytes=len(content), content_type=content_type
        )

    def read_stored(self, document: StoredDocument, max_bytes: int) -> bytes:
        if document.key not in self.stored:
            raise DocumentUnavailable(document.key)
        return self.stored[document.key]

    def put_profile(self, tenant: str, candidate_id: str, application_id: str, profile: ResumeProfile) -> str:
        key = f"tenants/{tenant}/candidates/{candidate_id}/applications/{application_id}/profile.json"
        self.profiles[key] = profile
        return key

    def get_profile(self, tenant: str, candidate_id: str, application_id: str) -> ResumeProfile | None:
        return self.profiles.get(
            f"tenants/{tenant}/candidates/{candidate_id}/applications/{application_id}/profile.json"
        )

    def delete_candidate_documents(self, tenant: str, candidate_id: str) -> int:
        prefix = f"tenants/{tenant}/candidates/{candidate_id}/"
        doomed = [k for k in self.stored if k.startswith(prefix)]
        profiles = [k for k in self.profiles if k.startswith(prefix)]
        for key in doomed:
            del self.stored[key]
        for key in profiles:
            del self.profiles[key]
        return len(doomed) + len(profiles)


class ListDeadLetters:
    def __init__(self) -> None:
        self.sent: list[tuple[str, dict[str, object]]] = []

    def send(self, reason: str, record: dict[str, object]) -> None:
        self.sent.append((reason, record))


class MemoryRawRecords:
    """A quarantine in memory, with the S3 adapter's key layout (so erasure's prefix is the real one)."""

    def __init__(self) -> None:
        self.objects: dict[str, bytes] = {}

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
        from talent.adapters.s3_quarantine import raw_record_key

        key = raw_record_key(tenant, candidate_id, topic, partition, offset)
        self.objects[key] = body
        return f"s3://quarantine/{key}"

    def delete_candidate(self, tenant: str, candidate_id: str) -> int:
        doomed = [k for k in self.objects if k.startswith(f"tenants/{tenant}/candidates/{candidate_id}/")]
        for key in doomed:
            del self.objects[key]
        return len(doomed)


class ListPublisher:
    def __init__(self) -> None:
        self.events: list[ScreeningCompletedV1] = []

    def publish(self, event: ScreeningCompletedV1) -> None:
        self.events.append(event)


class MemoryLake:
    def __init__(self) -> None:
        self.rows: dict[str, LakeRow] = {}

    def append(self, row: LakeRow) -> None:
        self.rows[row.row_id] = row

    def delete_candidate(self, tenant: str, candidate_id: str) -> int:
        doomed = [k for k, r in self.rows.items() if r.tenant == tenant and r.candidate_id == candidate_id]
        for key in doomed:
            del self.rows[key]
        return len(doomed)


def erase_in_memory(
    store: MemoryStore,
    docs: MemoryDocuments,
    candidate_id: str,
    tenant: str = "acme",
    lake: MemoryLake | None = None,
    raw_records: MemoryRawRecords | None = None,
) -> Any:
    """Run the erasure domain code on the in-memory store and documents (every port they play)."""
    from talent.domain.erasure import erase_candidate
    from tests.factories import event
    from tests.signing import HASHER

    request = event("candidate.erasure_requested", tenant=tenant, candidate_id=candidate_id)
    lake = lake if lake is not None else MemoryLake()
    raw_records = raw_records if raw_records is not None else MemoryRawRecords()
    return erase_candidate(
        request,
        store,
        store,
        docs,
        store,
        rankings=store,
        identities=store,
        lake=lake,
        hasher=HASHER,
        raw_records=raw_records,
    )
