"""Application intake: store good documents, reject bad ones with a reason, never lose or duplicate."""

from __future__ import annotations

import pytest

from talent.domain.applications import ApplicationIntake, IntakeOutcome
from talent.domain.errors import RecordRefused
from talent.domain.import_locations import REFUSED_LOCATION, ImportLocations
from talent.domain.jobs import apply_job_event
from talent.domain.models import ApplicationStatus
from tests.factories import event, inline_resume
from tests.fakes import MemoryDocuments, MemoryStore, erase_in_memory
from tests.signing import HASHER

LIMIT = 64 * 1024
IMPORTS, DOCUMENTS = "talent-local-import-bucket", "talent-local-documents-bucket"
# Where events/ats/application.submitted.s3.json (tenant acme) points.
ACME_IMPORT = (IMPORTS, "tenants/acme/resumes/cand-503/resume.pdf")


def intake(store: MemoryStore, documents: MemoryDocuments | None = None) -> ApplicationIntake:
    imports = ImportLocations(IMPORTS, platform_buckets=(DOCUMENTS,))
    return ApplicationIntake(
        store,
        store,
        store,
        store,
        documents or MemoryDocuments(),
        LIMIT,
        identities=store,
        hasher=HASHER,
        import_locations=imports,
    )


def by_reference(bucket: str, key: str) -> dict[str, object]:
    return {"content_type": "text/plain", "filename": "r.txt", "location": {"kind": "s3", "bucket": bucket, "key": key}}


def test_inline_resume_is_stored_and_application_recorded():
    store, docs = MemoryStore(), MemoryDocuments()
    result = intake(store, docs).accept(event("application.submitted.1"))
    assert result.outcome is IntakeOutcome.ACCEPTED
    application = store.get_application("acme", "app-1001")
    assert application is not None and application.status is ApplicationStatus.RECEIVED
    assert application.document is not None and docs.stored[application.document.key].startswith(b"Avery")
    assert [e.action for e in store.trail("acme", "app-1001")] == ["application.received"]


def test_duplicate_event_changes_nothing():
    store = MemoryStore()
    intake(store).accept(event("application.submitted.1"))
    again = intake(store).accept(event("application.submitted.1", event_id="evt-other"))
    assert again.outcome is IntakeOutcome.DUPLICATE
    assert len(store.trail("acme", "app-1001")) == 1


def test_oversize_inline_document_is_rejected_with_reason():
    store = MemoryStore()
    result = intake(store).accept(event("application.submitted.1", resume=inline_resume(b"x" * (LIMIT + 1))))
    assert result.outcome is IntakeOutcome.REJECTED_DOCUMENT
    assert result.reason is not None and "limit" in result.reason
    application = store.get_application("acme", "app-1001")
    assert application is not None and application.status is ApplicationStatus.REJECTED_DOCUMENT


def test_pdf_that_is_not_a_pdf_is_rejected():
    store = MemoryStore()
    resume = inline_resume(b"MZ\x90\x00 an executable", "application/pdf")
    result = intake(store).accept(event("application.submitted.1", resume=resume))
    assert result.outcome is IntakeOutcome.REJECTED_DOCUMENT
    assert result.reason == "declared application/pdf but the content is not a PDF"


def test_missing_s3_document_is_rejected_not_crashed():
    store = MemoryStore()
    result = intake(store).accept(event("application.submitted.s3"))
    assert result.outcome is IntakeOutcome.REJECTED_DOCUMENT
    assert result.reason == "the resume could not be read from its import location"


def test_s3_document_within_limit_is_copied_into_our_store():
    docs = MemoryDocuments({ACME_IMPORT: b"%PDF-1.7 minimal"})
    store = MemoryStore()
    result = intake(store, docs).accept(event("application.submitted.s3"))
    assert result.outcome is IntakeOutcome.ACCEPTED


def test_another_tenants_stored_resume_is_refused_before_anything_is_read_or_stored():
    # Given acme's stored resume in the documents bucket
    store, docs = MemoryStore(), MemoryDocuments()
    intake(store, docs).accept(event("application.submitted.1"))
    (acme_key,) = docs.stored
    docs.external[(DOCUMENTS, acme_key)] = docs.stored[acme_key]
    # When globex names it as its own applicant's resume
    stolen = event("application.submitted.1", tenant="globex", resume=by_reference(DOCUMENTS, acme_key))
    # Then the record is refused with the one reason, and globex has nothing
    with pytest.raises(RecordRefused) as refused:
        intake(store, docs).accept(stolen)
    assert refused.value.reason == REFUSED_LOCATION
    assert store.get_application("globex", "app-1001") is None
    assert not any(key.startswith("tenants/globex/") for key in docs.stored)


def test_a_refused_location_reads_the_same_whether_or_not_the_object_exists():
    # Given a resume in acme's import location and a key beside it that does not exist
    docs = MemoryDocuments({ACME_IMPORT: b"%PDF-1.7 minimal"})
    missing = (IMPORTS, "tenants/acme/resumes/cand-503/gone.pdf")
    reasons = []
    # When globex names each of them
    for bucket, key in (ACME_IMPORT, missing):
        with pytest.raises(RecordRefused) as refused:
            intake(MemoryStore(), docs).accept(
                event("application.submitted.1", tenant="globex", resume=by_reference(bucket, key))
            )
        reasons.append(refused.value.reason)
    # Then both refusals say the same
    assert reasons == [REFUSED_LOCATION, REFUSED_LOCATION]


def test_without_an_import_bucket_every_reference_is_refused():
    docs = MemoryDocuments({ACME_IMPORT: b"%PDF-1.7 minimal"})
    store = MemoryStore()
    bare = ApplicationIntake(store, store, store, store, docs, LIMIT, identities=store, hasher=HASHER)
    with pytest.raises(RecordRefused):
        bare.accept(event("application.submitted.s3"))


def test_application_to_a_closed_job_is_recorded_but_not_screened():
    store = MemoryStore()
    apply_job_event(event("job.closed", job_id="job-data-eng-1", version=5), store)
    result = intake(store).accept(event("application.submitted.1"))
    assert result.outcome is IntakeOutcome.JOB_CLOSED
    application = store.get_application("acme", "app-1001")
    assert application is not None and application.status is ApplicationStatus.JOB_CLOSED


def test_erased_candidate_is_not_resurrected_by_a_replay():
    store, docs = MemoryStore(), MemoryDocuments()
    intake(store, docs).accept(event("application.submitted.1"))
    erase_in_memory(store, docs, "cand-501")
    replay = intake(store, docs).accept(event("application.submitted.1"))
    assert replay.outcome is IntakeOutcome.ERASED
    assert store.get_application("acme", "app-1001") is None and docs.stored == {}


def test_self_identification_is_stored_apart_and_erased_with_the_candidate():
    # Given an application whose candidate self-identified
    store, docs = MemoryStore(), MemoryDocuments()
    identity = {"sex": "female", "race_ethnicity": "asian"}
    intake(store, docs).accept(event("application.submitted.1", self_identification=identity))
    # Then it is kept only in the identity store, never on the application
    (stored,) = store.self_identifications("acme", "job-data-eng-1")
    assert (stored.sex, stored.race_ethnicity) == ("female", "asian")
    application = store.get_application("acme", "app-1001")
    assert application is not None and "female" not in application.model_dump_json()
    # And erasure removes it
    erase_in_memory(store, docs, "cand-501")
    assert store.self_identifications("acme", "job-data-eng-1") == []
