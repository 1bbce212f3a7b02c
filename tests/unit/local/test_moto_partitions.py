"""moto's Query reading one partition (talent_tools.local.moto_partitions) returns what DynamoDB would.

In-process moto (no server, no network). Writes of every kind moto has (put, overwrite, conditional update,
update moving an item between index partitions or out of the index, delete, batch write, a transaction rolled
back) are applied to a table and to a plain model of it; every index and table Query, paginated and counted,
must equal the model's answer.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from boto3.dynamodb.conditions import Attr, Key
from botocore.exceptions import ClientError
from moto import mock_aws

from talent_tools.local import moto_partitions

TABLE = "T"
Model = dict[tuple[str, str], dict[str, Any]]


@pytest.fixture
def table(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    # in-process moto answers only AWS's own endpoints: a local stack's endpoint left in the environment by
    # another test would send these requests to a socket
    for name in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB"):
        monkeypatch.delenv(name, raising=False)
    moto_partitions.install()
    with mock_aws():
        dynamodb = boto3.resource("dynamodb", region_name="us-east-1")
        created = dynamodb.create_table(
            TableName=TABLE,
            KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}, {"AttributeName": "SK", "KeyType": "RANGE"}],
            AttributeDefinitions=[
                {"AttributeName": name, "AttributeType": "S"} for name in ("PK", "SK", "G1PK", "G1SK", "G2PK")
            ],
            GlobalSecondaryIndexes=[
                {
                    "IndexName": "GSI1",
                    "KeySchema": [
                        {"AttributeName": "G1PK", "KeyType": "HASH"},
                        {"AttributeName": "G1SK", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "ALL"},
                },
                {
                    "IndexName": "GSI2",
                    "KeySchema": [{"AttributeName": "G2PK", "KeyType": "HASH"}],
                    "Projection": {"ProjectionType": "ALL"},
                },
            ],
            BillingMode="PAY_PER_REQUEST",
        )
        yield created


def _all_pages(table: Any, **kwargs: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    while True:
        page = table.query(**kwargs)
        found.extend(page["Items"])
        if "LastEvaluatedKey" not in page:
            return found
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def _keys(found: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(i["PK"], i["SK"]) for i in found]


def _assert_queries_match(table: Any, model: Model, partitions: int) -> None:
    for n in range(partitions):
        value = f"p{n}"
        in_g1 = sorted((i for i in model.values() if i.get("G1PK") == value and "G1SK" in i), key=_g1_order)
        assert _keys(_all_pages(table, IndexName="GSI1", KeyConditionExpression=Key("G1PK").eq(value), Limit=3)) == [
            (i["PK"], i["SK"]) for i in in_g1
        ]
        below = [i for i in in_g1 if i["G1SK"] < "5"]
        count = table.query(
            IndexName="GSI1", KeyConditionExpression=Key("G1PK").eq(value) & Key("G1SK").lt("5"), Select="COUNT"
        )
        assert count["Count"] == len(below)
        filtered = table.query(
            IndexName="GSI1",
            KeyConditionExpression=Key("G1PK").eq(value) & Key("G1SK").lt("5"),
            FilterExpression=Attr("n").lt("0.5"),
            Select="COUNT",
        )
        assert filtered["Count"] == sum(1 for i in below if i.get("n", "1") < "0.5")
        newest_first = _all_pages(
            table, IndexName="GSI1", KeyConditionExpression=Key("G1PK").eq(value), ScanIndexForward=False
        )
        assert _keys(newest_first) == [(i["PK"], i["SK"]) for i in reversed(in_g1)]
        in_g2 = {(i["PK"], i["SK"]) for i in model.values() if i.get("G2PK") == value}
        assert set(_keys(_all_pages(table, IndexName="GSI2", KeyConditionExpression=Key("G2PK").eq(value)))) == in_g2
        own = sorted(k for k in model if k[0] == f"k{n}")
        assert _keys(_all_pages(table, KeyConditionExpression=Key("PK").eq(f"k{n}"), Limit=2)) == own
        assert _all_pages(table, KeyConditionExpression=Key("PK").eq(f"k{n}")) == [model[k] for k in own]


def _g1_order(item: dict[str, Any]) -> tuple[str, str, str]:
    return (item["G1SK"], item["PK"], item["SK"])


def _random_item(rng: random.Random, partitions: int) -> dict[str, Any]:
    item = {"PK": f"k{rng.randrange(partitions)}", "SK": f"s{rng.randrange(6)}", "n": str(rng.random())}
    if rng.random() < 0.8:
        item["G1PK"] = f"p{rng.randrange(partitions)}"
        item["G1SK"] = str(rng.randrange(10))
    if rng.random() < 0.5:
        item["G2PK"] = f"p{rng.randrange(partitions)}"
    return item


def test_every_query_equals_a_model_of_the_table_through_random_writes(table: Any) -> None:
    rng = random.Random(18)
    partitions = 5
    model: Model = {}
    for step in range(400):
        roll = rng.random()
        if roll < 0.4:  # put, new or overwriting
            item = _random_item(rng, partitions)
            table.put_item(Item=item)
            model[(item["PK"], item["SK"])] = item
        elif roll < 0.65 and model:  # update: into another partition, or out of the index
            key = rng.choice(sorted(model))
            if rng.random() < 0.7:
                moved = {"G1PK": f"p{rng.randrange(partitions)}", "G1SK": str(rng.randrange(10))}
                table.update_item(
                    Key={"PK": key[0], "SK": key[1]},
                    UpdateExpression="SET G1PK = :p, G1SK = :s",
                    ExpressionAttributeValues={":p": moved["G1PK"], ":s": moved["G1SK"]},
                )
                model[key] = {**model[key], **moved}
            else:
                table.update_item(Key={"PK": key[0], "SK": key[1]}, UpdateExpression="REMOVE G1PK, G2PK")
                model[key] = {k: v for k, v in model[key].items() if k not in ("G1PK", "G2PK")}
        elif roll < 0.75:  # update that creates its item
            key = (f"k{rng.randrange(partitions)}", f"s{rng.randrange(6)}")
            table.update_item(
                Key={"PK": key[0], "SK": key[1]},
                UpdateExpression="SET G2PK = :p",
                ExpressionAttributeValues={":p": "p0"},
            )
            model[key] = {**model.get(key, {"PK": key[0], "SK": key[1]}), "G2PK": "p0"}
        elif roll < 0.85 and model:  # a refused conditional update changes nothing
            key = rng.choice(sorted(model))
            with pytest.raises(ClientError, match="ConditionalCheckFailed"):
                table.update_item(
                    Key={"PK": key[0], "SK": key[1]},
                    UpdateExpression="SET G1PK = :p",
                    ConditionExpression="attribute_not_exists(PK)",
                    ExpressionAttributeValues={":p": "p1"},
                )
        elif roll < 0.95 and model:
            key = rng.choice(sorted(model))
            table.delete_item(Key={"PK": key[0], "SK": key[1]})
            del model[key]
        else:  # batch write
            with table.batch_writer() as batch:
                for _ in range(3):
                    item = _random_item(rng, partitions)
                    batch.put_item(Item=item)
                    model[(item["PK"], item["SK"])] = item
        if step % 25 == 0:
            _assert_queries_match(table, model, partitions)
    _assert_queries_match(table, model, partitions)


def test_a_transaction_rolled_back_leaves_the_partitions_as_the_table(table: Any) -> None:
    table.put_item(Item={"PK": "k0", "SK": "s0", "G1PK": "p0", "G1SK": "1"})
    client = table.meta.client
    with pytest.raises(ClientError, match="TransactionCanceled"):
        client.transact_write_items(
            TransactItems=[
                {"Put": {"TableName": TABLE, "Item": {"PK": "k1", "SK": "s0", "G1PK": "p0", "G1SK": "2"}}},
                {
                    "Update": {
                        "TableName": TABLE,
                        "Key": {"PK": "k0", "SK": "s0"},
                        "UpdateExpression": "SET G1PK = :p",
                        "ConditionExpression": "attribute_not_exists(PK)",
                        "ExpressionAttributeValues": {":p": "p1"},
                    }
                },
            ]
        )
    assert _keys(_all_pages(table, IndexName="GSI1", KeyConditionExpression=Key("G1PK").eq("p0"))) == [("k0", "s0")]
    client.transact_write_items(
        TransactItems=[{"Put": {"TableName": TABLE, "Item": {"PK": "k1", "SK": "s0", "G1PK": "p0", "G1SK": "2"}}}]
    )
    assert _keys(_all_pages(table, IndexName="GSI1", KeyConditionExpression=Key("G1PK").eq("p0"))) == [
        ("k0", "s0"),
        ("k1", "s0"),
    ]


def test_a_scan_still_reads_the_whole_table(table: Any) -> None:
    for n in range(4):
        table.put_item(Item={"PK": f"k{n}", "SK": "s", "G1PK": "p0", "G1SK": str(n)})
    table.query(IndexName="GSI1", KeyConditionExpression=Key("G1PK").eq("p0"))
    assert sorted(i["PK"] for i in table.scan()["Items"]) == ["k0", "k1", "k2", "k3"]


def test_a_query_reads_its_partition_not_the_table(table: Any) -> None:
    # What the module is for: moto's loop sees only the partition (here 1 of 200 items), not every item
    for n in range(200):
        table.put_item(Item={"PK": f"k{n}", "SK": "s", "G1PK": f"p{n % 100}", "G1SK": str(n)})
    seen: list[int] = []
    original = moto_partitions.Table.all_items

    def counting(self: Any) -> Any:
        found = original(self)
        seen.append(len(found))
        return found

    moto_partitions.Table.all_items = counting  # type: ignore[method-assign]
    try:
        found = _all_pages(table, IndexName="GSI1", KeyConditionExpression=Key("G1PK").eq("p7"))
    finally:
        moto_partitions.Table.all_items = original  # type: ignore[method-assign]
    assert _keys(found) == [("k107", "s"), ("k7", "s")]
    assert seen == [2]


def test_a_query_pages_by_the_size_its_items_have_now(table: Any) -> None:
    # A Query keeps each item's size; an update (in place, as moto makes it) must not leave the old one in use
    def page() -> dict[str, Any]:
        found: dict[str, Any] = table.query(IndexName="GSI1", KeyConditionExpression=Key("G1PK").eq("p0"))
        return found

    for n in range(4):
        table.put_item(Item={"PK": f"k{n}", "SK": "s", "G1PK": "p0", "G1SK": str(n), "body": "x" * 300_000})
    first = page()
    assert len(first["Items"]) == 3  # moto's 1 MB page holds three items of 300 kB
    assert "LastEvaluatedKey" in first
    for n in range(4):
        table.update_item(
            Key={"PK": f"k{n}", "SK": "s"}, UpdateExpression="SET body = :b", ExpressionAttributeValues={":b": "small"}
        )
    smaller = page()
    assert len(smaller["Items"]) == 4
    assert "LastEvaluatedKey" not in smaller
    for n in range(1, 4):
        table.update_item(
            Key={"PK": f"k{n}", "SK": "s"},
            UpdateExpression="SET body = :b",
            ExpressionAttributeValues={":b": "y" * 390_000},
        )
    assert _keys(page()["Items"]) == [("k0", "s"), ("k1", "s"), ("k2", "s")]
