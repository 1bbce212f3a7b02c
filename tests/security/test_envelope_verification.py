"""Signed envelopes and the keyed tombstone hash on fakes, no servers (finding 2 of issue 15): what the
verifier refuses and why, that the batch parks a refused record without processing it, the key adapter's
cache and error translation, and that tombstones are keyed and per tenant."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from aws_lambda_powertools import Logger, Metrics
from botocore.exceptions import ClientError

from talent.adapters.ssm_parameters import SsmSigningKeys
from talent.contracts.registry import InvalidEvent, parse_event
from talent.contracts.topics import Topic
from talent.domain.applications import ApplicationIntake, IntakeOutcome
from talent.domain.candidates import CandidateHasher
from talent.domain.errors import TransientStoreError
from talent.domain.signing_keys import UnknownSigningKey
from talent.runtime.envelopes import EnvelopeVerifier
from talent.runtime.kafka_batch import handle_kafka_batch
from talent.runtime.outcomes import RecordOutcome
from talent_tools.local.kafka_event import build_kafka_event, json_record
from tests.factories import event, lambda_context, sample
from tests.fakes import ListDeadLetters, MemoryDocuments, MemoryRawRecords, MemoryStore, erase_in_memory
from tests.signing import HASHER, LocalKeys

TOPIC = str(Topic.JOBS)


def signed(doc: dict[str, Any], *, key: str | None = "default", sign_as: str | None = None, topic: str = TOPIC):
    """(event, verify kwargs) of one record of `doc`, signed with the local key of `sign_as` (default: its tenant)."""
    record_key = f"{doc['tenant']}:{doc['data'].get('job_id')}" if key == "default" else key
    record = json_record(topic, doc, key=record_key, sign_as=sign_as)
    headers = record.to_event_record()["headers"]
    return parse_event(record.value), {
        "topic": topic,
        "record_key": record.key,
        "value": record.value,
        "headers": headers,
    }


def refusal(event: Any, **verify: Any) -> str:
    with pytest.raises(InvalidEvent) as refused:
        EnvelopeVerifier(LocalKeys("stranger")).verify(event, **verify)
    return refused.value.reason


def test_a_record_signed_by_its_tenant_verifies():
    event, verify = signed(sample("job.posted"))
    assert EnvelopeVerifier(LocalKeys()).verify(event, **verify) == "acme"


def test_an_unsigned_record_is_refused():
    event, verify = signed(sample("job.posted"))
    assert refusal(event, **{**verify, "headers": []}).startswith("unsigned record")


def test_a_record_whose_body_names_another_tenant_than_its_signer_is_refused():
    event, verify = signed(sample("job.posted"), key="globex:job-data-eng-1", sign_as="globex")
    assert refusal(event, **verify) == "signed by tenant globex but the event's tenant is acme"


def test_a_record_keyed_for_another_tenant_is_refused():
    event, verify = signed(sample("job.posted"), key="globex:job-data-eng-1")
    assert refusal(event, **verify) == "record key is not prefixed by the signer's tenant acme"


def test_a_source_naming_another_tenant_is_refused_and_an_ats_only_source_is_not():
    doc = sample("job.posted")
    event, verify = signed({**doc, "source": "urn:ats:greenhouse:globex"})
    assert refusal(event, **verify) == "signed by tenant acme but the source names tenant globex"
    event, verify = signed({**doc, "source": "urn:ats:greenhouse:acme"})
    assert EnvelopeVerifier(LocalKeys()).verify(event, **verify) == "acme"


def test_a_header_claiming_another_tenant_does_not_verify_with_the_senders_key():
    # globex signs, then rewrites the tenant header to acme: acme's key does not match globex's signature
    event, verify = signed(sample("job.posted"), sign_as="globex")
    forged = [{"talent-tenant": list(b"acme")} if "talent-tenant" in h else h for h in verify["headers"]]
    assert refusal(event, **{**verify, "headers": forged}) == "bad signature for tenant acme version 1"


def test_a_value_changed_after_signing_or_moved_to_another_topic_does_not_verify():
    event, verify = signed(sample("job.posted"))
    tampered = verify["value"].replace(b"Senior Data Engineer", b"Junior Data Engineer")
    assert refusal(event, **{**verify, "value": tampered}).startswith("bad signature")
    assert refusal(event, **{**verify, "topic": "ats.applications.v1"}).startswith("bad signature")


def test_a_signer_without_a_key_is_refused():
    event, verify = signed(sample("job.posted", tenant="stranger"))
    assert refusal(event, **verify) == "no signing key for tenant stranger version 1"


def test_a_record_signed_twice_is_refused():
    event, verify = signed(sample("job.posted"))
    assert refusal(event, **{**verify, "headers": verify["headers"] * 2}).startswith("record carries the talent-")


def test_the_batch_parks_a_foreign_record_without_processing_it_and_processes_its_neighbour():
    seen: list[str] = []

    def process(event: Any) -> RecordOutcome:
        seen.append(event.id)
        return RecordOutcome(outcome="stored")

    forged = json_record(TOPIC, sample("job.posted", event_id="forged"), offset=0, sign_as="globex")
    good = json_record(TOPIC, sample("job.posted", event_id="good"), offset=1)
    dead = ListDeadLetters()
    response = handle_kafka_batch(
        build_kafka_event([forged, good], event_source="aws:kafka", event_source_arn="arn:aws:kafka:::cluster/x/y"),
        lambda_context("sync_jobs"),
        accepts=("job.posted.v1",),
        process=process,
        dead_letters=dead,
        envelopes=EnvelopeVerifier(LocalKeys()),
        raw_records=MemoryRawRecords(),
        logger=Logger(service="test"),
        metrics=Metrics(namespace="Test"),
    )
    assert response == {"batchItemFailures": []} and seen == ["good"]
    assert [reason for reason, _ in dead.sent] == ["signed by tenant globex but the event's tenant is acme"]


def test_the_tombstone_hash_is_keyed_and_per_tenant():
    one, other = CandidateHasher(b"k" * 32), CandidateHasher(b"K" * 32)
    assert one("acme", "cand-1") != other("acme", "cand-1")
    assert one("acme", "cand-1") != one("globex", "cand-1")
    assert one("acme", "cand-1") != hashlib.sha256(b"acme\x1fcand-1").hexdigest()


def test_an_erasure_in_one_tenant_does_not_drop_another_tenants_candidate_with_the_same_id():
    # Given acme erased cand-501 (with no applications: the tombstone alone)
    store, docs = MemoryStore(), MemoryDocuments()
    erase_in_memory(store, docs, "cand-501", tenant="acme")
    # When globex's candidate with the same ATS id applies, and acme's applies again
    theirs = ApplicationIntake(store, store, store, store, docs, 1 << 20, identities=store, hasher=HASHER)
    # Then globex's is accepted and acme's is dropped as erased
    assert theirs.accept(event("application.submitted.1", tenant="globex")).outcome is IntakeOutcome.ACCEPTED
    assert theirs.accept(event("application.submitted.1", tenant="acme")).outcome is IntakeOutcome.ERASED


class CountingSsm:
    """An SSM client's get_parameter over a dict, counting calls; unknown names answer as SSM does."""

    def __init__(self, values: dict[str, str], error: str = "ParameterNotFound") -> None:
        self.values, self.error, self.calls = values, error, 0

    def get_parameter(self, *, Name: str, WithDecryption: bool) -> dict[str, Any]:
        self.calls += 1
        if Name not in self.values:
            raise ClientError({"Error": {"Code": self.error, "Message": "no"}}, "GetParameter")
        return {"Parameter": {"Value": self.values[Name]}}


def test_signing_keys_are_cached_per_tenant_and_version_until_the_ttl_runs_out():
    now = [0.0]
    ssm = CountingSsm({"/k/acme:1": (b"a" * 32).hex()})
    keys = SsmSigningKeys("/k/", client=ssm, ttl_s=300, clock=lambda: now[0])
    assert keys.key("acme", 1) == keys.key("acme", 1) == b"a" * 32 and ssm.calls == 1
    now[0] = 301.0  # a revoked (deleted) key stops verifying once the cache entry expires
    del ssm.values["/k/acme:1"]
    with pytest.raises(UnknownSigningKey):
        keys.key("acme", 1)


def test_a_throttled_key_read_is_retried_not_parked_and_a_short_key_is_unknown():
    with pytest.raises(TransientStoreError):
        SsmSigningKeys("/k/", client=CountingSsm({}, error="ThrottlingException")).key("acme", 1)
    with pytest.raises(UnknownSigningKey):
        SsmSigningKeys("/k/", client=CountingSsm({"/k/acme:1": "ab" * 8})).key("acme", 1)
