"""Verify a Kafka record's signed envelope before its event is processed: a producer writes only its own tenant.

Every Kafka-consuming function goes through handle_kafka_batch, which calls `EnvelopeVerifier.verify` for
each record once its event has parsed (a parse touches nothing) and before anything is read or written
for it. A record that fails is refused with a reason that names the broken rule and the two tenants it
compared; no key material and nothing of the payload goes into the reason.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Mapping, Sequence

from talent.contracts.registry import AnyEvent, InvalidEvent
from talent.contracts.signing import (
    KEY_VERSION_HEADER,
    SIGNATURE_HEADER,
    SIGNING_HEADERS,
    TENANT_HEADER,
    signature,
)
from talent.domain.signing_keys import SigningKeys, UnknownSigningKey

# A tenant that signs: the envelope's Identifier without ':' (SSM names cannot hold one, record keys split on it).
_TENANT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")
_VERSION = re.compile(r"^[1-9][0-9]{0,8}$")
_HEX_SIGNATURE = re.compile(r"^[0-9a-f]{64}$")


def source_tenant(source: str) -> str | None:
    """The tenant a source names, if it names one: `urn:ats:<ats>:<tenant>` (`urn:ats:<ats>` names none)."""
    parts = source.split(":")
    if len(parts) >= 4 and parts[0] == "urn" and parts[1] == "ats":
        return parts[3]
    return None


def _signing_headers(headers: Sequence[Mapping[str, Sequence[int]]], event_id: str | None) -> dict[str, str]:
    found: dict[str, str] = {}
    for header in headers:
        for name, raw in header.items():
            if name not in SIGNING_HEADERS:
                continue
            if name in found:  # two signers on one record: which one counts would be the attacker's choice
                raise InvalidEvent(f"record carries the {name} header more than once", event_id=event_id)
            try:
                found[name] = bytes(raw).decode("ascii")
            except (UnicodeDecodeError, ValueError) as exc:
                raise InvalidEvent(f"the {name} header is not ASCII", event_id=event_id) from exc
    missing = [name for name in SIGNING_HEADERS if name not in found]
    if missing:
        raise InvalidEvent(f"unsigned record: no {', '.join(missing)} header", event_id=event_id)
    return found


class EnvelopeVerifier:
    def __init__(self, keys: SigningKeys) -> None:
        self._keys = keys

    def verify(
        self,
        event: AnyEvent,
        *,
        topic: str,
        record_key: bytes | None,
        value: bytes,
        headers: Sequence[Mapping[str, Sequence[int]]],
    ) -> str:
        """Return the signer's tenant, or raise InvalidEvent (parked, never processed) with the reason.

        TransientStoreError from the key store propagates: the record is retried, not refused.
        """
        signer = self._verified_signer(
            topic=topic, record_key=record_key, value=value, headers=headers, event_id=event.id
        )
        self._check_binding(signer, event, record_key)
        return signer

    def signer_of(
        self,
        *,
        topic: str,
        record_key: bytes | None,
        value: bytes | None,
        headers: Sequence[Mapping[str, Sequence[int]]],
    ) -> str | None:
        """The tenant whose key signed this record, whatever the record holds; None if no valid signature.

        For a record that will be parked (its event may not even parse): its raw copy is kept under the
        tenant that provably sent it, never under the tenant its body claims. TransientStoreError propagates.
        """
        if value is None:
            return None
        try:
            return self._verified_signer(
                topic=topic, record_key=record_key, value=value, headers=headers, event_id=None
            )
        except InvalidEvent:
            return None

    def _verified_signer(
        self,
        *,
        topic: str,
        record_key: bytes | None,
        value: bytes,
        headers: Sequence[Mapping[str, Sequence[int]]],
        event_id: str | None,
    ) -> str:
        found = _signing_headers(headers, event_id)
        signer, version = found[TENANT_HEADER], found[KEY_VERSION_HEADER]
        if not _TENANT.match(signer):
            raise InvalidEvent("the talent-tenant header is not a tenant id", event_id=event_id)
        if not _VERSION.match(version):
            raise InvalidEvent("the talent-key-version header is not a key version", event_id=event_id)
        if not _HEX_SIGNATURE.match(found[SIGNATURE_HEADER]):
            raise InvalidEvent("the talent-signature header is not an HMAC-SHA256 hex digest", event_id=event_id)
        try:
            key = self._keys.key(signer, int(version))
        except UnknownSigningKey as exc:
            raise InvalidEvent(f"no signing key for tenant {signer} version {version}", event_id=event_id) from exc
        expected = signature(
            key, tenant=signer, key_version=int(version), topic=topic, record_key=record_key, value=value
        )
        if not hmac.compare_digest(expected, found[SIGNATURE_HEADER]):
            raise InvalidEvent(f"bad signature for tenant {signer} version {version}", event_id=event_id)
        return signer

    @staticmethod
    def _check_binding(signer: str, event: AnyEvent, record_key: bytes | None) -> None:
        """A valid signature proves who sent the record; the record must also be about that sender's tenant."""
        if event.tenant != signer:
            raise InvalidEvent(f"signed by tenant {signer} but the event's tenant is {event.tenant}", event_id=event.id)
        if record_key is not None and not record_key.startswith(f"{signer}:".encode()):
            raise InvalidEvent(f"record key is not prefixed by the signer's tenant {signer}", event_id=event.id)
        named = source_tenant(event.source)
        if named is not None and named != signer:
            raise InvalidEvent(f"signed by tenant {signer} but the source names tenant {named}", event_id=event.id)
