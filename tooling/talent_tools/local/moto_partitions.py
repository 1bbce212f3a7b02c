"""moto server whose DynamoDB Query reads one partition, as DynamoDB does (plain answers written directly,
connections kept open between requests: talent_tools.local.moto_json_responses and .moto_keep_alive).

    python -m talent_tools.local.moto_partitions -H 127.0.0.1 -p PORT      # moto.server's own arguments

moto 5.2's `Table.query` takes its candidates from `Table.all_items()`: every item of the table, sorted by key,
on every Query of the table or of an index. A Query's time therefore grows with the whole table, while
DynamoDB's grows with the partition it reads. On the local stack that made the store, not the functions, the
bound of a back-fill and of the HR shortlist (docs/benchmarks-notes.md).

`install()` keeps, for each table, the items of every index partition (index hash attribute → value → items).
It is updated by each of moto's DynamoDB writes (`Table.put_item`, `Table.delete_item`, and
`DynamoDBBackend.update_item`, which edits an item in place); batch writes, transactions and PartiQL go
through those. During a Query, moto's own loop then iterates that partition instead of the whole table (a
table Query reads the table's own partition). Key conditions, filters, sort order, limits and pagination are
moto's code, unchanged. A candidate is handed to moto only while it is still the item stored under its key.
Writes to DynamoDB hold one lock with the partition upkeep, so the two cannot interleave between threads.
Nothing is persisted: a rebuilt table (a transaction rolled back, a restored backup, a new index) is
re-indexed in full on its next use.

Three more costs of moto's server, measured under a back-fill (docs/benchmarks-notes.md), are cut the same way:
- A Query sizes every candidate (`Item.size()`, for the 1 MB page limit), twice for each it returns, walking
  every nested attribute; `rank_of`'s COUNT over a job of a few hundred rankings spent over half its time there.
  During a Query a stored item's size is kept on the item with the item's write count, which each update
  raises before and after it edits the item (put makes a new item), so a size computed before or during an
  edit is never used after it. Outside a Query, moto computes sizes as released.
- A Query deep-copies every item it returns before projecting and filtering them; a COUNT (`Select=COUNT`)
  only counts them, so there each item is copied one level deep (its own attribute dict, the values shared:
  read by the filter and the projection, never written, and not returned).
- Each request's host lookup listed moto's package folder (`moto.backends.list_of_moto_modules`): the
  listing is read once.
"""

from __future__ import annotations

import functools
import inspect
import sys
import threading
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, cast

import moto
import moto.backends
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType, Item, LimitedSizeDict
from moto.dynamodb.models.table import Table
from moto.dynamodb.responses import DynamoHandler

from talent_tools.local import moto_json_responses, moto_keep_alive

SUPPORTED_MOTO = "5.2."  # the moto code read for this (requirements/dev.txt pins 5.2.5)

_WRITES = threading.RLock()  # update_item calls put_item for a new item
_SCOPE: ContextVar[tuple[int, list[Item]] | None] = ContextVar("moto_partition_scope", default=None)
_COUNTING: ContextVar[bool] = ContextVar("moto_count_query", default=False)
_WRITE_COUNT = "_talent_writes"  # on an Item: how many updates began or ended on it
_SIZE = "_talent_size"  # on an Item: (its write count when sizing began, the size)

PartitionValue = tuple[str, Any]  # (DynamoDB type, moto's cast value): equal exactly when DynamoType's __eq__ is
ItemKey = tuple[Any, Any]  # (hash key, range key) as DynamoTypes


@dataclass
class _Partitions:
    items_id: int  # id() of the table's item dict this was built from
    attrs: tuple[str, ...]  # the hash attributes of the table's indexes
    by_attr: dict[str, dict[PartitionValue, dict[ItemKey, Item]]] = field(default_factory=dict)
    indexed_under: dict[ItemKey, list[tuple[str, PartitionValue]]] = field(default_factory=dict)


def _partition_value(value: DynamoType) -> PartitionValue | None:
    try:
        key = (value.type, value.cast_value)
        hash(key)
    except (TypeError, ValueError):
        return None  # a list, map or set under an index key's name: no key condition can equal it
    return key


def _item_key(item: Item) -> ItemKey:
    return (item.hash_key, item.range_key)


def _stored_items(table: Table) -> Iterator[Item]:
    for held in table.items.values():
        if isinstance(held, Item):
            yield held
        else:
            yield from held.values()


def _is_stored(table: Table, item: Item) -> bool:
    held = table.items.get(item.hash_key)
    if table.range_key_attr is None:
        return held is item
    return isinstance(held, dict) and held.get(item.range_key) is item


def _index_hash_attrs(table: Table) -> tuple[str, ...]:
    return tuple(
        sorted({k["AttributeName"] for index in table.all_indexes() for k in index.schema if k["KeyType"] == "HASH"})
    )


def _unindex(parts: _Partitions, key: ItemKey) -> None:
    for attr, value in parts.indexed_under.pop(key, ()):
        bucket = parts.by_attr[attr].get(value)
        if bucket is not None:
            bucket.pop(key, None)
            if not bucket:
                del parts.by_attr[attr][value]


def _index(parts: _Partitions, item: Item) -> None:
    key = _item_key(item)
    _unindex(parts, key)
    where: list[tuple[str, PartitionValue]] = []
    for attr in parts.attrs:
        raw = item.attrs.get(attr)
        value = _partition_value(raw) if raw is not None else None
        if value is not None:
            parts.by_attr.setdefault(attr, {}).setdefault(value, {})[key] = item
            where.append((attr, value))
    parts.indexed_under[key] = where


def _partitions(table: Table) -> _Partitions:
    attrs = _index_hash_attrs(table)
    parts: _Partitions | None = table.__dict__.get("_talent_partitions")
    if parts is None or parts.items_id != id(table.items) or parts.attrs != attrs:
        parts = _Partitions(items_id=id(table.items), attrs=attrs)
        for item in _stored_items(table):
            _index(parts, item)
        table.__dict__["_talent_partitions"] = parts
    return parts


def _stored_item(table: Table, hash_key: DynamoType, range_key: DynamoType | None) -> Item | None:
    """The item stored under the key now; None for none, or for a key without the table's range key."""
    if range_key is None and table.range_key_attr is not None:
        return None
    return table.get_item(hash_key, range_key)


def _reindex(table: Table, hash_key: DynamoType, range_key: DynamoType | None) -> None:
    """Index whatever is stored under the key now (or nothing, if nothing is)."""
    parts = _partitions(table)
    item = _stored_item(table, hash_key, range_key)
    if item is None:
        _unindex(parts, (hash_key, range_key))
    else:
        _index(parts, item)


def _stored_keys(backend: DynamoDBBackend, table: Table, key: dict[str, Any]) -> tuple[DynamoType, Any] | None:
    try:
        hash_key, range_key = backend.get_keys_value(table, key)
    except Exception:  # noqa: BLE001 - a key moto refused: the update changes nothing, and its error stands
        return None
    return hash_key, range_key


def _count_write(table: Table, keys: tuple[DynamoType, Any] | None) -> None:
    """Raise the write count of the item stored under `keys`: any size kept on it is stale from now on."""
    item = _stored_item(table, *keys) if keys is not None else None
    if item is not None:
        item.__dict__[_WRITE_COUNT] = item.__dict__.get(_WRITE_COUNT, 0) + 1


def _kept_size(item: Item, compute: Callable[[Item], int]) -> int:
    writes = item.__dict__.get(_WRITE_COUNT, 0)
    kept = item.__dict__.get(_SIZE)
    if kept is not None and kept[0] == writes:
        return int(kept[1])
    size = compute(item)
    item.__dict__[_SIZE] = (writes, size)
    return size


def _counted_copy(item: Item) -> Item:
    """The copy a COUNT Query's loop takes: a new item and attribute dict, the attribute values shared."""
    copied = cast(Item, Item.__new__(Item))
    copied.hash_key = item.hash_key
    copied.range_key = item.range_key
    attrs = LimitedSizeDict.__new__(LimitedSizeDict)
    dict.update(attrs, item.attrs)  # not LimitedSizeDict's own setter: the item was validated when written
    copied.attrs = attrs
    return copied


def _module_listing(list_modules: Callable[[], Any]) -> Callable[[], tuple[str, ...]]:
    listing: list[tuple[str, ...]] = []

    @functools.wraps(list_modules)
    def listed() -> tuple[str, ...]:
        if not listing:
            listing.append(tuple(list_modules()))
        return listing[0]

    return listed


def _candidates(table: Table, query: inspect.BoundArguments) -> list[Item] | None:
    """The items a Query can return, a superset moto's loop filters; None: let moto read the whole table."""
    arguments = query.arguments
    if arguments.get("index_name"):
        conditions = arguments.get("hash_key_conditions") or []
        if not conditions:
            return None
        attr, wanted = conditions[0]
        value = _partition_value(wanted) if isinstance(wanted, DynamoType) else None
        with _WRITES:
            parts = _partitions(table)
            if value is None or attr not in parts.attrs:
                return None
            found = list(parts.by_attr.get(attr, {}).get(value, {}).values())
    else:
        hash_key = arguments.get("hash_key")
        if not isinstance(hash_key, DynamoType):
            return None
        with _WRITES:
            held = table.items.get(hash_key)
            found = [] if held is None else [held] if isinstance(held, Item) else list(held.values())
    return [item for item in found if _is_stored(table, item)]


def install() -> None:
    """Patch moto's DynamoDB models in this process (idempotent)."""
    if getattr(Table.query, "_talent_partitions", False):
        return
    if not moto.__version__.startswith(SUPPORTED_MOTO):
        raise RuntimeError(f"moto {moto.__version__}: the partition index was written against moto {SUPPORTED_MOTO}x")

    query_signature = inspect.signature(Table.query)
    original_query = Table.query
    original_all_items = Table.all_items
    original_put = Table.put_item
    original_delete = Table.delete_item
    original_update = DynamoDBBackend.update_item
    original_size = Item.size
    original_copy = Item.__deepcopy__
    original_handler_query = DynamoHandler.query

    def marked(function: Callable[..., Any]) -> Callable[..., Any]:
        function._talent_partitions = True  # type: ignore[attr-defined]
        return function

    @functools.wraps(original_query)
    def query(self: Table, *args: Any, **kwargs: Any) -> Any:
        found = _candidates(self, query_signature.bind(self, *args, **kwargs))
        if found is None:
            return original_query(self, *args, **kwargs)
        token = _SCOPE.set((id(self), found))
        try:
            return original_query(self, *args, **kwargs)
        finally:
            _SCOPE.reset(token)

    @functools.wraps(original_all_items)
    def all_items(self: Table) -> list[Item]:
        scope = _SCOPE.get()
        if scope is not None and scope[0] == id(self):
            return scope[1]
        return original_all_items(self)

    @functools.wraps(original_put)
    def put_item(self: Table, *args: Any, **kwargs: Any) -> Item:
        with _WRITES:
            item = original_put(self, *args, **kwargs)
            _index(_partitions(self), item)
            return item

    @functools.wraps(original_delete)
    def delete_item(self: Table, hash_key: DynamoType, range_key: DynamoType | None) -> Item | None:
        with _WRITES:
            item = original_delete(self, hash_key, range_key)
            if item is not None:
                _unindex(_partitions(self), _item_key(item))
            return item

    @functools.wraps(original_update)
    def update_item(self: DynamoDBBackend, table_name: str, key: dict[str, Any], *args: Any, **kwargs: Any) -> Item:
        table = self.get_table(table_name)
        with _WRITES:
            keys = _stored_keys(self, table, key)
            _count_write(table, keys)
            try:
                return original_update(self, table_name, key, *args, **kwargs)
            finally:  # a failed update may have edited the item already
                _count_write(table, keys)
                if keys is not None:
                    _reindex(table, *keys)

    @functools.wraps(original_handler_query)
    def handler_query(self: DynamoHandler) -> Any:
        token = _COUNTING.set(self.body.get("Select") == "COUNT")
        try:
            return original_handler_query(self)
        finally:
            _COUNTING.reset(token)

    @functools.wraps(original_copy)
    def deepcopy_item(self: Item, memo: dict[int, Any]) -> Item:
        if _COUNTING.get() and _SCOPE.get() is not None:
            return _counted_copy(self)
        return original_copy(self, memo)

    @functools.wraps(original_size)
    def size(self: Item) -> int:
        if _SCOPE.get() is None:
            return int(original_size(self))
        return _kept_size(self, original_size)

    Table.query = marked(query)  # type: ignore[method-assign]
    Table.all_items = all_items  # type: ignore[method-assign]
    Table.put_item = put_item  # type: ignore[method-assign]
    Table.delete_item = delete_item  # type: ignore[method-assign]
    DynamoDBBackend.update_item = update_item  # type: ignore[method-assign]
    Item.size = size  # type: ignore[method-assign]
    Item.__deepcopy__ = deepcopy_item  # type: ignore[method-assign]
    DynamoHandler.query = handler_query  # type: ignore[method-assign]
    moto.backends.list_of_moto_modules = _module_listing(moto.backends.list_of_moto_modules)


def main(argv: list[str] | None = None) -> None:
    install()
    moto_json_responses.install()  # DynamoDB answers written directly where they are plain JSON
    moto_keep_alive.install()  # connections kept open between requests, answers in one write
    from moto.server import main as moto_main

    moto_main(argv if argv is not None else sys.argv[1:])


if __name__ == "__main__":
    main()
