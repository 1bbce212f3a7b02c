"""A Kafka-triggered function: cold-start wiring plus the per-invocation batch call."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.utilities.typing import LambdaContext

from talent.runtime import wiring
from talent.runtime.consumers import ACCEPTS, PUBLISHES_RESULTS, RecordProcessorFn
from talent.runtime.idempotency import IdempotentProcessor
from talent.runtime.kafka_batch import handle_kafka_batch


class KafkaFunction:
    def __init__(self, name: str, process: RecordProcessorFn, logger: Logger, metrics: Metrics) -> None:
        self._accepts = ACCEPTS[name]
        self._processor = IdempotentProcessor(process, name)
        self._dead_letters = wiring.dead_letters(name)
        self._envelopes = wiring.envelopes()
        self._raw_records = wiring.quarantine()
        self._logger = logger
        self._metrics = metrics
        if name in PUBLISHES_RESULTS:
            wiring.publisher().connect()  # its producer id is fetched during init, not in the first publish

    def handle(self, event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
        return handle_kafka_batch(
            event,
            context,
            accepts=self._accepts,
            process=self._processor.bind(context),
            dead_letters=self._dead_letters,
            envelopes=self._envelopes,
            raw_records=self._raw_records,
            logger=self._logger,
            metrics=self._metrics,
        )
