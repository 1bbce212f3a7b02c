"""A Lambda Kafka event source mapping, emulated against the real local broker.

One poll thread per mapping consumes its group (classic protocol, no auto-commit) and buffers records
per partition. As in AWS, invocations run concurrently, at most one per partition at a time (so each
partition keeps its order) and at most `max_concurrency` at once (default: one per assigned partition,
like one poller per partition). A partition's records become a batch once BatchSize of them wait or
MaximumBatchingWindowInSeconds has passed since the first; when fewer slots are free than partitions
are ready, one batch carries several partitions. Each batch runs on its own thread, which commits each
partition's next offset only once its records are resolved. A partition whose buffer runs ahead of its
invocations is paused at the broker until it drains. The retry / partial-failure / bisect / on-failure
rules live in talent_tools.local.batch_outcome, and what callers read and wait on (metrics, committed
offsets, assignment) in talent_tools.local.esm_progress.

At-least-once, as in AWS: whatever was not committed (a batch in flight when the process died or the
runner was stopped) is delivered again to the next consumer of the group. A partition taken away by a
rebalance first finishes the batch it is in, so its commit lands before the new owner reads.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for_futures
from typing import Any

from confluent_kafka import Consumer, KafkaException, TopicPartition

from talent_tools.local.batch_outcome import (
    BatchReport,
    ExhaustedBatch,
    Outcome,
    PartitionId,
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
_PAUSE_AT_BATCHES = 2  # a partition with this many batches buffered stops fetching until one is left
_COMMIT_POLL_S = 0.01  # consume() timeout while batches run, so their commits wait at most this
_MAX_THREADS = 64  # batch threads when max_concurrency is unset (one per partition in use)


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
        max_concurrency: int | None = None,
    ) -> None:
        super().__init__(mapping.logical_id)
        if max_concurrency is not None and max_concurrency < 1:
            raise ValueError(f"max_concurrency must be at least 1, got {max_concurrency}")
        self.max_concurrency = max_concurrency
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
        # Owned by the poll thread: records waiting per partition, when the oldest arrived, the batches
        # in flight (with the partitions each holds) and the partitions paused at the broker.
        self._pending: dict[PartitionId, list[KafkaRecord]] = {}
        self._first_seen: dict[PartitionId, float] = {}
        self._in_flight: dict[Future[None], frozenset[PartitionId]] = {}
        self._paused: set[PartitionId] = set()
        # librdkafka serves a synchronous commit only on the thread that consumes (from another one it
        # never returns), so batch threads hand their commits to the poll thread and wait for them.
        self._commit_requests: queue.SimpleQueue[tuple[list[KafkaRecord], Future[None]]] = queue.SimpleQueue()

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
        threads = ThreadPoolExecutor(self.max_concurrency or _MAX_THREADS, f"esm-{self.mapping.logical_id}-batch")
        try:
            consumer = Consumer(self._config)
            consumer.subscribe(
                list(self.mapping.topics),
                on_assign=self._on_assign,
                on_revoke=self._on_revoke,
                on_lost=self._on_revoke,
            )
            while not self._stop.is_set():
                self._reap()
                messages = consumer.consume(num_messages=self.mapping.batch_size, timeout=self._poll_timeout())
                self._serve_commits(consumer)
                self._receive(messages)
                self._dispatch(threads)
                self._apply_backpressure(consumer)
                self._note_busy()
        except Exception as exc:
            # Kept for stop()/wait_*() to raise in the caller's thread; the thread itself ends here.
            logger.exception("event source mapping stopped on error", extra={"mapping": self.mapping.logical_id})
            with self._changed:
                self._error = exc
                self._changed.notify_all()
        finally:
            # Batches in flight see the stop at their next retry boundary; what they leave unresolved is
            # not committed and is delivered again, as when the runner was stopped between batches.
            self._stop.set()
            self._finish_in_flight(consumer)
            threads.shutdown(wait=True)
            if consumer is not None:
                consumer.close()  # leaves the group now instead of after session.timeout.ms
            with self._changed:
                self._assigned.clear()
                self._busy = False
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
        """Their buffered records are dropped (the new owner reads them from the last commit); a batch
        holding one of them finishes first, so what it resolved is committed before the new owner starts."""
        revoked = {(tp.topic, tp.partition) for tp in partitions}
        for key in revoked:
            self._pending.pop(key, None)
            self._first_seen.pop(key, None)
            self._paused.discard(key)
        holding = [future for future, held in self._in_flight.items() if held & revoked]
        self._wait_serving_commits(consumer, holding)
        with self._changed:
            self._assigned -= revoked
            self._changed.notify_all()

    def _poll_timeout(self) -> float:
        """Until the earliest batching window of an idle partition closes, at most _POLL_S (_COMMIT_POLL_S
        while batches run: their commits wait for this thread)."""
        busy = self._busy_partitions()
        closes = [
            first + self.mapping.max_batching_window_s
            for key, first in self._first_seen.items()
            if key not in busy and self._pending.get(key)
        ]
        longest = _COMMIT_POLL_S if self._in_flight else _POLL_S
        if not closes:
            return longest
        return min(longest, max(0.0, min(closes) - time.monotonic()))

    def _receive(self, messages: list[Any]) -> None:
        now = time.monotonic()
        with self._changed:
            assigned = set(self._assigned)
            if messages:
                self._last_activity = now
        for message in messages:
            error = message.error()
            if error is not None:
                if error.fatal():
                    raise KafkaException(error)
                # e.g. UNKNOWN_TOPIC_OR_PART until the topic exists: AWS keeps polling too.
                logger.warning("consumer error", extra={"mapping": self.mapping.logical_id, "error": str(error)})
                continue
            record = record_from_message(message)
            key = (record.topic, record.partition)
            if key not in assigned:
                continue  # taken away by a rebalance inside consume(): its new owner reads it
            self._pending.setdefault(key, []).append(record)
            self._first_seen.setdefault(key, now)

    def _busy_partitions(self) -> set[PartitionId]:
        return {key for held in self._in_flight.values() for key in held}

    def _slots(self) -> int:
        with self._changed:
            partitions = max(1, len(self._assigned))
        limit = partitions if self.max_concurrency is None else min(partitions, self.max_concurrency)
        return limit - len(self._in_flight)

    def _dispatch(self, threads: ThreadPoolExecutor) -> None:
        """Start a batch for each free slot, over the partitions whose batch is ready and not in flight."""
        now = time.monotonic()
        busy = self._busy_partitions()
        ready = sorted(
            (
                key
                for key, records in self._pending.items()
                if records
                and key not in busy
                and (
                    len(records) >= self.mapping.batch_size
                    or now >= self._first_seen[key] + self.mapping.max_batching_window_s
                )
            ),
            key=lambda key: self._first_seen[key],
        )
        slots = min(self._slots(), len(ready))
        for group in (ready[i::slots] for i in range(slots)):
            batch: list[KafkaRecord] = []
            for key in group:
                room = self.mapping.batch_size - len(batch)
                if room <= 0:
                    break
                records = self._pending[key]
                batch += records[:room]
                if len(records) > room:
                    self._pending[key] = records[room:]  # the rest keeps its age: it goes out next
                else:
                    del self._pending[key]
                    del self._first_seen[key]
            held = frozenset((r.topic, r.partition) for r in batch)
            self._in_flight[threads.submit(self._process, batch)] = held

    def _apply_backpressure(self, consumer: Consumer) -> None:
        """Stop fetching a partition whose buffer holds _PAUSE_AT_BATCHES batches; resume it below one.
        librdkafka fetches a resumed partition from the position after the last record it returned."""
        limit = _PAUSE_AT_BATCHES * self.mapping.batch_size
        pause = [key for key, records in self._pending.items() if len(records) >= limit and key not in self._paused]
        resume = [key for key in self._paused if len(self._pending.get(key, [])) < self.mapping.batch_size]
        if pause:
            consumer.pause([TopicPartition(topic, partition) for topic, partition in pause])
            self._paused.update(pause)
            self._update(partition_pauses=len(pause))
        if resume:
            consumer.resume([TopicPartition(topic, partition) for topic, partition in resume])
            self._paused.difference_update(resume)

    def _reap(self) -> None:
        """Forget finished batches; a batch that raised (a failure destination down...) ends the runner."""
        for future in [f for f in self._in_flight if f.done()]:
            del self._in_flight[future]
            error = future.exception()
            if error is not None:
                raise error

    def _finish_in_flight(self, consumer: Consumer | None) -> None:
        self._wait_serving_commits(consumer, list(self._in_flight))
        for future, held in self._in_flight.items():
            error = future.exception()
            if error is not None and error is not self._error:
                logger.error(
                    "a batch failed while the mapping stopped; its records are delivered again",
                    extra={"mapping": self.mapping.logical_id, "partitions": sorted(held), "error": repr(error)},
                )
        self._in_flight.clear()

    def _note_busy(self) -> None:
        busy = bool(self._in_flight) or any(self._pending.values())
        with self._changed:
            if busy != self._busy:
                self._busy = busy
                self._changed.notify_all()

    def _serve_commits(self, consumer: Consumer | None) -> None:
        while True:
            try:
                records, reply = self._commit_requests.get_nowait()
            except queue.Empty:
                return
            try:
                if consumer is None:
                    raise RuntimeError("no consumer to commit with")
                self._commit(consumer, records)
            except BaseException as exc:  # noqa: BLE001 - handed to the batch thread that asked
                reply.set_exception(exc)
            else:
                reply.set_result(None)

    def _wait_serving_commits(self, consumer: Consumer | None, batches: list[Future[None]]) -> None:
        """Wait for these batches while committing what they resolve (they cannot finish otherwise)."""
        while not all(batch.done() for batch in batches):
            self._serve_commits(consumer)
            wait_for_futures(batches, timeout=_COMMIT_POLL_S)
        self._serve_commits(consumer)

    def _request_commit(self, records: list[KafkaRecord]) -> None:
        """On a batch thread: have the poll thread commit these records' next offsets, and wait for it."""
        reply: Future[None] = Future()
        self._commit_requests.put((records, reply))
        reply.result()

    def _process(self, batch: list[KafkaRecord]) -> None:
        report = BatchReport()
        published = BatchReport()

        def publish() -> None:
            """Metrics catch up with the report before each commit: whoever sees a commit sees its counts."""
            self._update(
                bisections=report.bisections - published.bisections,
                records_succeeded=report.records_succeeded - published.records_succeeded,
            )
            published.bisections, published.records_succeeded = report.bisections, report.records_succeeded

        def commit(records: list[KafkaRecord]) -> None:
            publish()
            self._request_commit(records)

        try:
            drive_batch(
                batch,
                invoke=self._invoke,
                commit=commit,
                report=report,
                exhausted=self._exhausted,
                policy=self._policy,
                sleep=self._backoff,
                should_stop=self._stop.is_set,
                on_outcome=self._count_outcome,
                payload_bytes=self._payload_bytes,
            )
            if report.abandoned:
                logger.info("stopped with a batch unresolved; it will be redelivered", extra={"records": len(batch)})
        finally:
            publish()
            with self._changed:
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
