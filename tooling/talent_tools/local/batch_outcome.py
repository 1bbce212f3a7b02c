"""What an event source mapping does with a batch after each invocation: commit, retry, split, give up.

Pure decisions, no broker: `decide` reads one invocation's result, `drive_batch` runs a batch to the
end through callbacks (invoke / commit / exhausted), so the rules below are unit-tested without Kafka.

The rules, following Lambda's Kafka event source mappings:
- a function error (exception, timeout, crashed runtime) fails the whole batch;
- with ReportBatchItemFailures the function may return
  {"batchItemFailures": [{"itemIdentifier": {"partition": "<topic>-<p>", "offset": N}}]} (what
  Powertools' BatchProcessor returns for Kafka): each reported partition succeeds up to, excluding, its
  lowest failed offset, and is retried from there; other partitions succeed. An identifier that names no
  record of the batch makes the whole batch failed. An empty/absent list is success;
- a failed batch is retried (after a backoff) up to MaximumRetryAttempts times (-1: forever, but 10
  when an on-failure destination exists), then handed to the on-failure destination and committed;
- BisectBatchOnFunctionError splits a batch that failed with a function error in two halves, retried
  one after the other; a split uses no retry (the halves keep the retries already spent);
- an invocation carries at most Lambda's 6 MB payload: a larger batch is split (no retry spent), and a
  record whose event alone is larger can never be delivered, so it goes to the on-failure destination;
- MaximumRecordAgeInSeconds: a record older than that is not sent (again) to the function but to the
  on-failure destination, also in the middle of its retries.
Records of a partition are never committed past one that has not succeeded or been given up on.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from talent_tools.local.invocation import InvocationResult
from talent_tools.local.kafka_event import KafkaRecord
from talent_tools.local.template_specs import KafkaMappingSpec

PartitionId = tuple[str, int]
OutcomeKind = Literal[
    "success", "function_error", "partial_failure", "invalid_response", "record_age_exceeded", "payload_too_large"
]
Condition = Literal["RetryAttemptsExhausted", "RecordAgeExceeded", "PayloadTooLarge"]

DESTINATION_RETRY_CAP = 10  # Lambda caps infinite retries at 10 when an on-failure destination exists
LAMBDA_PAYLOAD_LIMIT_BYTES = 6 * 1024 * 1024  # synchronous invocation request payload


def effective_max_retries(max_retry_attempts: int, has_destination: bool) -> int | None:
    """Retries allowed after the first attempt; None means retry forever."""
    if max_retry_attempts < 0:
        return DESTINATION_RETRY_CAP if has_destination else None
    return max_retry_attempts


@dataclass(frozen=True)
class RetryPolicy:
    max_retries: int | None
    bisect_on_error: bool = False
    report_batch_item_failures: bool = False
    backoff_base_s: float = 0.2
    backoff_cap_s: float = 2.0
    max_record_age_s: int | None = None  # None: records never age out
    max_payload_bytes: int | None = LAMBDA_PAYLOAD_LIMIT_BYTES

    @classmethod
    def for_mapping(
        cls, mapping: KafkaMappingSpec, *, backoff_base_s: float = 0.2, backoff_cap_s: float = 2.0
    ) -> RetryPolicy:
        return cls(
            max_retries=effective_max_retries(mapping.max_retry_attempts, mapping.on_failure_queue is not None),
            bisect_on_error=mapping.bisect_on_error,
            report_batch_item_failures=mapping.report_batch_item_failures,
            backoff_base_s=backoff_base_s,
            backoff_cap_s=backoff_cap_s,
            max_record_age_s=None if mapping.max_record_age_s < 0 else mapping.max_record_age_s,
        )

    def backoff_s(self, retry: int) -> float:
        """Pause before retry number `retry` (1-based): exponential, capped."""
        return float(min(self.backoff_cap_s, self.backoff_base_s * 2 ** max(0, retry - 1)))


@dataclass(frozen=True)
class Outcome:
    kind: OutcomeKind
    done: list[KafkaRecord]  # succeeded: may be committed
    failed: list[KafkaRecord]  # to retry, batch order kept
    reason: str = ""


def next_offsets(records: Sequence[KafkaRecord]) -> dict[PartitionId, int]:
    """The offset to commit per partition once `records` are resolved: last offset + 1."""
    out: dict[PartitionId, int] = {}
    for record in records:
        key = (record.topic, record.partition)
        out[key] = max(out.get(key, 0), record.offset + 1)
    return out


def split_in_halves(records: Sequence[KafkaRecord]) -> tuple[list[KafkaRecord], list[KafkaRecord]]:
    """Two contiguous halves: each partition's records stay in order, the first half's come first."""
    middle = (len(records) + 1) // 2
    return list(records[:middle]), list(records[middle:])


class InvalidBatchResponse(ValueError):
    pass


def _offset_of(identifier: dict[str, Any]) -> int:
    raw = identifier.get("offset")
    if isinstance(raw, bool):
        raise InvalidBatchResponse(f"offset {raw!r} is not an integer")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and raw.isdigit():
        return int(raw)
    raise InvalidBatchResponse(f"offset {raw!r} is not an integer")


def lowest_failed_offsets(response: Any, records: Sequence[KafkaRecord]) -> dict[str, int]:
    """Lowest failed offset per `<topic>-<partition>` reported by a ReportBatchItemFailures response.

    Raises InvalidBatchResponse when an identifier is malformed or names no record of the batch.
    """
    if not isinstance(response, dict):
        return {}
    failures = response.get("batchItemFailures")
    if failures is None:
        return {}
    if not isinstance(failures, list):
        raise InvalidBatchResponse("batchItemFailures is not a list")
    known = {(r.partition_key, r.offset) for r in records}
    lowest: dict[str, int] = {}
    for item in failures:
        identifier = item.get("itemIdentifier") if isinstance(item, dict) else None
        if not isinstance(identifier, dict):
            raise InvalidBatchResponse(f"item {item!r} has no itemIdentifier object")
        partition = identifier.get("partition")
        offset = _offset_of(identifier)
        if not isinstance(partition, str) or (partition, offset) not in known:
            raise InvalidBatchResponse(f"itemIdentifier {identifier!r} names no record of this batch")
        lowest[partition] = min(lowest.get(partition, offset), offset)
    return lowest


def decide(records: Sequence[KafkaRecord], result: InvocationResult, report_batch_item_failures: bool) -> Outcome:
    """Split one invocation's records into succeeded and to-retry."""
    if not result.ok:
        return Outcome("function_error", [], list(records), f"{result.error_type}: {result.error_message}")
    if not report_batch_item_failures:
        return Outcome("success", list(records), [])
    try:
        lowest = lowest_failed_offsets(result.result, records)
    except InvalidBatchResponse as exc:
        return Outcome("invalid_response", [], list(records), f"invalid batchItemFailures response: {exc}")
    if not lowest:
        return Outcome("success", list(records), [])
    done = [r for r in records if r.offset < lowest.get(r.partition_key, r.offset + 1)]
    failed = [r for r in records if r.offset >= lowest.get(r.partition_key, r.offset + 1)]
    reported = ", ".join(f"{key}@{offset}" for key, offset in sorted(lowest.items()))
    return Outcome("partial_failure", done, failed, f"function reported failed items from: {reported}")


@dataclass(frozen=True)
class ExhaustedBatch:
    """Records given up on after their retries: what goes to the on-failure destination."""

    records: list[KafkaRecord]
    last_result: InvocationResult | None  # None: given up on before any invocation carried them
    outcome: Outcome
    attempts: int  # invocations that carried these records
    condition: Condition = "RetryAttemptsExhausted"


@dataclass
class BatchReport:
    invocations: int = 0
    retries: int = 0
    bisections: int = 0
    records_succeeded: int = 0
    records_exhausted: int = 0
    kinds: list[OutcomeKind] = field(default_factory=list)
    abandoned: bool = False  # stopped before every record was resolved: the rest stays uncommitted


@dataclass(frozen=True)
class _Work:
    records: list[KafkaRecord]
    retries: int  # retries spent on these records
    attempts: int  # invocations that carried these records so far


def expired_prefix(records: Sequence[KafkaRecord], max_age_s: int | None, now_ms: int) -> list[KafkaRecord]:
    """Records past the maximum age that lead their partition in `records`: only those can be given up on
    without committing past a younger record of the same partition that is still to be delivered."""
    if max_age_s is None:
        return []
    out: list[KafkaRecord] = []
    blocked: set[PartitionId] = set()
    for record in records:
        key = (record.topic, record.partition)
        if key not in blocked and now_ms - record.timestamp_ms > max_age_s * 1000:
            out.append(record)
        else:
            blocked.add(key)
    return out


def drive_batch(
    records: Sequence[KafkaRecord],
    *,
    invoke: Callable[[list[KafkaRecord]], InvocationResult],
    commit: Callable[[list[KafkaRecord]], None],
    exhausted: Callable[[ExhaustedBatch], None],
    policy: RetryPolicy,
    sleep: Callable[[float], object],
    should_stop: Callable[[], bool],
    on_outcome: Callable[[list[KafkaRecord], Outcome], None] | None = None,
    payload_bytes: Callable[[list[KafkaRecord]], int] | None = None,
    now_ms: Callable[[], int] = lambda: int(time.time() * 1000),
    report: BatchReport | None = None,
) -> BatchReport:
    """Invoke, retry, split and give up on `records` until each one is committed (or we are stopped).

    `commit(records)` is called with records that are resolved (succeeded, or handed to `exhausted`
    first); an exception from `exhausted` propagates before their commit, so nothing is lost.
    `report` (filled in place when given) counts each step before the commit that follows it, so a
    commit callback can publish the counts that lead up to it.
    """
    report = report if report is not None else BatchReport()
    work: deque[_Work] = deque([_Work(list(records), 0, 0)])

    def give_up(batch: list[KafkaRecord], kind: OutcomeKind, condition: Condition, reason: str, attempts: int) -> None:
        exhausted(ExhaustedBatch(batch, None, Outcome(kind, [], batch, reason), attempts, condition))
        report.kinds.append(kind)
        report.records_exhausted += len(batch)
        commit(batch)

    while work:
        if should_stop():
            report.abandoned = True
            return report
        item = work.popleft()
        expired = expired_prefix(item.records, policy.max_record_age_s, now_ms())
        if expired:
            reason = f"older than MaximumRecordAgeInSeconds ({policy.max_record_age_s} s)"
            give_up(expired, "record_age_exceeded", "RecordAgeExceeded", reason, item.attempts)
            gone = {id(r) for r in expired}
            item = _Work([r for r in item.records if id(r) not in gone], item.retries, item.attempts)
            if not item.records:
                continue
        if policy.max_payload_bytes is not None and payload_bytes is not None:
            size = payload_bytes(item.records)
            if size > policy.max_payload_bytes and len(item.records) > 1:
                first, second = split_in_halves(item.records)
                work.appendleft(_Work(second, item.retries, item.attempts))
                work.appendleft(_Work(first, item.retries, item.attempts))
                continue
            if size > policy.max_payload_bytes:
                reason = f"invocation payload of {size} bytes is over Lambda's {policy.max_payload_bytes}"
                give_up(item.records, "payload_too_large", "PayloadTooLarge", reason, item.attempts)
                continue
        result = invoke(item.records)
        report.invocations += 1
        attempts = item.attempts + 1
        outcome = decide(item.records, result, policy.report_batch_item_failures)
        report.kinds.append(outcome.kind)
        if on_outcome is not None:
            on_outcome(item.records, outcome)
        if outcome.done:
            report.records_succeeded += len(outcome.done)
            commit(outcome.done)
        if not outcome.failed:
            continue
        whole_batch_failed = outcome.kind in ("function_error", "invalid_response")
        if whole_batch_failed and policy.bisect_on_error and len(outcome.failed) > 1:
            first, second = split_in_halves(outcome.failed)
            work.appendleft(_Work(second, item.retries, attempts))
            work.appendleft(_Work(first, item.retries, attempts))
            report.bisections += 1
            continue
        if policy.max_retries is not None and item.retries >= policy.max_retries:
            exhausted(ExhaustedBatch(outcome.failed, result, outcome, attempts))
            report.records_exhausted += len(outcome.failed)
            commit(outcome.failed)
            continue
        retry = item.retries + 1
        sleep(policy.backoff_s(retry))
        report.retries += 1
        work.appendleft(_Work(outcome.failed, retry, attempts))
    return report
