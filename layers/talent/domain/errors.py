"""The project's own exceptions; adapters translate SDK errors into these."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the domain raises on purpose."""


class TransientStoreError(DomainError):
    """A store is throttling or unavailable: the record is retried (the batch reports it failed)."""


class DocumentUnavailable(DomainError):
    """The referenced document does not exist or cannot be read with our permissions."""


class NotFound(DomainError):
    pass


class DocumentTooLargeToFetch(DomainError):
    """Intake refused to fetch a resume (inline or at its import location) past the byte limit: never read.

    Not `talent.documents.DocumentTooLarge`, which the reader raises for a document it did fetch but will not
    use (too many bytes or characters), with a code and a message for the recruiter.
    """

    def __init__(self, size_bytes: int, limit_bytes: int) -> None:
        super().__init__(f"document is larger than the {limit_bytes}-byte limit ({size_bytes} bytes or more)")
        self.size_bytes = size_bytes
        self.limit_bytes = limit_bytes


class RecordRefused(DomainError):
    """The record can never be processed as sent: it is parked in the failure destination with `reason`.

    The reason is read by whoever works the failure queue, so it names the rule broken, never another
    tenant's data or whether an object exists.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class InvalidPageCursor(DomainError):
    """A page cursor that this store did not hand out for this query (forged, edited or another query's)."""

    def __init__(self) -> None:
        super().__init__("invalid page cursor")
