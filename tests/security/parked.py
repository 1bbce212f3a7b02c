"""Read the failure queue the functions park records in, taking only the messages of the events a test sent.

The queue is shared by every test of the session, so other tests' messages are handed back at once.
"""

from __future__ import annotations

import json
import time
from typing import Any

import boto3


def parked_for(queue_url: str, event_ids: set[str], *, expected: int, timeout_s: float = 5.0) -> list[dict[str, Any]]:
    """The parked messages whose record carries one of `event_ids`: as soon as `expected` of them are there, or
    all that came within the timeout (the handlers park synchronously, so the messages are there already)."""
    sqs = boto3.client("sqs")
    mine: list[dict[str, Any]] = []
    others: list[str] = []
    give_up = time.monotonic() + timeout_s
    while time.monotonic() < give_up and not (expected and len(mine) >= expected):
        got = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=1)
        for message in got.get("Messages", []):
            body = json.loads(message["Body"])
            if _event_id(body) in event_ids:
                mine.append(body)
                sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
            else:
                others.append(message["ReceiptHandle"])
    for handle in others:
        sqs.change_message_visibility(QueueUrl=queue_url, ReceiptHandle=handle, VisibilityTimeout=0)
    return mine


def _event_id(body: dict[str, Any]) -> Any:
    # The record's coordinates sit under "record" today; a reference-only failure record may lift them up.
    record = body.get("record")
    return (record if isinstance(record, dict) else body).get("eventId")
