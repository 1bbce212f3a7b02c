"""Signed envelopes: how a producer proves which tenant a Kafka record comes from.

Every record an ATS publishes carries three headers: the tenant it signs as, the version of that tenant's
signing key, and an HMAC-SHA256 under that key of the record's topic, key and value (the exact bytes on
the wire). Consumers recompute it with the tenant's key from the parameter store and refuse a record whose
signer is not the tenant of its body, its record key or its source. The key never travels with the record.
"""

from __future__ import annotations

import hashlib
import hmac

TENANT_HEADER = "talent-tenant"
KEY_VERSION_HEADER = "talent-key-version"
SIGNATURE_HEADER = "talent-signature"
SIGNING_HEADERS = (TENANT_HEADER, KEY_VERSION_HEADER, SIGNATURE_HEADER)

# Bumped if what is signed ever changes, so an old signature can never verify under a new rule.
_SCHEME = b"talent-envelope-v1"
MIN_KEY_BYTES = 32


def signature(key: bytes, *, tenant: str, key_version: int, topic: str, record_key: bytes | None, value: bytes) -> str:
    """Hex HMAC-SHA256 over the scheme, signer, key version, topic, record key and value.

    Each part is length-prefixed, so no two different records sign the same bytes (a null key and an empty
    key differ too).
    """
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(f"a signing key needs at least {MIN_KEY_BYTES} bytes")
    mac = hmac.new(key, digestmod=hashlib.sha256)
    parts: tuple[bytes | None, ...] = (_SCHEME, tenant.encode(), str(key_version).encode(), topic.encode(), record_key)
    for part in (*parts, value):
        if part is None:
            mac.update(b"\xff" * 8)
            continue
        mac.update(len(part).to_bytes(8, "big"))
        mac.update(part)
    return mac.hexdigest()


def signature_headers(
    key: bytes, *, tenant: str, key_version: int, topic: str, record_key: bytes | None, value: bytes
) -> list[tuple[str, bytes]]:
    """The Kafka headers a producer adds to sign one record as `tenant`."""
    digest = signature(key, tenant=tenant, key_version=key_version, topic=topic, record_key=record_key, value=value)
    return [
        (TENANT_HEADER, tenant.encode()),
        (KEY_VERSION_HEADER, str(key_version).encode()),
        (SIGNATURE_HEADER, digest.encode()),
    ]
