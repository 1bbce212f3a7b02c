"""A candidate's handle in a tombstone: a keyed hash, so the ATS's candidate id itself is not kept.

Keyed (HMAC-SHA256 under a secret from the parameter store) rather than a plain hash: candidate ids are
short and often sequential, so a plain hash of tenant and id could be matched against guessed ids by
anyone who reads the table, telling them who asked to be erased. Without the key the hash says nothing.
The tenant is part of the hashed input and of the tombstone's storage key: an erasure in one tenant never
blocks a candidate id in another.
"""

from __future__ import annotations

import hashlib
import hmac

MIN_KEY_BYTES = 32


class CandidateHasher:
    def __init__(self, key: bytes) -> None:
        if len(key) < MIN_KEY_BYTES:
            raise ValueError(f"the tombstone key needs at least {MIN_KEY_BYTES} bytes")
        self._key = key

    def __call__(self, tenant: str, candidate_id: str) -> str:
        mac = hmac.new(self._key, digestmod=hashlib.sha256)
        for part in (tenant.encode(), candidate_id.encode()):
            mac.update(len(part).to_bytes(8, "big"))
            mac.update(part)
        return mac.hexdigest()
