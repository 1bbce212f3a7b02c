"""Request bodies: depth counted without parsing (brackets inside strings do not count), size bounded."""

from __future__ import annotations

import json

import pytest

from talent.api.json_body import MAX_BYTES, MAX_DEPTH, BodyNestedTooDeep, BodyTooLarge, loads, nesting_depth_exceeds


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("{}", 1),
        ('[1, [2, {"a": [3]}]]', 4),
        ('["[[[[", "]]]"]', 1),  # brackets inside strings
        ('{"a": "\\"[[[["}', 1),  # an escaped quote does not end the string
        ('["\\\\", [1]]', 2),  # an escaped backslash does
    ],
)
def test_depth_is_counted_outside_strings(text: str, depth: int) -> None:
    assert not nesting_depth_exceeds(text, depth)
    assert nesting_depth_exceeds(text, depth - 1)
    assert json.loads(text) is not None  # the cases are valid JSON


def test_a_body_at_the_limit_parses_and_one_level_more_is_refused() -> None:
    assert loads("[" * MAX_DEPTH + "]" * MAX_DEPTH) is not None
    with pytest.raises(BodyNestedTooDeep):
        loads("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1))


def test_a_deep_body_is_refused_as_deep_even_when_it_is_also_large() -> None:
    with pytest.raises(BodyNestedTooDeep):
        loads(b"[" * 100_000 + b"]" * 100_000)


def test_a_large_flat_body_is_refused_as_too_large() -> None:
    with pytest.raises(BodyTooLarge):
        loads(json.dumps({"reason": "x" * MAX_BYTES}))


def test_an_unterminated_string_runs_to_the_end_and_json_refuses_it() -> None:
    # What follows an unterminated quote is inside a string for both the scan and the parser, which then
    # fails at that string (a 422), never by recursing
    body = '["' + "[" * 100_000

    with pytest.raises(json.JSONDecodeError):
        loads(body[:MAX_BYTES])
