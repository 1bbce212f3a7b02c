"""The session's personal-data log scan finds what it is meant to find (and ignores ids and numbers)."""

from __future__ import annotations

import json

from tests.log_scan import find_personal_data, personal_markers


def test_markers_hold_the_fixture_candidates_names_emails_and_phones():
    markers = personal_markers()
    assert {"Avery Quinn", "avery.quinn@example.org", "+1 555 0100", "+15550100"} <= markers
    assert {"Sam Patel", "sam.patel@example.net"} <= markers


def test_a_leaked_name_email_or_phone_is_found_and_ids_are_not():
    markers = personal_markers()
    leaked = json.dumps({"level": "INFO", "message": "parsed", "contact": {"name": "Casey Morgan"}})
    assert len(find_personal_data(leaked, markers)) == 1
    assert find_personal_data("sending to +15550142 now", markers)
    clean = json.dumps({"message": "screened", "application_id": "app-1001", "candidate_id": "cand-501", "score": 0.71})
    assert find_personal_data(clean, markers) == []
