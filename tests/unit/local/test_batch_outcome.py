"""What the event source mapping commits, retries, splits and gives up on: the pure rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from talent_tools.local.batch_outcome import (
    ExhaustedBatch,
    RetryPolicy,
    decide,
    drive_batch,
    effective_max_retries,
    lowest_failed_offsets,
    next_offsets,
    split_in_halves,
)
from talent_tools.local.invoker import InvocationResult
from talent_tools.local.kafka_event import KafkaRecord


def rec(offset: int, partition: int = 0, topic: str = "t") -> KafkaRecord:
    return KafkaRecord(topic=topic, partition=partition, offset=offset, timestamp_ms=0, key=None, value=b"{}")


def ok(result: Any = None) -> InvocationResult:
    return InvocationResult(request_id="r", ok=True, result=result)


def error(message: str = "boom") -> InvocationResult:
    return InvocationResult(request_id="r", ok=False, error_type="RuntimeError", error_message=message)


def failures(*items: tuple[str, Any]) -> dict[str, Any]:
    return {"batchItemFailures": [{"itemIdentifier": {"partition": p, "offset": o}} for p, o in items]}


# ----------------------------------------------------------------- decide
def test_success_without_partial_responses_ignores_the_return_value():
    batch = [rec(0), rec(1)]
    outcome = decide(batch, ok(failures(("t-0", 1))), report_batch_item_failures=False)
    assert (outcome.kind, outcome.done, outcome.failed) == ("success", batch, [])


def test_a_function_error_fails_the_whole_batch():
    batch = [rec(0), rec(0, partition=1)]
    outcome = decide(batch, error("bad"), report_batch_item_failures=True)
    assert (outcome.kind, outcome.done, outcome.failed) == ("function_error", [], batch)
    assert outcome.reason == "RuntimeError: bad"


@pytest.mark.parametrize("response", [None, {}, {"batchItemFailures": None}, {"batchItemFailures": []}, "text"])
def test_empty_or_absent_failure_lists_are_success(response):
    assert decide([rec(0)], ok(response), report_batch_item_failures=True).kind == "success"


def test_partial_failure_commits_up_to_the_lowest_failed_offset_of_each_reported_partition():
    p0 = [rec(0), rec(1), rec(2), rec(3)]
    p1 = [rec(7, partition=1), rec(8, partition=1)]
    outcome = decide(p0 + p1, ok(failures(("t-0", 3), ("t-0", 1))), report_batch_item_failures=True)
    assert outcome.kind == "partial_failure"
    assert outcome.done == [rec(0), *p1]
    assert outcome.failed == [rec(1), rec(2), rec(3)]
    assert "t-0@1" in outcome.reason


def test_offsets_given_as_digit_strings_are_accepted():
    outcome = decide([rec(0), rec(1)], ok(failures(("t-0", "1"))), report_batch_item_failures=True)
    assert outcome.failed == [rec(1)]


def test_topic_names_with_dashes_are_matched_whole():
    batch = [rec(0, topic="ats-jobs-v1"), rec(1, topic="ats-jobs-v1")]
    outcome = decide(batch, ok(failures(("ats-jobs-v1-0", 1))), report_batch_item_failures=True)
    assert outcome.done == [batch[0]]


@pytest.mark.parametrize(
    "response",
    [
        failures(("t-9", 0)),  # unknown partition
        failures(("t-0", 5)),  # offset not in the batch
        failures(("t-0", None)),
        failures(("t-0", True)),
        {"batchItemFailures": [{"itemIdentifier": ""}]},
        {"batchItemFailures": [{"id": {"partition": "t-0", "offset": 0}}]},
        {"batchItemFailures": "t-0"},
    ],
)
def test_an_invalid_identifier_fails_the_whole_batch(response):
    outcome = decide([rec(0), rec(1)], ok(response), report_batch_item_failures=True)
    assert (outcome.kind, outcome.done) == ("invalid_response", [])


def test_lowest_failed_offsets_is_per_partition():
    batch = [rec(0), rec(1), rec(4, partition=2)]
    assert lowest_failed_offsets(failures(("t-0", 1), ("t-2", 4)), batch) == {"t-0": 1, "t-2": 4}


# ------------------------------------------------------------ small rules
def test_next_offsets_are_last_plus_one_per_partition():
    assert next_offsets([rec(3), rec(5), rec(4), rec(0, partition=1)]) == {("t", 0): 6, ("t", 1): 1}


def test_halves_are_contiguous_and_the_first_takes_the_odd_record():
    first, second = split_in_halves([rec(i) for i in range(5)])
    assert [r.offset for r in first] == [0, 1, 2] and [r.offset for r in second] == [3, 4]


@pytest.mark.parametrize(
    ("configured", "destination", "expected"),
    [(3, True, 3), (0, False, 0), (-1, True, 10), (-1, False, None), (10000, True, 10000)],
)
def test_infinite_retries_are_capped_at_ten_with_an_on_failure_destination(configured, destination, expected):
    assert effective_max_retries(configured, destination) == expected


def test_backoff_doubles_up_to_the_cap():
    policy = RetryPolicy(max_retries=5, backoff_base_s=0.1, backoff_cap_s=0.3)
    assert [policy.backoff_s(n) for n in (1, 2, 3, 4)] == [0.1, 0.2, 0.3, 0.3]


# ------------------------------------------------------------ drive_batch
@dataclass
class Harness:
    """Scripted function results and recorded effects for drive_batch."""

    script: list[Any]  # InvocationResult, or a callable(records) -> InvocationResult
    invoked: list[list[int]] = field(default_factory=list)
    committed: list[list[int]] = field(default_factory=list)
    exhausted: list[ExhaustedBatch] = field(default_factory=list)
    sleeps: list[float] = field(default_factory=list)
    stop_after: int | None = None

    def invoke(self, records: list[KafkaRecord]) -> InvocationResult:
        self.invoked.append([r.offset for r in records])
        step = self.script.pop(0) if self.script else ok()
        return step(records) if callable(step) else step

    def run(self, records: list[KafkaRecord], policy: RetryPolicy) -> Any:
        return drive_batch(
            records,
            invoke=self.invoke,
            commit=lambda rs: self.committed.append([r.offset for r in rs]),
            exhausted=self.exhausted.append,
            policy=policy,
            sleep=self.sleeps.append,
            should_stop=lambda: self.stop_after is not None and len(self.invoked) >= self.stop_after,
        )


def test_a_successful_batch_is_committed_once():
    harness = Harness([ok()])
    report = harness.run([rec(0), rec(1)], RetryPolicy(max_retries=3))
    assert harness.committed == [[0, 1]]
    assert (report.invocations, report.retries, report.abandoned) == (1, 0, False)


def test_a_failing_batch_is_retried_with_the_same_records_then_committed():
    harness = Harness([error(), error(), ok()])
    report = harness.run([rec(0), rec(1)], RetryPolicy(max_retries=3, backoff_base_s=0.1))
    assert harness.invoked == [[0, 1]] * 3
    assert harness.committed == [[0, 1]]
    assert harness.sleeps == [0.1, 0.2]
    assert report.retries == 2 and not harness.exhausted


def test_exhausted_retries_go_to_the_destination_and_are_then_committed():
    harness = Harness([error("poison")] * 3)
    report = harness.run([rec(0), rec(1)], RetryPolicy(max_retries=2))
    assert len(harness.invoked) == 3
    [gone] = harness.exhausted
    assert [r.offset for r in gone.records] == [0, 1] and gone.attempts == 3
    assert gone.outcome.reason == "RuntimeError: poison"
    assert harness.committed == [[0, 1]]
    assert report.records_exhausted == 2


def test_zero_retries_means_one_attempt():
    harness = Harness([error()])
    harness.run([rec(0)], RetryPolicy(max_retries=0))
    assert len(harness.invoked) == 1 and len(harness.exhausted) == 1


def test_infinite_retries_keep_going_until_success():
    harness = Harness([error()] * 25 + [ok()])
    harness.run([rec(0)], RetryPolicy(max_retries=None, backoff_base_s=0.0))
    assert len(harness.invoked) == 26 and harness.committed == [[0]]


def test_a_destination_that_fails_leaves_the_records_uncommitted():
    class Down(RuntimeError):
        pass

    def refuse(_: ExhaustedBatch) -> None:
        raise Down

    with pytest.raises(Down):
        drive_batch(
            [rec(0)],
            invoke=lambda _: error(),
            commit=lambda _: pytest.fail("committed past records the destination never got"),
            exhausted=refuse,
            policy=RetryPolicy(max_retries=0),
            sleep=lambda _: None,
            should_stop=lambda: False,
        )


def test_partial_failure_commits_the_prefix_and_retries_from_the_failed_offset():
    harness = Harness([ok(failures(("t-0", 2))), ok()])
    report = harness.run([rec(0), rec(1), rec(2), rec(3)], RetryPolicy(max_retries=3, report_batch_item_failures=True))
    assert harness.invoked == [[0, 1, 2, 3], [2, 3]]
    assert harness.committed == [[0, 1], [2, 3]]
    assert report.retries == 1


def test_partial_failures_that_persist_send_only_the_failed_tail_to_the_destination():
    harness = Harness([ok(failures(("t-0", 1)))] * 2)
    harness.run([rec(0), rec(1), rec(2)], RetryPolicy(max_retries=1, report_batch_item_failures=True))
    assert harness.invoked == [[0, 1, 2], [1, 2]]
    [gone] = harness.exhausted
    assert [r.offset for r in gone.records] == [1, 2]
    assert harness.committed == [[0], [1, 2]]


def test_an_invalid_response_retries_the_whole_batch():
    harness = Harness([ok(failures(("t-0", 99))), ok()])
    harness.run([rec(0), rec(1)], RetryPolicy(max_retries=1, report_batch_item_failures=True))
    assert harness.invoked == [[0, 1], [0, 1]]


def test_bisect_isolates_a_poison_record_without_spending_retries():
    def poison(records: list[KafkaRecord]) -> InvocationResult:
        return error() if any(r.offset == 2 for r in records) else ok()

    harness = Harness([poison] * 10)
    report = harness.run([rec(i) for i in range(4)], RetryPolicy(max_retries=0, bisect_on_error=True))
    assert harness.invoked == [[0, 1, 2, 3], [0, 1], [2, 3], [2], [3]]
    assert [[r.offset for r in b.records] for b in harness.exhausted] == [[2]]
    assert harness.exhausted[0].attempts == 3
    assert harness.committed == [[0, 1], [2], [3]]
    assert report.bisections == 2 and report.retries == 0


def test_bisected_halves_keep_per_partition_order_across_partitions():
    batch = [rec(0), rec(1), rec(0, partition=1), rec(2), rec(1, partition=1)]
    harness = Harness([error(), ok(), ok()])
    harness.run(batch, RetryPolicy(max_retries=0, bisect_on_error=True))
    first, second = harness.invoked[1:]
    assert first == [0, 1, 0] and second == [2, 1]


def test_stopping_abandons_the_batch_without_committing_it():
    harness = Harness([error(), ok()], stop_after=1)
    report = harness.run([rec(0), rec(1)], RetryPolicy(max_retries=3))
    assert report.abandoned and harness.committed == [] and len(harness.invoked) == 1
