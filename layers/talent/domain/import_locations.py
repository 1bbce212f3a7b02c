"""Where a resume sent by reference may be read from: the event's own tenant's prefix of the import bucket.

An ATS that sends a resume by reference drops it at `s3://<import bucket>/tenants/<tenant>/...` first. The
tenant comes from the event, so a location elsewhere (another tenant's prefix, the documents bucket where
every tenant's stored resumes live, the lake, the model artifacts, any other bucket) is refused before
anything is read: intake used to fetch whatever bucket and key an event named, and a producer for one
tenant could have another tenant's stored resume copied under its own (issue 15, finding 1).
"""

from __future__ import annotations

from collections.abc import Iterable

from talent.contracts.documents import S3Document
from talent.domain.errors import RecordRefused

# One reason for every refused location: it must not say whether the object exists or whose it is.
REFUSED_LOCATION = "the resume location is not an import location of this tenant"


def tenant_import_prefix(tenant: str) -> str:
    return f"tenants/{tenant}/"


class ImportLocations:
    """The allow-list of by-reference resume locations: per tenant, one prefix of one bucket."""

    def __init__(self, import_bucket: str, *, platform_buckets: Iterable[str]) -> None:
        """`platform_buckets` are the buckets the platform itself writes (documents, lake, artifacts): the
        import bucket must be none of them, or the allow-list would open them to every producer."""
        if import_bucket in set(platform_buckets):
            raise ValueError("the import bucket must not be one of the platform's own buckets")
        self._bucket = import_bucket

    def allows(self, tenant: str, location: S3Document) -> bool:
        if location.bucket != self._bucket:
            return False
        prefix = tenant_import_prefix(tenant)
        if not location.key.startswith(prefix):
            return False
        # S3 keys are opaque (".." is not resolved by S3), but refuse what a proxy, an SDK or a future
        # filesystem-backed store might resolve, so the allow-list means the same everywhere.
        segments = location.key[len(prefix) :].split("/")
        return all(segment not in ("", ".", "..") for segment in segments) and location.key.isprintable()

    def check(self, tenant: str, location: S3Document) -> None:
        """Raise RecordRefused (one reason for every refusal) unless `location` is this tenant's."""
        if not self.allows(tenant, location):
            raise RecordRefused(REFUSED_LOCATION)
