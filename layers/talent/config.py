"""Typed configuration, read once at cold start from the function's environment (template.yaml)."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every variable is required unless it has a documented default: no silent defaults for resources."""

    model_config = SettingsConfigDict(case_sensitive=False, extra="ignore", frozen=True)

    stage: str = Field(min_length=1)
    talent_table: str = Field(min_length=1)
    idempotency_table: str = Field(min_length=1)
    documents_bucket: str = Field(min_length=3)
    lake_bucket: str = Field(min_length=3)
    failure_queue_url: str = Field(min_length=1)
    # Raw copies of parked records (the failure-queue message points here); only parking and erasure use it.
    quarantine_bucket: str | None = Field(default=None, min_length=3)
    # Audit entries expire this long after they are written; EU AI Act Art. 19 / 26(6) ask for six months at least.
    audit_retention_days: int = Field(default=400, ge=183)
    max_document_bytes: int = Field(default=10 * 1024 * 1024, gt=0)
    # SSM Parameter Store (SecureString): one signing key per tenant under this path (<path><tenant>), and
    # the key of the tombstone hash. Every function verifies or hashes with them, so both are required.
    signing_keys_path: str = Field(pattern=r"^/[A-Za-z0-9_./-]+/$")
    tombstone_key_parameter: str = Field(pattern=r"^/[A-Za-z0-9_./-]+$")
    # Where ATSs drop resumes they send by reference (tenants/<tenant>/...); only the intake reads it (wiring
    # checks), and with it the platform's own buckets are refused as import locations.
    import_bucket: str | None = Field(default=None, min_length=3)
    # Where screening results are published; only the functions that screen need it (wiring checks).
    kafka_bootstrap_servers: str | None = Field(default=None, min_length=1)
    # s3://bucket/key of the promoted models' pointer (training publishes it); unset: the image's models.
    model_pointer_uri: str | None = Field(default=None, min_length=6)
    # The HR page's sign-in settings (talent.api.sign_in), a JSON String parameter; only the HR API reads it.
    hr_sign_in_parameter: str | None = Field(default=None, pattern=r"^/[A-Za-z0-9_./-]+$")
    # Idempotency records outlive Kafka's default 7-day retention so a full replay changes nothing.
    idempotency_ttl_s: int = Field(default=8 * 24 * 3600, gt=0)


@lru_cache(maxsize=1)
def settings() -> Settings:
    return Settings()  # values come from the environment
