"""Per-event idempotency (Powertools, DynamoDB persistence), keyed by tenant and event id."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.utilities.idempotency import (
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)
from aws_lambda_powertools.utilities.typing import LambdaContext

from talent.config import settings
from talent.contracts.registry import AnyEvent


class IdempotentProcessor:
    """Wraps a record processor so a redelivered or replayed event returns the stored outcome."""

    def __init__(self, process: Callable[[AnyEvent], dict[str, Any]], name: str) -> None:
        cfg = settings()
        self._config = IdempotencyConfig(
            event_key_jmespath="[tenant, id]",
            raise_on_no_idempotency_key=True,
            expires_after_seconds=cfg.idempotency_ttl_s,
        )
        persistence = DynamoDBPersistenceLayer(table_name=cfg.idempotency_table)

        @idempotent_function(
            data_keyword_argument="event",
            persistence_store=persistence,
            config=self._config,
            key_prefix=name,
        )
        def run(*, event: AnyEvent) -> dict[str, Any]:
            return process(event)

        self._run = run

    def bind(self, context: LambdaContext) -> Callable[[AnyEvent], dict[str, Any]]:
        """Register this invocation's context (in-progress records expire with it) and return the processor."""
        self._config.register_lambda_context(context)
        return lambda event: self._run(event=event)
