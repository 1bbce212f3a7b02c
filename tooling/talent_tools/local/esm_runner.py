"""A Lambda Kafka event source mapping, emulated against the real local broker.

One thread per mapping polls its consumer group (classic protocol, no auto-commit), gathers up to
BatchSize records or until MaximumBatchingWindowInSeconds has passed, invokes the function with the
AWS event shape and commits each partition's next offset only once its records are resolved. The
retry / partial-failure / bisect / on-failure rules live in talent_tools.local.batch_outcome, and what
callers read and wait on (metrics, committed offsets, assignment) in talent_tools.local.esm_progress.

At-least-once, as in AWS: whatever was not committed (a batch in flight when the process died or the
runner was stopped) is delivered again to the next consumer of the group.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from confluent_kafka import Consumer, KafkaException, TopicPartition

from talent_tools.local.batch_outcome import (
    ExhaustedBatch,
    Outcome,
    RetryPolicy,
    drive_batch,
    next_offsets,
)
from talent_tools.local.esm_progress import MappingProgress
from talent_tools.local.invocation import Invocable, InvocationResult
from talent_tools.local.kafka_event import KafkaRecord, build_kafka_event, record_from_message
from talent_tools.local.kafka_offsets import pin_latest
from talent_tools.local.on_failure_record import build_on_failure_record
from talent_tools.local.template_specs import KafkaMappingSpec

logger = logging.getLogger(__name__)

FailureSink = Callable[[dict[str, Any]], None]

_POLL_S = 0.1  # longest a consume() call blocks, so stop() is noticed quickly
_BROKER_CALL_TIMEOUT_S = 10.0


class EventSourceMappingRunner(MappingProgress):
    def __init__(
        self,
        mapping: KafkaMappingSpec,
        function: Invocable,
        bootstrap: str,
        failure_sink: FailureSink | None,
        *,
        session_timeout_ms: int = 6000,
        retry_backoff_s: float = 0.2,
        max_backoff_s: float = 2.0,
        consumer_config: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(mapping.logical_id)
        self.mapping = mapping
        self.function = function
        self.bootstrap = bootstrap
        self._sink = failure_sink
        self._policy = RetryPolicy.for_mapping(mapping, backoff_base_s=retry_backoff_s, backoff_cap_s=max_backoff_s)
        self._config: dict[str, Any] = {
            "bootstrap.servers": bootstrap,
            "group.id": mapping.consumer_group,
            "group.protocol": "classic",  # Tansu assigns nothing with the KIP-848 protocol
            "client.id": f"talent-esm-{mapping.logical_id}",
            "enable.auto.commit": False,
            "enable.auto.offset.store": False,
            "auto.offset.reset": "earliest" if mapping.starting_position == "TRIM_HORIZON" else "latest",
            "session.timeout.ms": session_timeout_ms,
            "heartbeat.interval.ms": max(100, session_timeout_ms // 3),
            # A batch is retried without polling in between; the group must wait for it, not evict us.
            "max.poll.interval.ms": 1_800_000,
            # Topics created after the runner started are noticed in seconds, not the default 5 minutes.
            "topic.metadata.refresh.interval.ms": 5000,
            **(consumer_config or {}),
        }
        self._stop = threading.Event()

    # ------------------------------------------------------------ lifecycle
    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("runner already started")
        self._thread = threading.Thread(target=self._run, name=f"esm-{self.mapping.logical_id}", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 60.0, raise_on_error: bool = True) -> None:
        """Finish the invocation in flight (if any), commit nothing more, leave the group."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            if self._thread.is_alive():
                raise TimeoutError(f"{self.mapping.logical_id}: runner did not stop in {timeout_s} s")
        if raise_on_error:
            self._raise_if_failed()

    def __enter__(self) -> EventSourceMappingRunner:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop(raise_on_error=exc[0] is None)

    # ---------------------------------------------------------------- loop
    def _run(self) -> None:
        consumer: Consumer | None = None
        try:
            consumer = Consumer(self._config)
            consumer.subscribe(
                list(self.mapping.topics),
                on_assign=self._on_assign,
                on_revoke=self._on_revoke,
                on_lost=self._on_revoke,
            )
            while not self._stop.is_set():
                batch = self._collect(consumer)
                if batch:
                    self._process(consumer, batch)
        except Exception as exc:
            # Kept for stop()/wait_*() to raise in the caller's thread; the thread itself ends here.
            logger.exception("event source mapping stopped on error", extra={"mapping": self.mapping.logical_id})
            with self._changed:
                self._error = exc
                self._changed.notify_all()
        finally:
            if consumer is not None:
                consumer.close()  # leaves the group now instead of after session.timeout.ms
            with self._changed:
                self._assigned.clear()
                self._changed.notify_all()

    def _on_assign(self, consumer: Consumer, partitions: list[TopicPartition]) -> None:
        if self.mapping.starting_position == "LATEST" and partitions:
            pin_latest(consumer, self._config, partitions, timeout_s=_BROKER_CALL_TIMEOUT_S)
        with self._changed:
            self._assigned |= {(tp.topic, tp.partition) for tp in partitions}
            self._changed.notify_all()
        logger.info(
            "partitions assigned",
            extra={"mapping": self.mapping.logical_id, "partitions": [f"{t.topic}-{t.partition}" for t in partitions]},
        )

    def _on_revoke(self, consumer: Consumer, partitions: list[TopicPartition]) -> None:
        # Nothing to commit here: every resolved record was committed synchronously already.
        with self._changed:
            self._assigned -= {(tp.topic, tp.partition) for tp in partitions}
            self._changed.notify_all()

    def _collect(self, consumer: Consumer) -> list[KafkaRecord]:
        """Up to BatchSize records, or fewer once the batching window since the first one has passed."""
        batch: list[KafkaRecord] = []
        deadline: float | None = None
        while not self._stop.is_set():
            wait = _POLL_S if deadline is None else max(0.0, deadline - time.monotonic())
            messages = consumer.consume(num_messages=self.mapping.batch_size - len(batch), timeout=min(wait, _POLL_S))
            for message in messages:
                error = message.error()
                if error is not None:
                    if error.fatal():
                        raise KafkaException(error)
                    # e.g. UNKNOWN_TOPIC_OR_PART until the topic exists: AWS keeps polling too.
                    logger.warning("consumer error", extra={"mapping": self.mapping.logical_id, "error": str(error)})
                    continue
                batch.append(record_from_message(message))
            with self._changed:
                # A rebalance inside consume() may have taken partitions away: their new owner reads them.
                batch = [r for r in batch if (r.topic, r.partition) in self._assigned]
                if messages:
                    self._last_activity = time.monotonic()
            if not batch:
                deadline = None
                continue
            if deadline is None:
                deadline = time.monotonic() + self.mapping.max_batching_window_s
            if len(batch) >= self.mapping.batch_size or time.monotonic() >= deadline:
                return batch
        return []  # stopping: what was gathered is not committed, so the group delivers it again

    def _process(self, consumer: Consumer, batch: list[KafkaRecord]) -> None:
        with self._changed:
            self._busy = True
        try:
            report = drive_batch(
                batch,
                invoke=self._invoke,
                commit=lambda records: self._commit(consumer, records),
                exhausted=self._exhausted,
                policy=self._policy,
                sleep=self._backoff,
                should_stop=self._stop.is_set,
                on_outcome=self._count_outcome,
                payload_bytes=self._payload_bytes,
            )
            if report.abandoned:
                logger.info("stopped with a batch unresolved; it will be redelivered", extra={"records": len(batch)})
            self._update(bisections=report.bisections, records_succeeded=report.records_succeeded)
        finally:
            with self._changed:
                self._busy = False
                self._last_activity = time.monotonic()
                self._changed.notify_all()

    # ------------------------------------------------------------ callbacks
    def _event(self, records: list[KafkaRecord]) -> dict[str, Any]:
        return build_kafka_event(
            records,
            event_source=self.mapping.event_source,
            event_source_arn=self.mapping.event_source_arn,
            bootstrap_servers=self.bootstrap,
        )

    def _payload_bytes(self, records: list[KafkaRecord]) -> int:
        """The invocation request's size, as Lambda measures it against its 6 MB limit."""
        return len(json.dumps(self._event(records), separators=(",", ":")).encode())

    def _invoke(self, records: list[KafkaRecord]) -> InvocationResult:
        self._update(invocations=1, records_delivered=len(records))
        result = self.function.invoke(self._event(records))
        if not result.ok:
            logger.warning(
                "function error",
                extra={
                    "mapping": self.mapping.logical_id,
                    "error_type": result.error_type,
                    "error_message": result.error_message,
                },
            )
        return result

    def _count_outcome(self, records: list[KafkaRecord], outcome: Outcome) -> None:
        if outcome.kind == "function_error":
            self._update(function_errors=1)
        elif outcome.kind == "invalid_response":
            self._update(invalid_responses=1)
        elif outcome.kind == "partial_failure":
            self._update(partial_failures=1)

    def _backoff(self, seconds: float) -> None:
        self._update(retries=1)
        self._stop.wait(seconds)  # stop() cuts the pause short; drive_batch then abandons the batch

    def _commit(self, consumer: Consumer, records: list[KafkaRecord]) -> None:
        offsets = next_offsets(records)
        request = [TopicPartition(topic, partition, offset) for (topic, partition), offset in offsets.items()]
        try:
            answer = consumer.commit(offsets=request, asynchronous=False)
        except KafkaException as exc:
            # The group moved on (rebalance, eviction): the partitions' new owner starts from the last
            # commit and sees these records again; at-least-once, as in AWS.
            logger.warning("commit failed", extra={"mapping": self.mapping.logical_id, "error": str(exc)})
            self._update(commit_failures=1)
            return
        failed = {(tp.topic, tp.partition) for tp in answer or [] if tp.error is not None}
        with self._changed:
            for key, offset in offsets.items():
                if key not in failed:
                    self._committed[key] = max(self._committed.get(key, 0), offset)
            self._metrics.records_committed += sum(1 for r in records if (r.topic, r.partition) not in failed)
            self._metrics.commit_failures += len(failed)
            self._changed.notify_all()

    def _exhausted(self, batch: ExhaustedBatch) -> None:
        record = build_on_failure_record(
            batch,
            event=self._event(batch.records),
            function_arn=self.function.function_arn,
            consumer_group=self.mapping.consumer_group,
            bootstrap_servers=self.bootstrap,
            event_source_arn=self.mapping.event_source_arn,
        )
        where = [f"{r.partition_key}@{r.offset}" for r in batch.records]
        if self._sink is None:
            logger.error(
                "records given up on and no on-failure destination: records discarded",
                extra={
                    "mapping": self.mapping.logical_id,
                    "records": where,
                    "condition": batch.condition,
                    "reason": batch.outcome.reason,
                },
            )
            self._update(records_discarded=len(batch.records))
            return
        # An exception here ends the runner before these records are committed: they are not lost.
        self._sink(record)
        logger.warning(
            "records sent to the on-failure destination",
            extra={
                "mapping": self.mapping.logical_id,
                "records": where,
                "condition": batch.condition,
                "reason": batch.outcome.reason,
            },
        )
        self._update(records_to_failure_sink=len(batch.records))
