"""Build adapters once per execution environment (cold start), from the typed settings."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from talent.adapters.dynamodb_store import DynamoStore
from talent.adapters.kafka_publisher import KafkaPublisher
from talent.adapters.s3_documents import S3Documents
from talent.adapters.s3_lake import S3Lake
from talent.adapters.s3_quarantine import S3Quarantine
from talent.adapters.sqs_dead_letters import SqsDeadLetters
from talent.adapters.ssm_parameters import PlainParameters, SsmSigningKeys, read_secret_key
from talent.api.sign_in import SignInSource
from talent.config import settings
from talent.contracts.events import ApplicationStageChangedV1, CandidateErasureRequestedV1
from talent.domain.candidates import CandidateHasher
from talent.domain.decisions import DecisionOutcome, record_stage_change
from talent.domain.erasure import ErasureReport, erase_candidate
from talent.domain.hr_queries import HrQueries, HrQueryPorts
from talent.domain.import_locations import ImportLocations
from talent.runtime.envelopes import EnvelopeVerifier

if TYPE_CHECKING:  # imported where used: the HR API never loads the parsers and models screening needs
    from talent.domain.screening import ScreeningService


@lru_cache(maxsize=1)
def store() -> DynamoStore:
    return DynamoStore(settings().talent_table, audit_retention_days=settings().audit_retention_days)


@lru_cache(maxsize=1)
def documents() -> S3Documents:
    return S3Documents(settings().documents_bucket)


@lru_cache(maxsize=1)
def import_locations() -> ImportLocations:
    cfg = settings()
    if not cfg.import_bucket:
        raise RuntimeError("IMPORT_BUCKET is not set: this function reads resumes sent by reference from it")
    platform = [cfg.documents_bucket, cfg.lake_bucket]
    if cfg.model_pointer_uri:  # s3://<artifacts bucket>/<key>
        platform.append(cfg.model_pointer_uri.removeprefix("s3://").split("/", 1)[0])
    return ImportLocations(cfg.import_bucket, platform_buckets=platform)


@lru_cache(maxsize=1)
def lake() -> S3Lake:
    return S3Lake(settings().lake_bucket)


@lru_cache(maxsize=4)
def dead_letters(function_name: str) -> SqsDeadLetters:
    return SqsDeadLetters(settings().failure_queue_url, function_name)


@lru_cache(maxsize=1)
def quarantine() -> S3Quarantine:
    bucket = settings().quarantine_bucket
    if not bucket:
        raise RuntimeError("QUARANTINE_BUCKET is not set: parked records and erasure need it")
    return S3Quarantine(bucket)


@lru_cache(maxsize=1)
def publisher() -> KafkaPublisher:
    servers = settings().kafka_bootstrap_servers
    if not servers:
        raise RuntimeError("KAFKA_BOOTSTRAP_SERVERS is not set: this function publishes screening results")
    return KafkaPublisher(servers)


@lru_cache(maxsize=1)
def screening() -> ScreeningService:
    """The screening service with the ONNX models, loaded once per execution environment (cold start)."""
    from talent.adapters.promoted_models import served_model
    from talent.domain.screening import ScreeningPorts, ScreeningService
    from talent.profile.reader import DocumentResumeReader
    from talent.ranking.screener import OnnxScreener

    ports = ScreeningPorts(
        jobs=store(),
        applications=store(),
        rankings=store(),
        profiles=documents(),
        documents=documents(),
        audit=store(),
        publisher=publisher(),
        screener=OnnxScreener(served_model(settings().model_pointer_uri)),
        reader=DocumentResumeReader(),
        lake=lake(),
    )
    return ScreeningService(ports, settings().max_document_bytes, now=lambda: datetime.now(UTC))


@lru_cache(maxsize=1)
def envelopes() -> EnvelopeVerifier:
    """Verifies every Kafka record's signer against the tenant's key in the parameter store (cached)."""
    return EnvelopeVerifier(SsmSigningKeys(settings().signing_keys_path))


@lru_cache(maxsize=1)
def candidate_hasher() -> CandidateHasher:
    """The tombstone hash, keyed with the secret in the parameter store (read once per cold start)."""
    return CandidateHasher(read_secret_key(settings().tombstone_key_parameter))


def record_decision(event: ApplicationStageChangedV1) -> DecisionOutcome:
    """An HR decision with every store it reaches: the one wiring the Kafka consumer and the HR API share."""
    store_ = store()
    return record_stage_change(event, store_, store_, lake=lake(), tombstones=store_, hasher=candidate_hasher())


def erase(event: CandidateErasureRequestedV1) -> ErasureReport:
    """A candidate's erasure with every store it reaches: the one wiring the Kafka consumer and the HR API share."""
    store_ = store()
    return erase_candidate(
        event,
        store_,
        store_,
        documents(),
        store_,
        rankings=store_,
        identities=store_,
        lake=lake(),
        hasher=candidate_hasher(),
        raw_records=quarantine(),
    )


@lru_cache(maxsize=1)
def hr_queries() -> HrQueries:
    """What the HR API's read routes call: the tenant's jobs, applicants, shortlists, trails, profiles."""
    ports = HrQueryPorts(
        jobs=store(),
        applications=store(),
        rankings=store(),
        audit=store(),
        profiles=documents(),
        identities=store(),
    )
    return HrQueries(ports)


# The cached builders themselves, taken once: reset() clears them even while a test has replaced a name.
@lru_cache(maxsize=1)
def sign_in() -> SignInSource:
    """The HR page's sign-in settings (Cognito's hosted UI in AWS, the local sign-in server on the local stack)."""
    return SignInSource(settings().hr_sign_in_parameter, PlainParameters().read)


_BUILDERS = (
    store,
    documents,
    import_locations,
    lake,
    dead_letters,
    quarantine,
    publisher,
    screening,
    envelopes,
    candidate_hasher,
    hr_queries,
    sign_in,
)


def reset() -> None:
    """Forget everything built here (tests that point the functions at another stack call it)."""
    for built in _BUILDERS:
        built.cache_clear()
