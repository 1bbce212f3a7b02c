"""A test double of a Kafka-triggered function, run by the real worker behind the real runner.

Each invocation appends one JSON line to $RECORDING_FILE: pid, request id, the records it got and
what it did. A record's JSON value may carry "behaviour":
  raise        always raise (a poison record)
  raise_once   raise the first time this record (topic/partition/offset) is seen
  exit_once    os._exit the worker process the first time (a crash mid-batch)
  hang_once    sleep past any timeout the first time (a hung handler, or a runner killed mid-batch)
  fail_item_once  (partial_handler only) report the record in batchItemFailures the first time
and "sleep_s": seconds the invocation takes (a slow function, to see invocations overlap).
"Once" is remembered in $RECORDING_STATE_DIR, so it survives the worker's own death.

Events are parsed with Powertools' parser models, so a wrongly shaped event fails the invocation.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.kafka_event import KafkaEventRecord
from aws_lambda_powertools.utilities.parser import parse
from aws_lambda_powertools.utilities.parser.models import KafkaMskEventModel, KafkaSelfManagedEventModel

RECORDING_FILE = Path(os.environ["RECORDING_FILE"])
STATE_DIR = Path(os.environ["RECORDING_STATE_DIR"])

processor = BatchProcessor(event_type=EventType.Kafka)


class PoisonRecordError(ValueError):
    pass


def _append(line: dict[str, Any]) -> None:
    # One write() per line on an O_APPEND fd: lines from successive workers never interleave.
    fd = os.open(RECORDING_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, (json.dumps(line) + "\n").encode())
    finally:
        os.close(fd)


def _first_time(behaviour: str, topic: str, partition: int, offset: int) -> bool:
    marker = STATE_DIR / f"{behaviour}-{topic}-{partition}-{offset}"
    try:
        marker.touch(exist_ok=False)
    except FileExistsError:
        return False
    return True


def _records(event: dict[str, Any]) -> list[dict[str, Any]]:
    model = KafkaMskEventModel if event.get("eventSource") == "aws:kafka" else KafkaSelfManagedEventModel
    parsed = parse(event=event, model=model)
    out = []
    for group in parsed.records.values():
        for record in group:
            out.append(
                {
                    "topic": record.topic,
                    "partition": record.partition,
                    "offset": record.offset,
                    "value": json.loads(str(record.value)),
                }
            )
    return out


def handler(event: dict[str, Any], context: Any) -> None:
    started = time.time()
    records = _records(event)
    time.sleep(max((float(r["value"].get("sleep_s") or 0) for r in records), default=0.0))
    action = "ok"
    for record in records:
        behaviour = record["value"].get("behaviour")
        key = (record["topic"], record["partition"], record["offset"])
        once = behaviour in ("raise_once", "exit_once", "hang_once")
        if behaviour == "raise" or (once and _first_time(str(behaviour), *key)):
            action = behaviour
            break
    _append(
        {
            "pid": os.getpid(),
            "request_id": context.aws_request_id,
            "remaining_ms": context.get_remaining_time_in_millis(),
            "started": started,
            "ended": time.time(),
            "action": action,
            "records": records,
        }
    )
    if action in ("raise", "raise_once"):
        raise PoisonRecordError(f"cannot process record {records[0]['topic']}: poison value")
    if action == "exit_once":
        os._exit(3)
    if action == "hang_once":
        time.sleep(3600)


def _record_handler(record: KafkaEventRecord) -> None:
    value = record.json_value
    if value.get("behaviour") == "fail_item_once" and _first_time(
        "fail_item_once", record.topic, record.partition, record.offset
    ):
        raise PoisonRecordError(f"item {record.offset} failed once")


def partial_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    records = _records(event)
    response = process_partial_response(
        event=event, record_handler=_record_handler, processor=processor, context=context
    )
    _append(
        {
            "pid": os.getpid(),
            "request_id": context.aws_request_id,
            "action": "partial",
            "records": records,
            "response": response,
        }
    )
    return dict(response)
