"""Resumes by reference: only the event's own tenant's prefix of the import bucket is read (issue 15, finding 1)."""

from __future__ import annotations

import pytest

from talent.contracts.documents import S3Document
from talent.domain.errors import RecordRefused
from talent.domain.import_locations import REFUSED_LOCATION, ImportLocations

IMPORTS, DOCUMENTS, LAKE, ARTIFACTS = "talent-imports", "talent-documents", "talent-lake", "talent-artifacts"


def locations() -> ImportLocations:
    return ImportLocations(IMPORTS, platform_buckets=(DOCUMENTS, LAKE, ARTIFACTS))


def at(bucket: str, key: str) -> S3Document:
    return S3Document(bucket=bucket, key=key)


def test_the_tenants_own_import_prefix_is_allowed():
    assert locations().allows("acme", at(IMPORTS, "tenants/acme/resumes/cand-503/resume.pdf"))


@pytest.mark.parametrize(
    "location",
    [
        at(IMPORTS, "tenants/globex/resumes/cand-1/resume.pdf"),  # another tenant's import prefix
        at(IMPORTS, "tenants/acme-evil/resume.pdf"),  # a tenant whose name starts with ours
        at(IMPORTS, "tenants/acme"),  # the prefix itself, without the separator
        at(IMPORTS, "tenants/acme/"),  # the prefix, no object
        at(IMPORTS, "resumes/acme/resume.pdf"),  # outside tenants/
        at(IMPORTS, "tenants/acme/../globex/resume.pdf"),  # a segment a proxy or SDK might resolve
        at(IMPORTS, "tenants/acme/./resume.pdf"),
        at(IMPORTS, "tenants/acme//resume.pdf"),
        at(IMPORTS, "tenants/acme/resume\n.pdf"),
        at(DOCUMENTS, "tenants/acme/candidates/cand-501/applications/app-1001/resume.txt"),  # stored resumes
        at(LAKE, "tenants/acme/resume.pdf"),
        at(ARTIFACTS, "tenants/acme/resume.pdf"),
        at("acme-ats-exports", "tenants/acme/resume.pdf"),  # any other bucket
    ],
    ids=lambda location: f"{location.bucket}/{location.key!r}",
)
def test_every_other_location_is_refused_with_one_reason(location):
    with pytest.raises(RecordRefused) as refused:
        locations().check("acme", location)
    assert refused.value.reason == REFUSED_LOCATION


def test_the_refusal_names_no_bucket_key_or_tenant():
    assert not any(word in REFUSED_LOCATION for word in ("globex", "acme", IMPORTS, DOCUMENTS, "404", "s3://"))


@pytest.mark.parametrize("platform_bucket", [DOCUMENTS, LAKE, ARTIFACTS])
def test_a_platform_bucket_cannot_be_configured_as_the_import_bucket(platform_bucket):
    with pytest.raises(ValueError, match="must not be one of the platform's own buckets"):
        ImportLocations(platform_bucket, platform_buckets=(DOCUMENTS, LAKE, ARTIFACTS))
