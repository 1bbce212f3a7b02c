"""Erasure reaches the raw copies of the candidate's parked records (they may hold the whole resume)."""

from __future__ import annotations

from tests.fakes import MemoryDocuments, MemoryRawRecords, MemoryStore, erase_in_memory


def quarantine_with_parked_records() -> MemoryRawRecords:
    raw = MemoryRawRecords()
    for tenant, candidate, offset in [("acme", "cand-501", 1), ("acme", "cand-501", 2), ("acme", "cand-777", 3)]:
        raw.keep(
            tenant=tenant, candidate_id=candidate, topic="ats.applications.v1", partition=0, offset=offset, body=b"{}"
        )
    raw.keep(tenant="globex", candidate_id="cand-501", topic="ats.applications.v1", partition=1, offset=1, body=b"{}")
    raw.keep(tenant="acme", candidate_id=None, topic="ats.applications.v1", partition=0, offset=4, body=b"{}")
    raw.keep(tenant=None, candidate_id=None, topic="ats.applications.v1", partition=0, offset=5, body=b"x")
    return raw


def test_erasure_deletes_the_candidates_parked_raw_records_and_no_one_elses():
    # Given two parked records of acme's cand-501, and others: another candidate, another tenant, unattributed
    raw = quarantine_with_parked_records()
    # When acme's cand-501 is erased
    report = erase_in_memory(MemoryStore(), MemoryDocuments(), "cand-501", tenant="acme", raw_records=raw)
    # Then exactly that candidate's raw records are gone
    assert report.parked_records == 2
    assert sorted(raw.objects) == [
        "tenants/acme/candidates/cand-777/parked/ats.applications.v1/0/3.json",
        "tenants/acme/unattributed/ats.applications.v1/0/4.json",
        "tenants/globex/candidates/cand-501/parked/ats.applications.v1/1/1.json",
        "unattributed/ats.applications.v1/0/5.json",
    ]
