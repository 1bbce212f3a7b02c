"""The needle scan the erasure test relies on finds what it must (no stack needed)."""

from __future__ import annotations

import base64
import json

from tests.security.needle_scan import EMAIL, PHONE, hits


def test_base64_forms_find_a_needle_at_any_offset():
    for prefix in (b"", b"a", b"ab", b"abc"):
        assert hits(base64.b64encode(prefix + EMAIL.encode() + b" rest")) == [EMAIL]


def test_a_needle_base64_encoded_twice_inside_json_is_found():
    inner = json.dumps({"content_base64": base64.b64encode(f"x {PHONE} y".encode()).decode()}).encode()
    assert hits(json.dumps({"value": base64.b64encode(inner).decode()}).encode()) == [PHONE]
