"""moto's DynamoDB answers written directly (talent_tools.local.moto_json_responses) equal its serializer's.

In-process moto (no server, no network): every answer of a run of DynamoDB calls, items of every attribute
type included, is written both ways; where the direct writer writes one, status, headers and JSON must equal
what moto's serializer writes, and it must hand over the answers it cannot write exactly (blobs, timestamps).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import boto3
import pytest
from boto3.dynamodb.conditions import Attr, Key
from moto import mock_aws
from moto.core.responses import ActionResult
from moto.dynamodb.responses import DynamoResult

from talent_tools.local import moto_json_responses
from talent_tools.local.moto_json_responses import plain_response

Written = list[tuple[str, bool]]  # (operation, written directly)


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> Iterator[Written]:
    for name in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB"):
        monkeypatch.delenv(name, raising=False)
    seen: Written = []

    def both_ways(self: DynamoResult, context: Any) -> Any:
        expected = ActionResult.execute_result(self, context)  # moto's serializer
        direct = plain_response(self.result, context)
        if direct is not None:
            status, headers, body = expected
            assert direct[0] == status
            assert direct[1] == dict(headers)
            assert json.loads(direct[2]) == json.loads(body)
        seen.append((context.operation_model.name, direct is not None))
        return expected

    monkeypatch.setattr(DynamoResult, "execute_result", both_ways)
    with mock_aws():
        yield seen


def _table(dynamodb: Any) -> Any:
    return dynamodb.create_table(
        TableName="T",
        KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("PK", "SK", "GPK", "GSK")],
        GlobalSecondaryIndexes=[
            {
                "IndexName": "GSI",
                "KeySchema": [
                    {"AttributeName": "GPK", "KeyType": "HASH"},
                    {"AttributeName": "GSK", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "ALL"},
            }
        ],
        BillingMode="PAY_PER_REQUEST",
    )


def _item(n: int) -> dict[str, Any]:
    return {
        "PK": f"k{n % 3}",
        "SK": f"s{n}",
        "GPK": "g",
        "GSK": f"{n:03d}",
        "count": Decimal(n) / 4,
        "flag": n % 2 == 0,
        "nothing": None,
        "tags": {"a", f"t{n}"},
        "scores": {Decimal(1), Decimal(n + 2)},
        "result": {"features": [Decimal("0.25"), Decimal(n)], "reasons": [{"text": "skills", "weight": Decimal(2)}]},
        "empty_list": [],
        "empty_map": {},
        "text": 'résumé ✓ "quoted" \\ line\nbreak',
    }


def test_every_answer_written_directly_equals_motos(written: Written) -> None:
    dynamodb = boto3.resource("dynamodb", region_name="us-east-1")
    table = _table(dynamodb)
    client = table.meta.client
    for n in range(8):
        table.put_item(Item=_item(n), ReturnConsumedCapacity="TOTAL")
    table.put_item(Item={**_item(9), "raw": b"\x00\x01binary"})

    assert table.get_item(Key={"PK": "k0", "SK": "s0"})["Item"]["text"] == _item(0)["text"]
    assert "Item" not in table.get_item(Key={"PK": "k0", "SK": "missing"})
    table.get_item(Key={"PK": "k0", "SK": "s9"})  # a binary attribute: moto's serializer writes it
    page = table.query(KeyConditionExpression=Key("PK").eq("k1"), Limit=2, ReturnConsumedCapacity="INDEXES")
    table.query(KeyConditionExpression=Key("PK").eq("k1"), ExclusiveStartKey=page["LastEvaluatedKey"])
    table.query(IndexName="GSI", KeyConditionExpression=Key("GPK").eq("g") & Key("GSK").lt("005"), Select="COUNT")
    table.query(IndexName="GSI", KeyConditionExpression=Key("GPK").eq("none"))
    table.query(
        KeyConditionExpression=Key("PK").eq("k2"), FilterExpression=Attr("flag").eq(True), ProjectionExpression="SK"
    )
    table.update_item(
        Key={"PK": "k0", "SK": "s3"},
        UpdateExpression="SET #c = #c + :one, note = :note",
        ExpressionAttributeNames={"#c": "count"},
        ExpressionAttributeValues={":one": 1, ":note": "seen"},
        ReturnValues="ALL_NEW",
    )
    table.update_item(
        Key={"PK": "k0", "SK": "s3"},
        UpdateExpression="REMOVE note",
        ReturnValues="UPDATED_OLD",
    )
    table.delete_item(Key={"PK": "k1", "SK": "s4"}, ReturnValues="ALL_OLD")
    dynamodb.batch_get_item(RequestItems={"T": {"Keys": [{"PK": "k0", "SK": "s0"}, {"PK": "k2", "SK": "s2"}]}})
    with table.batch_writer() as batch:
        batch.put_item(Item=_item(10))
        batch.delete_item(Key={"PK": "k0", "SK": "s6"})
    table.scan(Limit=3)  # holds the binary attribute: moto's serializer writes it
    table.scan(FilterExpression=Attr("flag").eq(True))
    client.transact_get_items(TransactItems=[{"Get": {"TableName": "T", "Key": {"PK": "k0", "SK": "s0"}}}])
    client.transact_write_items(TransactItems=[{"Put": {"TableName": "T", "Item": {"PK": "k5", "SK": "s5"}}}])
    client.list_tables()
    client.describe_table(TableName="T")  # timestamps: moto's serializer writes it

    direct = {operation for operation, was_direct in written if was_direct}
    handed_over = {operation for operation, was_direct in written if not was_direct}
    assert {"GetItem", "Query", "PutItem", "UpdateItem", "BatchGetItem", "Scan", "TransactGetItems"} <= direct
    # DeleteItem: moto's answer carries a key its serializer drops (ConsumedCapacityUnits), so it writes it
    assert {"GetItem", "Scan", "DescribeTable", "CreateTable", "DeleteItem"} <= handed_over


ODD_ITEMS: list[Any] = [
    {"a": {"S": 1}},  # a tag whose value has the wrong type
    {"a": {"N": None}},  # a member left out
    {"a": {"S": "x", "N": "1"}},  # two tags
    {"a": {}},
    {"a": {"B": "AAE="}},  # a blob
    {"a": {"BS": ["AAE="]}},
    {"a": {"SS": ["x", 1]}},
    {"a": {"M": {"b": {"L": [{"S": "x"}, {"NULL": True}, {"BOOL": 1}]}}}},
    {"a": {"M": {1: {"S": "x"}}}},  # a key that is not a string
    {"a": {"X": "unknown tag"}},
    {"a": None},
    {"a": "not an attribute value"},
    {"a": {"L": [{"M": {"b": {"NS": ["1", "2.5"]}}}, {"SS": []}]}},  # plain all the way down
]


@pytest.mark.parametrize("item", ODD_ITEMS)
def test_attribute_values_read_by_their_tag_are_written_as_through_their_shape(
    item: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given an item shape (a map of AttributeValue) and items moto never builds, alongside plain ones
    shape = boto3.client("dynamodb", region_name="us-east-1").meta.service_model.shape_for("AttributeMap")

    def write(value: Any) -> Any:
        try:
            return moto_json_responses._plain(value, shape)
        except moto_json_responses._NotPlain:
            return "handed over"

    # When each is written by its tags, then through the shape alone (the shape's name no longer recognised)
    by_tag = write(item)
    monkeypatch.setattr(moto_json_responses, "_ATTRIBUTE_VALUE", "no such shape")
    # Then both write the same, or both hand it to moto's serializer
    assert by_tag == write(item)
