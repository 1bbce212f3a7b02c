"""Where verification gets a tenant's signing key: a port the runtime talks to, implemented by an adapter."""

from __future__ import annotations

from typing import Protocol

from talent.domain.errors import DomainError


class UnknownSigningKey(DomainError):
    """No usable key for this tenant and version: the record's signer is unknown (never retried)."""


class SigningKeys(Protocol):
    def key(self, tenant: str, version: int) -> bytes:
        """The tenant's signing key at `version`; raises UnknownSigningKey when there is none, or
        TransientStoreError when the store cannot answer now (the record is retried)."""
        ...
