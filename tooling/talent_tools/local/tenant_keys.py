"""The local stack's secrets: each tenant's signing key and the tombstone key, in the local SSM (moto).

Local keys are derived from the tenant's name by a public rule, so the committed sample events in events/
can carry valid signatures and any local producer can sign as any tenant: they protect nothing and must
never be written to a real AWS account (the functions here only ever write to a local endpoint). In AWS,
keys are random, created per tenant by whoever onboards the tenant (docs/security.md).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any

from botocore.exceptions import ClientError

from talent.contracts.signing import signature_headers

LOCAL_TENANTS = ("acme", "globex")  # the demo's tenant and the one the HR API examples use as "another"
LOCAL_KEY_VERSION = 1  # a parameter's first version; local keys are never rotated
_PUBLIC_SALT = b"talent local stack only, not a secret\x00"
_SIGNER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")  # a tenant that can have a key (SSM name rules)


def local_signing_key(tenant: str) -> bytes:
    return hashlib.sha256(_PUBLIC_SALT + b"signing\x00" + tenant.encode()).digest()


def local_tombstone_key() -> bytes:
    return hashlib.sha256(_PUBLIC_SALT + b"tombstone").digest()


def sign_locally(tenant: str, *, topic: str, record_key: bytes | None, value: bytes) -> list[tuple[str, bytes]]:
    """The headers that sign a record as `tenant` with its local key."""
    return signature_headers(
        local_signing_key(tenant),
        tenant=tenant,
        key_version=LOCAL_KEY_VERSION,
        topic=topic,
        record_key=record_key,
        value=value,
    )


def _put_once(ssm: Any, name: str, key: bytes) -> None:
    try:
        ssm.put_parameter(Name=name, Value=key.hex(), Type="SecureString", Overwrite=False)
    except ClientError as exc:
        if exc.response.get("Error", {}).get("Code") != "ParameterAlreadyExists":
            raise


def ensure_local_secrets(ssm: Any, environment: Mapping[str, str], tenants: Iterable[str] = LOCAL_TENANTS) -> None:
    """Write the tombstone key and `tenants`' signing keys where a function's `environment` says they are.

    Idempotent: an existing parameter is left as it is (its version stays LOCAL_KEY_VERSION).
    """
    _put_once(ssm, environment["TOMBSTONE_KEY_PARAMETER"], local_tombstone_key())
    for tenant in dict.fromkeys(t for t in tenants if _SIGNER.match(t)):
        _put_once(ssm, f"{environment['SIGNING_KEYS_PATH']}{tenant}", local_signing_key(tenant))


def signers(kafka_event: Mapping[str, Any]) -> set[str]:
    """The tenants the records of a Lambda Kafka event are signed as (header values, unverified)."""
    found: set[str] = set()
    for records in (kafka_event.get("records") or {}).values():
        for record in records:
            for header in record.get("headers") or []:
                raw = header.get("talent-tenant") if isinstance(header, dict) else None
                if isinstance(raw, list):
                    try:
                        found.add(bytes(raw).decode("ascii"))
                    except (ValueError, UnicodeDecodeError):
                        continue
    return found
