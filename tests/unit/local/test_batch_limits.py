"""Lambda's limits the event source mapping enforces before invoking: 6 MB per invocation, MaximumRecordAgeInSeconds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from talent_tools.local.batch_outcome import LAMBDA_PAYLOAD_LIMIT_BYTES, ExhaustedBatch, RetryPolicy, drive_batch
from talent_tools.local.invoker import InvocationResult
from talent_tools.local.kafka_event import KafkaRecord
from talent_tools.local.template import Template

NOW_MS = 1_800_000_000_000
REPO = Path(__file__).resolve().parents[3]


def rec(offset: int, *, age_s: float = 0, size: int = 10, partition: int = 0) -> KafkaRecord:
    return KafkaRecord("t", partition, offset, int(NOW_MS - age_s * 1000), None, b"x" * size)


class Mapping:
    """Drives a batch with a scripted function and a clock; records what was invoked, given up on, committed."""

    def __init__(self, results: list[InvocationResult] | None = None, clock_step_s: float = 0) -> None:
        self.results = results or []
        self.clock_step_s = clock_step_s
        self.now = NOW_MS
        self.invoked: list[list[int]] = []
        self.given_up: list[ExhaustedBatch] = []
        self.committed: list[list[int]] = []

    def invoke(self, records: list[KafkaRecord]) -> InvocationResult:
        self.invoked.append([r.offset for r in records])
        self.now += int(self.clock_step_s * 1000)
        return self.results.pop(0) if self.results else InvocationResult(request_id="r", ok=True, result=None)

    def run(self, records: list[KafkaRecord], policy: RetryPolicy) -> Any:
        return drive_batch(
            records,
            invoke=self.invoke,
            commit=lambda rs: self.committed.append([r.offset for r in rs]),
            exhausted=self.given_up.append,
            policy=policy,
            sleep=lambda _: None,
            should_stop=lambda: False,
            payload_bytes=lambda rs: sum(len(r.value or b"") for r in rs),
            now_ms=lambda: self.now,
        )


def failed() -> InvocationResult:
    return InvocationResult(request_id="r", ok=False, error_type="RuntimeError", error_message="store down")


def test_records_older_than_the_maximum_age_go_to_the_destination_without_an_invocation():
    # Given a batch whose first two records are two minutes old, with a 60 s maximum record age
    mapping = Mapping()
    mapping.run([rec(0, age_s=120), rec(1, age_s=90), rec(2)], RetryPolicy(max_retries=3, max_record_age_s=60))
    # Then they are given up on (RecordAgeExceeded) and committed, and only the young record is invoked
    [old] = mapping.given_up
    assert ([r.offset for r in old.records], old.condition, old.last_result) == ([0, 1], "RecordAgeExceeded", None)
    assert mapping.invoked == [[2]] and mapping.committed == [[0, 1], [2]]


def test_a_record_that_ages_out_while_being_retried_stops_being_retried():
    # Given a function that keeps failing, 40 s per attempt, with ten retries allowed and a 60 s maximum age
    mapping = Mapping([failed()] * 10, clock_step_s=40)
    mapping.run([rec(0)], RetryPolicy(max_retries=10, max_record_age_s=60))
    # Then the record is given up on as too old after two attempts, not after eleven
    assert len(mapping.invoked) == 2
    [gone] = mapping.given_up
    assert gone.condition == "RecordAgeExceeded" and mapping.committed == [[0]]


def test_an_old_record_behind_a_younger_one_of_its_partition_is_not_committed_past_it():
    # Given (clock skew) a young record before an old one in one partition, and an old one in another
    mapping = Mapping()
    mapping.run(
        [rec(0), rec(1, age_s=120), rec(7, age_s=120, partition=1)], RetryPolicy(max_retries=0, max_record_age_s=60)
    )
    # Then only the other partition's old record is given up on before invoking; the first partition is delivered
    assert [[r.offset for r in g.records] for g in mapping.given_up] == [[7]]
    assert mapping.invoked == [[0, 1]]


def test_a_batch_over_the_invocation_limit_is_split_and_a_record_over_it_alone_is_never_invoked():
    # Given three records: two that fit together in 6 MB only one by one, and one larger than 6 MB
    half = LAMBDA_PAYLOAD_LIMIT_BYTES // 2 + 1
    batch = [rec(0, size=half), rec(1, size=half), rec(2, size=LAMBDA_PAYLOAD_LIMIT_BYTES + 1)]
    mapping = Mapping()
    mapping.run(batch, RetryPolicy(max_retries=3))
    # Then each fitting record is invoked alone, the oversized one goes to the destination uninvoked
    assert mapping.invoked == [[0], [1]]
    [too_large] = mapping.given_up
    assert ([r.offset for r in too_large.records], too_large.condition) == ([2], "PayloadTooLarge")
    assert sorted(o for c in mapping.committed for o in c) == [0, 1, 2]


def test_every_mapping_of_the_template_reads_its_maximum_record_age():
    # Given the template's Kafka mappings, as the local runner reads them
    mappings = Template(REPO / "template.yaml").kafka_mappings()
    # Then each carries the template's MaximumRecordAgeInSeconds into its retry policy
    assert mappings and {RetryPolicy.for_mapping(m).max_record_age_s for m in mappings} == {86400}
