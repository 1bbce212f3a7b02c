"""Records that can never be processed go to the SQS failure queue with their reason, by reference."""

from __future__ import annotations

import json
from typing import Any

import boto3
from botocore.exceptions import ClientError

from talent.adapters.aws_errors import raise_if_transient
from talent.domain.parking import FailureReference


class SqsDeadLetters:
    """Implements DeadLetters."""

    def __init__(self, queue_url: str, function_name: str, client: Any | None = None) -> None:
        self._queue_url = queue_url
        self._function_name = function_name
        self._sqs = client or boto3.client("sqs")

    def send(self, reason: str, record: dict[str, object]) -> None:
        # A reference only (coordinates, ids, size, raw-copy location): a value or key in a message would
        # outlive the candidate's erasure, and a large one would fail the function instead of parking.
        FailureReference.model_validate(record)
        body = {
            "version": "1.0",
            "condition": "InvalidRecord",
            "function": self._function_name,
            "reason": reason,
            "record": record,
        }
        try:
            self._sqs.send_message(QueueUrl=self._queue_url, MessageBody=json.dumps(body, default=str))
        except ClientError as exc:
            raise_if_transient(exc, "send to failure queue")
            raise
