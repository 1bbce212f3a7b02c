"""SSM Parameter Store: secrets (SecureString, hex-encoded: tenants' signing keys, the tombstone key) and the
HR page's sign-in settings (a plain JSON String).

Layout (documented in docs/security.md; the functions' role may read only these names):
  <signing keys path><tenant>   one parameter per tenant; its versions are the key's versions
  <tombstone key parameter>     the key of the tombstone hash

Signing keys are cached per (tenant, version) for `ttl_s`: one parameter-store call per tenant and cold
start in the steady state, and a deleted (revoked) key stops verifying within `ttl_s`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import boto3
from botocore.exceptions import ClientError

from talent.adapters.aws_errors import error_code, raise_if_transient
from talent.domain.signing_keys import UnknownSigningKey

# The parameter (or that version of it) does not exist, or the name is not one SSM accepts.
_UNKNOWN_CODES = frozenset({"ParameterNotFound", "ParameterVersionNotFound", "ValidationException"})
SIGNING_KEY_TTL_S = 300.0
MIN_KEY_BYTES = 32


def _decode_key(value: str) -> bytes:
    try:
        key = bytes.fromhex(value)
    except ValueError as exc:
        raise UnknownSigningKey("the parameter does not hold a hex-encoded key") from exc
    if len(key) < MIN_KEY_BYTES:
        raise UnknownSigningKey(f"the parameter holds a key shorter than {MIN_KEY_BYTES} bytes")
    return key


def _value(client: Any, name: str) -> str | None:
    """The parameter's value, or None where it (or that version) does not exist."""
    try:
        return str(client.get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"])
    except ClientError as exc:
        raise_if_transient(exc, f"reading parameter {name}")
        if error_code(exc) in _UNKNOWN_CODES:
            return None
        raise


def _get(client: Any, name: str) -> str:
    value = _value(client, name)
    if value is None:
        raise UnknownSigningKey(f"parameter {name} does not exist")
    return value


class SsmSigningKeys:
    """SigningKeys from `<path><tenant>:<version>` (SSM's version selector)."""

    def __init__(
        self,
        path: str,
        *,
        client: Any | None = None,
        ttl_s: float = SIGNING_KEY_TTL_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not path.startswith("/") or not path.endswith("/"):
            raise ValueError("the signing keys path starts and ends with '/'")
        self._path = path
        self._client = client or boto3.client("ssm")
        self._ttl_s = ttl_s
        self._clock = clock
        self._cache: dict[tuple[str, int], tuple[float, bytes]] = {}

    def key(self, tenant: str, version: int) -> bytes:
        now = self._clock()
        cached = self._cache.get((tenant, version))
        if cached is not None and now - cached[0] < self._ttl_s:
            return cached[1]
        key = _decode_key(_get(self._client, f"{self._path}{tenant}:{version}"))
        self._cache[(tenant, version)] = (now, key)
        return key


def read_secret_key(name: str, *, client: Any | None = None) -> bytes:
    """A hex-encoded key held in one SecureString parameter (the tombstone key); read once per cold start."""
    try:
        return _decode_key(_get(client or boto3.client("ssm"), name))
    except UnknownSigningKey as exc:
        # Not a record's fault: without its key the function cannot run at all.
        raise RuntimeError(f"secret parameter {name} is missing or unusable: {exc}") from exc


class PlainParameters:
    """Plain String parameters (the HR page's sign-in settings), through one client per environment."""

    def __init__(self, *, client: Any | None = None) -> None:
        self._client = client or boto3.client("ssm")

    def read(self, name: str) -> str | None:
        """The value, or None where the parameter does not exist (yet)."""
        return _value(self._client, name)
