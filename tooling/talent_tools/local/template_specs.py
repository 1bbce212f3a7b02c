"""The records the local stack reads out of template.yaml (by `talent_tools.local.template.Template`).

Plain frozen data, so the runner, the invoker and the tests can build one by hand without a template.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

KafkaSource = Literal["MSK", "SelfManaged"]


@dataclass(frozen=True)
class FunctionSpec:
    logical_id: str
    name: str  # folder under functions/, e.g. "ingest_application"
    module_path: Path  # functions/<name>/app.py
    handler_attr: str  # "handler" for ImageConfig.Command ["app.handler"]
    timeout_s: int
    memory_mb: int
    environment: dict[str, str]
    reserved_concurrency: int | None = None  # ReservedConcurrentExecutions: the most environments at once


@dataclass(frozen=True)
class KafkaMappingSpec:
    logical_id: str
    function: str  # FunctionSpec.name
    event_source: Literal["aws:kafka", "SelfManagedKafka"]
    event_source_arn: str | None
    bootstrap_servers: tuple[str, ...]
    topics: tuple[str, ...]
    consumer_group: str
    starting_position: Literal["TRIM_HORIZON", "LATEST"]
    batch_size: int
    max_batching_window_s: float
    max_retry_attempts: int  # -1: infinite (capped at 10 when an on-failure destination exists)
    bisect_on_error: bool
    report_batch_item_failures: bool
    on_failure_queue: str | None  # logical id of the SQS queue
    max_record_age_s: int = -1  # MaximumRecordAgeInSeconds; -1: records never age out


@dataclass(frozen=True)
class TableSpec:
    logical_id: str
    properties: dict[str, Any]


@dataclass(frozen=True)
class BucketSpec:
    logical_id: str
    properties: dict[str, Any]


@dataclass(frozen=True)
class QueueSpec:
    logical_id: str
    properties: dict[str, Any]


@dataclass(frozen=True)
class ApiSpec:
    function: str  # FunctionSpec.name serving the API
    rest_api_logical_id: str
    stage: str
    public: tuple[tuple[str, str], ...] = ()  # (method, path) of routes with `Auth: {Authorizer: NONE}`
