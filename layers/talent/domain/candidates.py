"""A candidate's handle in a tombstone: a hash, so the ATS's candidate id itself is not kept.

The hash is unkeyed: an attacker who can enumerate the ATS's candidate ids could confirm one was
erased. A keyed hash with a managed secret is the follow-up (see docs/architecture.md).
"""

from __future__ import annotations

import hashlib


def candidate_hash(tenant: str, candidate_id: str) -> str:
    return hashlib.sha256(f"{tenant}\x1f{candidate_id}".encode()).hexdigest()
