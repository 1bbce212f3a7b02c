"""One trigger records a stored screening (audit entry, lake row), against moto server: the claim kept on the
ranking item, which the next screening's write clears."""

from __future__ import annotations

from typing import Any

import pytest

from talent.adapters.dynamodb_store import DynamoStore
from tests.integration.test_shortlist_store import ranking

pytestmark = pytest.mark.integration


def test_the_first_trigger_claims_the_recording_and_only_its_own_retry_claims_it_again(provisioned: Any, unique):
    store = DynamoStore(provisioned.refs["TalentTable"])
    tenant = f"claim-{unique}"
    screening = ranking(tenant, "app-1", 0.4)
    assert not store.claim_record(screening, "evt-intake")  # nothing stored yet: nothing to record
    assert store.put_ranking(screening)

    assert store.claim_record(screening, "evt-intake")
    assert not store.claim_record(screening, "evt-job-v1")  # the re-rank that screened it at the same time
    assert store.claim_record(screening, "evt-intake")  # intake's own redelivery after a crash
    assert store.get_ranking(tenant, "app-1") == screening  # the claim is not part of the ranking read back

    # a stale copy of another screening claims nothing; the new screening's write clears the claim
    rescored = ranking(tenant, "app-1", 0.7, inputs="c")
    assert not store.claim_record(rescored, "evt-assessment")
    assert store.put_ranking(rescored)
    assert not store.claim_record(screening, "evt-intake")
    assert store.claim_record(rescored, "evt-assessment")
