"""Translate botocore errors into the project's own, by error code (never by message text)."""

from __future__ import annotations

from botocore.exceptions import ClientError

from talent.domain.errors import TransientStoreError

TRANSIENT_CODES = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "Throttling",
        "RequestLimitExceeded",
        "InternalServerError",
        "ServiceUnavailable",
        "SlowDown",
        "RequestTimeout",
        "TransactionConflictException",
    }
)


def error_code(exc: ClientError) -> str:
    return str(exc.response.get("Error", {}).get("Code", ""))


def raise_if_transient(exc: ClientError, what: str) -> None:
    code = error_code(exc)
    if code in TRANSIENT_CODES:
        raise TransientStoreError(f"{what}: {code}") from exc
