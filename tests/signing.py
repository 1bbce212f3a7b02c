"""Test doubles for signed envelopes and the keyed tombstone hash: in-memory keys, no parameter store."""

from __future__ import annotations

from talent.domain.candidates import CandidateHasher
from talent.domain.signing_keys import UnknownSigningKey
from talent_tools.local.tenant_keys import LOCAL_KEY_VERSION, local_signing_key

HASHER = CandidateHasher(b"tombstone key of the unit tests!")


class LocalKeys:
    """SigningKeys holding every tenant's local key at the local version, except the tenants in `unknown`."""

    def __init__(self, *unknown: str) -> None:
        self.unknown = set(unknown)
        self.asked: list[tuple[str, int]] = []

    def key(self, tenant: str, version: int) -> bytes:
        self.asked.append((tenant, version))
        if tenant in self.unknown or version != LOCAL_KEY_VERSION:
            raise UnknownSigningKey(f"{tenant} version {version}")
        return local_signing_key(tenant)
