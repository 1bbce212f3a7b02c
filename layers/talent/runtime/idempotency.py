"""Per-event idempotency (Powertools, DynamoDB persistence), keyed by tenant and event id.

A record being processed holds an in-progress lock for at most RECORD_LOCK_S (not the whole invocation's
remaining time, Powertools' default). Records of a partition reach the function one invocation at a time,
so a lock found on a redelivered record was left by a delivery that died (process killed, timeout): the
retry waits for that lock to lapse and takes over, instead of failing until the mapping's retries run out
and the record lands in the failure destination unprocessed.

The record also keeps a SHA-256 of the whole validated event. An event id seen again with another payload
is no duplicate: answering it with the first event's stored outcome would drop it silently (issue 15,
finding 3), so it is refused and parked; the same event again stays a no-op.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from aws_lambda_powertools.utilities.idempotency import (
    BasePersistenceLayer,
    DynamoDBPersistenceLayer,
    IdempotencyConfig,
    idempotent_function,
)
from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyAlreadyInProgressError,
    IdempotencyValidationError,
)
from aws_lambda_powertools.utilities.typing import LambdaContext

from talent.config import settings
from talent.contracts.registry import AnyEvent
from talent.domain.errors import RecordRefused
from talent.runtime.outcomes import RecordOutcome

RECORD_LOCK_S = 20  # one record takes ~0.1-3 s (a hostile document is cut at its 5 s budget)
POLL_S = 1.0
EVENT_ID_REUSED = "event id reused with a different payload"


class _RecordLock:
    """The invocation's context as Powertools sees it: in-progress locks expire after one record's budget."""

    def __init__(self, context: LambdaContext) -> None:
        self._context = context

    def get_remaining_time_in_millis(self) -> int:
        return min(int(self._context.get_remaining_time_in_millis()), RECORD_LOCK_S * 1000)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._context, name)


class IdempotentProcessor:
    """Wraps a record processor so a redelivered or replayed event returns the stored outcome."""

    def __init__(
        self,
        process: Callable[[AnyEvent], RecordOutcome],
        name: str,
        *,
        persistence: BasePersistenceLayer | None = None,
        expires_after_s: int | None = None,
    ) -> None:
        """Records live in `persistence` for `expires_after_s`; None: the settings' DynamoDB table and TTL."""
        if persistence is None or expires_after_s is None:
            cfg = settings()
            persistence = persistence or DynamoDBPersistenceLayer(table_name=cfg.idempotency_table)
            expires_after_s = expires_after_s or cfg.idempotency_ttl_s
        self._config = IdempotencyConfig(
            event_key_jmespath="[tenant, id]",
            raise_on_no_idempotency_key=True,
            # "@": the whole validated event (as Powertools serialises the pydantic model) is hashed and compared.
            payload_validation_jmespath="@",
            hash_function="sha256",
            expires_after_seconds=expires_after_s,
        )

        @idempotent_function(
            data_keyword_argument="event",
            persistence_store=persistence,
            config=self._config,
            key_prefix=name,
        )
        def run(*, event: AnyEvent) -> dict[str, Any]:
            return process(event).stored()  # what Powertools keeps and answers a replay with

        self._run = run

    def bind(self, context: LambdaContext) -> Callable[[AnyEvent], RecordOutcome]:
        """Register this invocation's context (in-progress locks expire after RECORD_LOCK_S) and return the
        processor, which outwaits a lock left by a dead delivery while this invocation has time to spare."""
        self._config.register_lambda_context(_RecordLock(context))  # type: ignore[arg-type]

        def process(event: AnyEvent) -> RecordOutcome:
            give_up = time.monotonic() + RECORD_LOCK_S + 2 * POLL_S
            while True:
                try:
                    return RecordOutcome.from_stored(self._run(event=event))
                except IdempotencyValidationError as exc:
                    raise RecordRefused(EVENT_ID_REUSED) from exc
                except IdempotencyAlreadyInProgressError:
                    spare_s = context.get_remaining_time_in_millis() / 1000 - RECORD_LOCK_S
                    if time.monotonic() >= give_up or spare_s < POLL_S:
                        raise
                    time.sleep(POLL_S)

        return process
