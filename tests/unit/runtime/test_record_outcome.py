"""The typed outcome of one record: what the batch handler logs and counts, and what idempotency stores."""

from __future__ import annotations

from talent.runtime.outcomes import RecordOutcome


def test_an_outcome_round_trips_through_what_idempotency_stores() -> None:
    outcome = RecordOutcome(outcome="accepted", screening="screened", details={"reason": "r"})
    assert RecordOutcome.from_stored(outcome.stored()) == outcome


def test_an_outcome_stored_before_the_type_existed_still_answers_a_replay() -> None:
    # Records stored as flat dicts live for the idempotency TTL (8 days) after a deployment
    erased = RecordOutcome.from_stored({"outcome": "erased", "applications": "1", "documents": "2"})
    assert erased == RecordOutcome(outcome="erased", details={"applications": "1", "documents": "2"})
    synced = RecordOutcome.from_stored({"outcome": "updated", "reranked": {"screened": 3}})
    assert synced.screenings() == {"screened": 3}


def test_the_log_fields_and_the_screening_counts() -> None:
    one = RecordOutcome(outcome="accepted", screening="screened", details={"reason": "r"})
    assert one.log_fields() == {"outcome": "accepted", "reason": "r", "screening": "screened"}
    assert one.screenings() == {"screened": 1}
    assert RecordOutcome(outcome="stale").screenings() == {}
