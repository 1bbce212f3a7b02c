"""Publish screening results to Kafka: keyed by application (one partition per application), acks=all."""

from __future__ import annotations

from typing import Any

from talent.contracts.events import ScreeningCompletedV1
from talent.contracts.registry import TOPIC_OF_TYPE
from talent.contracts.topics import partition_key
from talent.domain.errors import TransientStoreError


class PublishFailed(TransientStoreError):
    """The broker did not acknowledge the event: the record fails and Kafka redelivers it."""


class KafkaPublisher:
    """Implements Publisher. The producer is idempotent; each publish waits for the acknowledgement."""

    def __init__(self, bootstrap_servers: str, timeout_s: float = 10.0, producer: Any | None = None) -> None:
        self._config = {"bootstrap.servers": bootstrap_servers, "enable.idempotence": True, "acks": "all"}
        self._timeout_s = timeout_s
        self._producer = producer

    def _client(self) -> Any:
        if self._producer is None:
            from confluent_kafka import Producer

            self._producer = Producer(self._config)
        return self._producer

    def connect(self) -> None:
        """Create the producer now instead of at the first publish. An idempotent producer sends nothing before
        the broker has given it a producer id, which librdkafka asks for on a 500 ms timer: created at the first
        publish, that publish waited ~0.5 s for it (local broker). Created during a function's init, the id
        arrives while the first records are read and scored."""
        self._client()

    def publish(self, event: ScreeningCompletedV1) -> None:
        errors: list[str] = []

        def delivered(error: Any, _message: Any) -> None:
            if error is not None:
                errors.append(str(error))

        producer = self._client()
        data = event.data.model_dump(mode="json")
        producer.produce(
            TOPIC_OF_TYPE[event.type].value,
            key=partition_key(event.tenant, event.type, data).encode(),
            value=event.model_dump_json().encode(),
            on_delivery=delivered,
        )
        left = producer.flush(self._timeout_s)
        if errors or left:
            raise PublishFailed(f"screening.completed.v1 {event.id} not acknowledged: {errors or 'flush timed out'}")
