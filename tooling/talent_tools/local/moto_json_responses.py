"""A direct writer for moto's DynamoDB answers, where they are plain JSON already.

moto 5.2 writes every DynamoDB answer through its generic response serializer (`moto.core.serialize`), which
looks each attribute of each returned item up through botocore's output shape with a picker that tries
several spellings of every key. On the local stack that was 41 % of moto's time on a GetItem of a
20-attribute item and 73 % on the HR shortlist's Query of 20 rankings (docs/benchmarks-notes.md). DynamoDB's
own answers are JSON with the shape's member names as keys, which is what moto's DynamoDB handler builds, so
this writer walks the output shape once and keeps the values as they are. An AttributeValue, the bulk of
every item, is read by its one tag instead of through its shape.

It writes only what it can write exactly as moto's serializer would: a structure whose keys are all member
names (None members left out, as moto does), maps, lists, strings, integers, doubles and booleans. Anything
else (a blob such as a binary attribute, a timestamp such as a table's creation time, a key the shape does not
name, pretty-printed responses) makes it hand the answer to moto's serializer unchanged. Errors never reach it.
`tests/unit/local/test_moto_json_responses.py` writes every answer of a run of DynamoDB calls both ways and
compares them.
"""

from __future__ import annotations

import functools
import json
from typing import Any

from moto import settings
from moto.core.responses import ActionContext
from moto.dynamodb.responses import DynamoResult

_CONTENT_TYPE = "application/x-amz-json-1.0"
_ATTRIBUTE_VALUE = "AttributeValue"  # the shape of every attribute of an item, and of M's and L's members
_SCALAR_TAGS = {"S": str, "N": str, "BOOL": bool, "NULL": bool}  # tag -> the one type its value has
_STRING_SET_TAGS = frozenset({"SS", "NS"})


class _NotPlain(Exception):
    """The answer holds something moto's serializer converts: it writes this one."""


def _plain(value: Any, shape: Any) -> Any:
    kind = shape.type_name
    if kind == "structure":
        if shape.name == _ATTRIBUTE_VALUE:
            return _attribute(value, shape)
        return _structure(value, shape)
    if kind == "map":
        if not isinstance(value, dict) or shape.key.type_name != "string":
            raise _NotPlain
        value_shape = shape.value
        return {_string(k): _plain(v, value_shape) for k, v in value.items()}
    if kind == "list":
        if not isinstance(value, list):
            raise _NotPlain
        member_shape = shape.member
        return [_plain(v, member_shape) for v in value]
    if kind == "string":
        return _string(value)
    if kind in ("integer", "long"):
        if type(value) is not int:
            raise _NotPlain
        return value
    if kind in ("double", "float"):
        if type(value) not in (int, float):
            raise _NotPlain
        return value
    if kind == "boolean":
        if type(value) is not bool:
            raise _NotPlain
        return value
    raise _NotPlain  # blob, timestamp


def _structure(value: Any, shape: Any) -> dict[str, Any]:
    if not isinstance(value, dict) or shape.is_document_type:
        raise _NotPlain
    members = shape.members
    written: dict[str, Any] = {}
    for key, member_value in value.items():
        member = members.get(key)
        if member is None or member.serialization.get("name", key) != key:
            raise _NotPlain
        if member_value is not None:
            written[key] = _plain(member_value, member)
    return written


def _attribute(value: Any, shape: Any) -> Any:
    """An AttributeValue (most of every returned item) read by its one tag instead of through its shape: the
    same checks `_structure` makes on its members, without a shape lookup per attribute. Anything else (a blob,
    a value that is not one tag, a type that does not match its tag) goes through `_structure`."""
    if type(value) is dict and len(value) == 1:
        ((tag, inner),) = value.items()
        scalar = _SCALAR_TAGS.get(tag)
        if scalar is not None:
            if type(inner) is scalar:
                return value
        elif tag == "M":
            if type(inner) is dict:
                return {"M": {_string(k): _attribute(v, shape) for k, v in inner.items()}}
        elif tag == "L":
            if type(inner) is list:
                return {"L": [_attribute(v, shape) for v in inner]}
        elif tag in _STRING_SET_TAGS and type(inner) is list and all(type(v) is str for v in inner):
            return value
    return _structure(value, shape)


def _string(value: Any) -> str:
    if type(value) is not str:
        raise _NotPlain
    return value


def plain_response(result: object, context: ActionContext) -> tuple[int, dict[str, str], str] | None:
    """The answer as moto's serializer writes it (status, headers, body), or None where it must write it."""
    shape = context.operation_model.output_shape
    if shape is None or settings.PRETTIFY_RESPONSES or context.operation_model.has_event_stream_output:
        return None
    if context.service_model.protocol != "json" or context.service_model.metadata.get("jsonVersion") != "1.0":
        return None
    try:
        body = _plain(result, shape)
    except _NotPlain:
        return None
    return 200, {"Content-Type": _CONTENT_TYPE}, json.dumps(body)


def install() -> None:
    """Patch moto's DynamoDB answers in this process (idempotent)."""
    original = DynamoResult.execute_result
    if getattr(original, "_talent_plain", False):
        return

    @functools.wraps(original)
    def execute_result(self: DynamoResult, context: ActionContext) -> Any:
        written = plain_response(self.result, context)
        return written if written is not None else original(self, context)

    execute_result._talent_plain = True  # type: ignore[attr-defined]
    DynamoResult.execute_result = execute_result  # type: ignore[method-assign,assignment]
