"""The single-table DynamoDB store: jobs, applications, audit trail and tombstones."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import boto3
from boto3.dynamodb.conditions import Attr, Key
from botocore.exceptions import ClientError

from talent.adapters import dynamodb_items as items
from talent.adapters import page_cursor
from talent.adapters.aws_errors import error_code, raise_if_transient
from talent.domain.errors import InvalidPageCursor, TransientStoreError
from talent.domain.fairness import SelfIdentified
from talent.domain.models import Application, AuditEntry, Job, Ranking, Tombstone
from talent.domain.ports import ShortlistRow

_STAGE_RACE_ATTEMPTS = 8  # a ranking write retried when a decision changed the stage between read and write


class DynamoStore:
    """Implements JobRepository, ApplicationRepository, RankingRepository, IdentityRepository, AuditLog and
    TombstoneRepository."""

    def __init__(self, table_name: str, resource: Any | None = None, *, audit_retention_days: int = 400) -> None:
        # Audit entries expire this long after they are written (template.yaml's AUDIT_RETENTION_DAYS, via wiring).
        self._audit_retention_days = audit_retention_days
        self._resource = resource or boto3.resource("dynamodb")
        self._table = self._resource.Table(table_name)

    # ---------------------------------------------------------------- helpers
    def _get(self, key: dict[str, str]) -> dict[str, Any] | None:
        try:
            item: dict[str, Any] | None = self._table.get_item(Key=key, ConsistentRead=True).get("Item")
        except ClientError as exc:
            raise_if_transient(exc, "get item")
            raise
        return item

    def _write(self, operation: str, **arguments: Any) -> bool:
        """PutItem or UpdateItem (`operation` = "put_item" / "update_item"); False when its condition fails."""
        try:
            getattr(self._table, operation)(**arguments)
        except ClientError as exc:
            if error_code(exc) == "ConditionalCheckFailedException":
                return False
            raise_if_transient(exc, operation.replace("_", " "))
            raise
        return True

    def _put(self, item: dict[str, Any], **conditions: Any) -> bool:
        return self._write("put_item", Item=item, **conditions)

    def _query(self, **kwargs: Any) -> Iterator[dict[str, Any]]:
        while True:
            try:
                page = self._table.query(**kwargs)
            except ClientError as exc:
                raise_if_transient(exc, "query")
                raise
            yield from page.get("Items", [])
            if "LastEvaluatedKey" not in page:
                return
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def _page(
        self, index: str, partition: str, limit: int, cursor: str | None
    ) -> tuple[list[dict[str, Any]], str | None]:
        """One page of an index partition; the cursor is the opaque, URL-safe form of DynamoDB's LastEvaluatedKey."""
        condition = Key(f"{index}PK").eq(partition)
        kwargs: dict[str, Any] = {"IndexName": index, "KeyConditionExpression": condition, "Limit": limit}
        start = page_cursor.decode(cursor, index, partition)
        if start:
            kwargs["ExclusiveStartKey"] = start
        try:
            page = self._table.query(**kwargs)
        except ClientError as exc:
            raise_if_transient(exc, f"query {index}")
            if start and error_code(exc) == "ValidationException":  # a start key DynamoDB will not continue from
                raise InvalidPageCursor() from exc
            raise
        return list(page.get("Items", [])), page_cursor.encode(page.get("LastEvaluatedKey"))

    def _delete_keys(self, keys: Iterable[dict[str, str]]) -> int:
        count = 0
        try:
            with self._table.batch_writer() as batch:
                for key in keys:
                    batch.delete_item(Key=key)
                    count += 1
        except ClientError as exc:
            raise_if_transient(exc, "batch delete")
            raise
        return count

    # ------------------------------------------------------------------- jobs
    def get_job(self, tenant: str, job_id: str) -> Job | None:
        item = self._get(items.job_key(tenant, job_id))
        return items.job_from_item(item) if item else None

    def put_job_if_newer(self, job: Job) -> bool:
        return self._put(
            items.job_item(job),
            ConditionExpression=Attr("PK").not_exists() | Attr("version").lt(job.version),
        )

    def list_jobs(self, tenant: str, limit: int, cursor: str | None) -> tuple[list[Job], str | None]:
        found, next_cursor = self._page("GSI1", items.jobs_index_pk(tenant), limit, cursor)
        return [items.job_from_item(i) for i in found], next_cursor

    # ----------------------------------------------------------- applications
    def get_application(self, tenant: str, application_id: str) -> Application | None:
        item = self._get(items.application_key(tenant, application_id))
        return items.application_from_item(item) if item else None

    def get_applications(self, tenant: str, application_ids: Sequence[str]) -> dict[str, Application]:
        """Many applications in BatchGetItem calls (100 keys each), unprocessed keys retried."""
        found: dict[str, Application] = {}
        keys = [items.application_key(tenant, a) for a in dict.fromkeys(application_ids)]
        for start in range(0, len(keys), 100):
            request: dict[str, Any] = {self._table.name: {"Keys": keys[start : start + 100], "ConsistentRead": True}}
            for attempt in range(8):
                if attempt:
                    time.sleep(min(0.05 * 2**attempt, 1.0))  # unprocessed keys: the table is throttling
                try:
                    reply = self._resource.batch_get_item(RequestItems=request)
                except ClientError as exc:
                    raise_if_transient(exc, "batch get applications")
                    raise
                for raw in reply.get("Responses", {}).get(self._table.name, []):
                    application = items.application_from_item(raw)
                    found[application.application_id] = application
                request = reply.get("UnprocessedKeys") or {}
                if not request:
                    break
            else:
                raise TransientStoreError("batch get applications: keys left unprocessed after 8 attempts")
        return found

    def put_application_if_absent(self, application: Application) -> bool:
        if not self._put(items.application_item(application), ConditionExpression=Attr("PK").not_exists()):
            return False
        self._write("update_item", **items.stage_update(application))
        return True

    def save_application(self, application: Application) -> None:
        self._put(items.application_item(application))
        self._write("update_item", **items.stage_update(application))

    def applications_for_job(self, tenant: str, job_id: str) -> list[Application]:
        found = self._query(
            IndexName="GSI2",
            KeyConditionExpression=Key("GSI2PK").eq(items.job_applicants_index_pk(tenant, job_id)),
        )
        return [items.application_from_item(i) for i in found]

    def applications_for_candidate(self, tenant: str, candidate_id: str) -> list[Application]:
        found = self._query(
            IndexName="GSI1",
            KeyConditionExpression=Key("GSI1PK").eq(items.candidate_index_pk(tenant, candidate_id)),
        )
        return [items.application_from_item(i) for i in found]

    def delete_applications(self, applications: Iterable[Application]) -> None:
        # The stage kept on the ranking's key goes with the application, ranked or not.
        self._delete_keys(
            key
            for a in applications
            for key in (
                items.application_key(a.tenant, a.application_id),
                items.ranking_key(a.tenant, a.application_id),
            )
        )

    # --------------------------------------------------------------- rankings
    def put_ranking(self, ranking: Ranking, *, stored_as: Application | None = None) -> bool:
        key = items.ranking_key(ranking.tenant, ranking.application_id)
        guarded = stored_as is not None
        # Stored by the caller just now, its stage kept on this item (stage_update): the first write assumes that
        # stage instead of reading it, and is refused like any other if a decision changed it since.
        stage: str | None = stored_as.stage.value if stored_as is not None else None
        for attempt in range(_STAGE_RACE_ATTEMPTS):
            if attempt or not guarded:
                current = self._get(key)
                stage = current.get(items.APPLICATION_STAGE) if current else None
            if self._write("put_item", **items.ranking_put(ranking, stage, must_exist=guarded)):
                return True
            after = self._get(key)
            if after is None and guarded:
                return False  # the item went with its application: erased since the caller stored it
            if (after.get(items.APPLICATION_STAGE) if after else None) == stage:
                return False  # refused for its job version or as the same screening, not for the stage
        raise TransientStoreError(f"ranking of {ranking.application_id}: its stage kept changing while written")

    def claim_record(self, ranking: Ranking, claimant: str) -> bool:
        return self._write("update_item", **items.record_claim(ranking, claimant))

    def get_ranking(self, tenant: str, application_id: str) -> Ranking | None:
        item = self._get(items.ranking_key(tenant, application_id))
        return items.ranking_from_item(item) if item and items.is_ranking(item) else None

    def shortlist(self, tenant: str, job_id: str, limit: int, cursor: str | None) -> tuple[list[Ranking], str | None]:
        rows, next_cursor = self.shortlist_rows(tenant, job_id, limit, cursor)
        return [row.ranking for row in rows], next_cursor

    def shortlist_rows(
        self, tenant: str, job_id: str, limit: int, cursor: str | None
    ) -> tuple[list[ShortlistRow], str | None]:
        found, next_cursor = self._page("GSI3", items.shortlist_index_pk(tenant, job_id), limit, cursor)
        return [ShortlistRow(items.ranking_from_item(i), items.application_stage(i)) for i in found], next_cursor

    def rank_of(self, ranking: Ranking) -> int:
        if ranking.result is None:
            raise ValueError("only a screened ranking has a rank")
        kwargs: dict[str, Any] = {
            "IndexName": "GSI3",
            "KeyConditionExpression": Key("GSI3PK").eq(items.shortlist_index_pk(ranking.tenant, ranking.job_id))
            & Key("GSI3SK").lt(items.score_sort_key(ranking.result.score, ranking.application_id)),
            "Select": "COUNT",
        }
        ahead = 0
        while True:
            try:
                page = self._table.query(**kwargs)
            except ClientError as exc:
                raise_if_transient(exc, "count shortlist")
                raise
            ahead += int(page.get("Count", 0))
            if "LastEvaluatedKey" not in page:
                return ahead + 1
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def delete_ranking(self, tenant: str, application_id: str) -> None:
        self._delete_keys([items.ranking_key(tenant, application_id)])

    # ------------------------------------------------------- self-identification
    def put_self_identification(self, identity: SelfIdentified) -> None:
        self._put(items.identity_item(identity))

    def self_identifications(self, tenant: str, job_id: str) -> list[SelfIdentified]:
        pk = items.identity_key(tenant, job_id, "-")["PK"]
        return [items.identity_from_item(i) for i in self._query(KeyConditionExpression=Key("PK").eq(pk))]

    def delete_self_identification(self, tenant: str, job_id: str, application_id: str) -> None:
        self._delete_keys([items.identity_key(tenant, job_id, application_id)])

    # ------------------------------------------------------------------ audit
    def append(self, entry: AuditEntry) -> None:
        self._put(items.audit_item(entry, self._audit_retention_days))

    def trail(self, tenant: str, application_id: str) -> list[AuditEntry]:
        pk = items.application_key(tenant, application_id)["PK"]
        found = self._query(KeyConditionExpression=Key("PK").eq(pk) & Key("SK").begins_with(items.AUDIT_PREFIX))
        return [items.audit_from_item(i) for i in found]

    # ------------------------------------------------------------- tombstones
    def put_tombstone(self, tombstone: Tombstone) -> None:
        self._put(items.tombstone_item(tombstone))

    def has_tombstone(self, tenant: str, candidate_hash: str) -> bool:
        return self._get(items.tombstone_key(tenant, candidate_hash)) is not None
