"""Page cursors: DynamoDB's LastEvaluatedKey as an opaque, URL-safe string, checked on the way back in.

A cursor comes from the client, so it is input like any other. DynamoDB answers a foreign start key with
a ValidationException (a 5xx if unchecked), and a start key of another partition must never steer a
query; so a cursor is accepted only if it holds exactly the key attributes of the index it pages, all
strings, and the index partition of the query it continues.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from talent.domain.errors import InvalidPageCursor

TABLE_KEYS = ("PK", "SK")


def encode(last_key: dict[str, Any] | None) -> str | None:
    if not last_key:
        return None
    return base64.urlsafe_b64encode(json.dumps(last_key, sort_keys=True).encode()).decode()


def decode(cursor: str | None, index: str, partition: str) -> dict[str, str] | None:
    """The ExclusiveStartKey for a query of `index` (GSI name) on `partition`, or InvalidPageCursor."""
    if not cursor:
        return None
    try:
        decoded = json.loads(base64.urlsafe_b64decode(cursor.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error, RecursionError) as exc:
        raise InvalidPageCursor() from exc
    expected = {*TABLE_KEYS, f"{index}PK", f"{index}SK"}
    if not isinstance(decoded, dict) or set(decoded) != expected:
        raise InvalidPageCursor()
    if not all(isinstance(value, str) and value for value in decoded.values()):
        raise InvalidPageCursor()
    if decoded[f"{index}PK"] != partition:
        raise InvalidPageCursor()
    return decoded
