"""The local HrJwt authority: real RS256 tokens, refused for the reasons Cognito's authorizer refuses them."""

from __future__ import annotations

import base64
import hmac
import json
import stat
from hashlib import sha256
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from talent_tools.local.auth import (
    LOCAL_CLIENT_ID,
    LOCAL_ISSUER,
    AuthFailure,
    LocalAuthority,
    Unauthorized,
    authorizer_claims,
    bearer_token,
    load_or_create_key,
    main,
)


def _claims(now: float, **overrides: object) -> dict[str, object]:
    claims: dict[str, object] = {
        "iss": LOCAL_ISSUER,
        "aud": LOCAL_CLIENT_ID,
        "token_use": "id",
        "sub": "user-1",
        "custom:tenant_id": "acme",
        "iat": int(now),
        "exp": int(now) + 60,
    }
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


def _refusal(authority: LocalAuthority, token: str) -> Unauthorized:
    with pytest.raises(Unauthorized) as caught:
        authority.verify(token)
    return caught.value


def test_issued_token_verifies_with_tenant_roles_and_id_token_use(authority: LocalAuthority) -> None:
    # Given a token issued for a recruiter of tenant acme
    token = authority.issue_token("user-1", "acme", ["recruiter", "admin"])

    # When it is verified
    claims = authority.verify(token)

    # Then it carries the Cognito ID token claims the HR API reads
    assert (claims["sub"], claims["cognito:username"], claims["token_use"]) == ("user-1", "user-1", "id")
    assert (claims["custom:tenant_id"], claims["cognito:groups"]) == ("acme", ["recruiter", "admin"])
    assert "custom:roles" not in claims
    assert (claims["iss"], claims["aud"]) == (LOCAL_ISSUER, LOCAL_CLIENT_ID)


def test_issued_token_is_rs256(authority: LocalAuthority) -> None:
    token = authority.issue_token("user-1", "acme", ["recruiter"])

    assert jwt.get_unverified_header(token)["alg"] == "RS256"


def test_expired_token_is_refused(rsa_key: rsa.RSAPrivateKey, now: float) -> None:
    # Given a token that lived 60 s, checked 61 s after issue
    token = LocalAuthority(rsa_key, clock=lambda: now).issue_token("user-1", "acme", [], ttl_s=60)
    later = LocalAuthority(rsa_key, clock=lambda: now + 61)

    # When / Then
    assert _refusal(later, token).reason is AuthFailure.EXPIRED


def test_token_signed_by_another_key_is_refused(
    authority: LocalAuthority, other_rsa_key: rsa.RSAPrivateKey, now: float
) -> None:
    token = LocalAuthority(other_rsa_key, clock=lambda: now).issue_token("user-1", "acme", [])

    assert _refusal(authority, token).reason is AuthFailure.BAD_SIGNATURE


def test_token_for_another_audience_is_refused(rsa_key: rsa.RSAPrivateKey, now: float) -> None:
    token = LocalAuthority(rsa_key, audience="another-client", clock=lambda: now).issue_token("u", "acme", [])

    assert _refusal(LocalAuthority(rsa_key, clock=lambda: now), token).reason is AuthFailure.WRONG_AUDIENCE


def test_token_from_another_issuer_is_refused(rsa_key: rsa.RSAPrivateKey, now: float) -> None:
    token = LocalAuthority(rsa_key, issuer="https://elsewhere", clock=lambda: now).issue_token("u", "acme", [])

    assert _refusal(LocalAuthority(rsa_key, clock=lambda: now), token).reason is AuthFailure.WRONG_ISSUER


def test_token_with_tampered_tenant_is_refused(authority: LocalAuthority) -> None:
    # Given a valid token whose payload is rewritten to another tenant, signature kept
    header, payload, signature = authority.issue_token("user-1", "acme", ["recruiter"]).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["custom:tenant_id"] = "globex"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()

    # When / Then
    assert _refusal(authority, f"{header}.{forged}.{signature}").reason is AuthFailure.BAD_SIGNATURE


def test_token_without_tenant_claim_is_refused(
    authority: LocalAuthority, rsa_key: rsa.RSAPrivateKey, now: float
) -> None:
    token = jwt.encode(_claims(now, **{"custom:tenant_id": None}), rsa_key, algorithm="RS256")

    refusal = _refusal(authority, token)

    assert (refusal.reason, refusal.detail) == (AuthFailure.MISSING_CLAIM, "custom:tenant_id")


def test_token_with_empty_tenant_claim_is_refused(
    authority: LocalAuthority, rsa_key: rsa.RSAPrivateKey, now: float
) -> None:
    token = jwt.encode(_claims(now, **{"custom:tenant_id": ""}), rsa_key, algorithm="RS256")

    assert _refusal(authority, token).reason is AuthFailure.MISSING_CLAIM


def test_access_token_is_refused(authority: LocalAuthority, rsa_key: rsa.RSAPrivateKey, now: float) -> None:
    token = jwt.encode(_claims(now, token_use="access"), rsa_key, algorithm="RS256")

    assert _refusal(authority, token).reason is AuthFailure.WRONG_TOKEN_USE


def test_hmac_token_keyed_with_the_public_key_is_refused(
    authority: LocalAuthority, rsa_key: rsa.RSAPrivateKey, now: float
) -> None:
    # Given the classic algorithm-confusion forgery: HS256 with the public key as the secret
    public_pem = rsa_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    header = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').rstrip(b"=")
    payload = base64.urlsafe_b64encode(json.dumps(_claims(now)).encode()).rstrip(b"=")
    signing_input = header + b"." + payload
    signature = base64.urlsafe_b64encode(hmac.new(public_pem, signing_input, sha256).digest()).rstrip(b"=")
    token = (signing_input + b"." + signature).decode()

    assert _refusal(authority, token).reason is AuthFailure.MALFORMED


def test_garbage_is_refused_as_malformed(authority: LocalAuthority) -> None:
    assert _refusal(authority, "not-a-jwt").reason is AuthFailure.MALFORMED


@pytest.mark.parametrize("header", [None, "", "Bearer ", "Bearer    "])
def test_missing_bearer_token_is_refused(authority: LocalAuthority, header: str | None) -> None:
    with pytest.raises(Unauthorized) as caught:
        authority.authorize(header)

    assert caught.value.reason is AuthFailure.MISSING_TOKEN


@pytest.mark.parametrize("prefix", ["Bearer ", "bearer ", ""])
def test_bearer_token_is_taken_with_or_without_scheme(prefix: str) -> None:
    assert bearer_token(f"{prefix}abc.def.ghi") == "abc.def.ghi"


def test_authorize_gives_claims_as_api_gateway_strings(authority: LocalAuthority, now: float) -> None:
    # Given a valid Authorization header
    token = authority.issue_token("user-1", "acme", ["recruiter"], ttl_s=3600)

    # When the authorizer runs
    claims = authority.authorize(f"Bearer {token}")

    # Then every value is a string, dates rendered the way API Gateway's Cognito authorizer does
    assert all(isinstance(value, str) for value in claims.values())
    assert claims["custom:tenant_id"] == "acme"
    assert claims["iat"] == "Fri Jan 15 08:00:00 UTC 2027"
    assert claims["auth_time"] == str(int(now))


def test_authorizer_claims_render_booleans_in_lower_case() -> None:
    assert authorizer_claims({"email_verified": True}) == {"email_verified": "true"}


def test_key_is_created_private_and_reused(tmp_path: Path, now: float) -> None:
    # Given a key created on first use
    first = LocalAuthority(load_or_create_key(tmp_path / "jwt"), clock=lambda: now)
    token = first.issue_token("user-1", "acme", [])

    # When a second authority loads the same directory
    second = LocalAuthority(load_or_create_key(tmp_path / "jwt"), clock=lambda: now)

    # Then it accepts the first one's tokens, and the key file is readable by its owner only
    assert second.verify(token)["sub"] == "user-1"
    assert stat.S_IMODE((tmp_path / "jwt" / "private.pem").stat().st_mode) == 0o600


@pytest.mark.parametrize("roles", [["recruiter,admin"], [""]])
def test_issue_token_rejects_roles_that_would_corrupt_the_claim(authority: LocalAuthority, roles: list[str]) -> None:
    with pytest.raises(ValueError, match="roles"):
        authority.issue_token("user-1", "acme", roles)


def test_cli_prints_a_token_for_the_tenant_and_roles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # When the CLI helper is asked for a recruiter token of acme
    code = main(["--tenant", "acme", "--role", "recruiter", "--key-dir", str(tmp_path / "jwt")])

    # Then it prints one token that the authority of that key directory accepts
    token = capsys.readouterr().out.strip()
    claims = LocalAuthority.from_dir(tmp_path / "jwt").verify(token)
    assert code == 0
    assert (claims["custom:tenant_id"], claims["cognito:groups"]) == ("acme", ["recruiter"])
