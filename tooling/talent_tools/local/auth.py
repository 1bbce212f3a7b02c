"""A local token authority standing in for the HR user pool and API Gateway's Cognito authorizer.

Tokens are real RS256 JWTs shaped like Cognito ID tokens. The private key lives under the local
state dir (gitignored), so tokens stay valid across restarts of the local stack.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

LOCAL_ISSUER = "http://127.0.0.1/local-cognito/talent-hr-local"
LOCAL_CLIENT_ID = "talent-local-hr-client"
DEFAULT_KEY_DIR = Path(".local") / "jwt"
KEY_FILE = "private.pem"
TENANT_CLAIM = "custom:tenant_id"
GROUPS_CLAIM = "cognito:groups"  # roles are Cognito groups, which only an administrator grants
_REQUIRED = ("iss", "aud", "sub", "exp", "iat", "token_use", TENANT_CLAIM)
# API Gateway's Cognito authorizer renders these claims as dates, e.g. "Wed May 18 12:31:07 UTC 2022".
_DATE_CLAIMS = ("exp", "iat")


class AuthFailure(StrEnum):
    """Why a token was refused (reason codes, not secrets)."""

    MISSING_TOKEN = "missing_token"  # noqa: S105
    MALFORMED = "malformed"
    BAD_SIGNATURE = "bad_signature"
    EXPIRED = "expired"
    WRONG_ISSUER = "wrong_issuer"
    WRONG_AUDIENCE = "wrong_audience"
    WRONG_TOKEN_USE = "wrong_token_use"  # noqa: S105
    MISSING_CLAIM = "missing_claim"


class Unauthorized(Exception):
    """The request carries no usable token; API Gateway answers 401 without invoking the function."""

    def __init__(self, reason: AuthFailure, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else str(reason))
        self.reason = reason
        self.detail = detail


def load_or_create_key(key_dir: Path) -> rsa.RSAPrivateKey:
    """The authority's RSA key: read from key_dir, or generated there (0600) on first use."""
    path = key_dir / KEY_FILE
    if not path.exists():
        key_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        _publish_new_key(path)
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise TypeError(f"{path} does not hold an RSA private key")
    return key


def _publish_new_key(path: Path) -> None:
    # Written aside then hard-linked into place: a concurrent starter either wins or loads ours.
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(pem)
        with contextlib.suppress(FileExistsError):
            os.link(tmp, path)
    finally:
        tmp.unlink()


class LocalAuthority:
    """Issues and verifies Cognito-shaped ID tokens; the local HrJwt authorizer."""

    def __init__(
        self,
        key: rsa.RSAPrivateKey,
        issuer: str = LOCAL_ISSUER,
        audience: str = LOCAL_CLIENT_ID,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._key = key
        self._public_key = key.public_key()
        self.issuer = issuer
        self.audience = audience
        self._clock = clock

    @classmethod
    def from_dir(cls, key_dir: Path = DEFAULT_KEY_DIR, **kwargs: Any) -> LocalAuthority:
        return cls(load_or_create_key(key_dir), **kwargs)

    def issue_token(self, sub: str, tenant_id: str, roles: list[str], ttl_s: int = 3600) -> str:
        if not tenant_id:
            raise ValueError("tenant_id must not be empty")
        if any(not role or "," in role or any(c.isspace() for c in role) for role in roles):
            raise ValueError("roles must be non-empty and contain no comma or whitespace")
        now = int(self._clock())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": self.audience,
            "token_use": "id",
            "sub": sub,
            "cognito:username": sub,
            TENANT_CLAIM: tenant_id,
            "auth_time": now,
            "iat": now,
            "exp": now + ttl_s,
            "jti": str(uuid.uuid4()),
        }
        if roles:  # like Cognito, which leaves the claim out for a user in no group
            claims[GROUPS_CLAIM] = list(roles)
        return jwt.encode(claims, self._key, algorithm="RS256")

    def verify(self, token: str) -> dict[str, Any]:
        """The token's claims, or Unauthorized with the reason it was refused."""
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                self._public_key,
                algorithms=["RS256"],
                audience=self.audience,
                issuer=self.issuer,
                # Time is checked below against the authority's clock, which tests can move.
                options={"require": list(_REQUIRED), "verify_exp": False, "verify_iat": False},
            )
        except jwt.MissingRequiredClaimError as exc:
            raise Unauthorized(AuthFailure.MISSING_CLAIM, exc.claim) from exc
        except jwt.InvalidAudienceError as exc:
            raise Unauthorized(AuthFailure.WRONG_AUDIENCE) from exc
        except jwt.InvalidIssuerError as exc:
            raise Unauthorized(AuthFailure.WRONG_ISSUER) from exc
        except jwt.InvalidSignatureError as exc:
            raise Unauthorized(AuthFailure.BAD_SIGNATURE) from exc
        except jwt.PyJWTError as exc:
            raise Unauthorized(AuthFailure.MALFORMED, type(exc).__name__) from exc
        exp = claims["exp"]
        if isinstance(exp, bool) or not isinstance(exp, int | float):
            raise Unauthorized(AuthFailure.MALFORMED, "exp is not a number")
        if exp <= self._clock():
            raise Unauthorized(AuthFailure.EXPIRED)
        if claims["token_use"] != "id":  # noqa: S105 - Cognito ID tokens only
            raise Unauthorized(AuthFailure.WRONG_TOKEN_USE, str(claims["token_use"]))
        if not isinstance(claims[TENANT_CLAIM], str) or not claims[TENANT_CLAIM]:
            raise Unauthorized(AuthFailure.MISSING_CLAIM, TENANT_CLAIM)
        return claims

    def authorize(self, authorization: str | None) -> dict[str, str]:
        """What the HrJwt authorizer puts in requestContext.authorizer.claims for this header."""
        token = bearer_token(authorization)
        return authorizer_claims(self.verify(token))


def bearer_token(authorization: str | None) -> str:
    """The JWT in an Authorization header; the Cognito authorizer takes it bare or after "Bearer "."""
    value = (authorization or "").strip()
    scheme, _, rest = value.partition(" ")
    token = rest.strip() if scheme.lower() == "bearer" else value
    if not token:
        raise Unauthorized(AuthFailure.MISSING_TOKEN)
    return token


def authorizer_claims(claims: dict[str, Any]) -> dict[str, str]:
    """Claims as API Gateway passes them to the function: every value a string (an array comma-joined)."""
    out: dict[str, str] = {}
    for name, value in claims.items():
        if name in _DATE_CLAIMS and isinstance(value, int):
            out[name] = time.strftime("%a %b %d %H:%M:%S UTC %Y", time.gmtime(value))
        elif isinstance(value, list):
            out[name] = ",".join(str(item) for item in value)
        elif isinstance(value, bool):
            out[name] = str(value).lower()
        else:
            out[name] = str(value)
    return out


def issue_cli_token(
    tenant: str,
    roles: Sequence[str],
    *,
    sub: str | None = None,
    ttl_s: int = 3600,
    key_dir: Path = DEFAULT_KEY_DIR,
) -> str:
    """A token for `talent token --tenant acme --role recruiter`; sub defaults to a per-tenant user."""
    authority = LocalAuthority.from_dir(key_dir)
    return authority.issue_token(sub or f"local-user@{tenant}", tenant, list(roles), ttl_s)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m talent_tools.local.auth", description=__doc__)
    parser.add_argument("--tenant", required=True)
    parser.add_argument("--role", dest="roles", action="append", default=[])
    parser.add_argument("--sub")
    parser.add_argument("--ttl", type=int, default=3600)
    parser.add_argument("--key-dir", type=Path, default=DEFAULT_KEY_DIR)
    args = parser.parse_args(argv)
    token = issue_cli_token(args.tenant, args.roles, sub=args.sub, ttl_s=args.ttl, key_dir=args.key_dir)
    sys.stdout.write(token + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
