"""Build adapters once per execution environment (cold start), from the typed settings."""

from __future__ import annotations

from functools import lru_cache

from talent.adapters.dynamodb_store import DynamoStore
from talent.adapters.s3_documents import S3Documents
from talent.adapters.sqs_dead_letters import SqsDeadLetters
from talent.config import settings


@lru_cache(maxsize=1)
def store() -> DynamoStore:
    return DynamoStore(settings().talent_table)


@lru_cache(maxsize=1)
def documents() -> S3Documents:
    return S3Documents(settings().documents_bucket)


@lru_cache(maxsize=4)
def dead_letters(function_name: str) -> SqsDeadLetters:
    return SqsDeadLetters(settings().failure_queue_url, function_name)
