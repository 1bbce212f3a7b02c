"""RSA keys are slow to make: one pair per session serves every unit test of the local authority."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from talent_tools.local.auth import LocalAuthority

NOW = 1_800_000_000.0


@pytest.fixture(scope="session")
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="session")
def other_rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def now() -> float:
    return NOW


@pytest.fixture
def authority(rsa_key: rsa.RSAPrivateKey) -> LocalAuthority:
    return LocalAuthority(rsa_key, clock=lambda: NOW)
