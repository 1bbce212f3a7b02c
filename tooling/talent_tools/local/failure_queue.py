"""The SQS on-failure destination of the local event source mappings (moto, LocalStack or AWS)."""

from __future__ import annotations

import json
import logging
from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

logger = logging.getLogger(__name__)

# What an SQS message may carry. Like Lambda for an oversized destination record, the payload is
# dropped rather than the record: the batch info and the reason still arrive.
MAX_MESSAGE_BYTES = 256 * 1024


class FailureDeliveryError(RuntimeError):
    """The on-failure record could not be sent; the runner then commits nothing past those records."""


class SqsFailureQueue:
    """A failure sink: `sink(record)` sends one on-failure record as one SQS message."""

    def __init__(self, queue_url: str, client: Any | None = None) -> None:
        self.queue_url = queue_url
        # boto3 honours AWS_ENDPOINT_URL, so moto / LocalStack / AWS is a setting, not code.
        self._client = client if client is not None else boto3.client("sqs")

    def __call__(self, record: dict[str, Any]) -> None:
        body = json.dumps(record, separators=(",", ":"))
        if len(body.encode()) > MAX_MESSAGE_BYTES:
            logger.warning("on-failure record too large for SQS; payload dropped", extra={"bytes": len(body)})
            body = json.dumps({**record, "payload": None, "payloadDropped": True}, separators=(",", ":"))
        try:
            self._client.send_message(QueueUrl=self.queue_url, MessageBody=body)
        except (ClientError, BotoCoreError) as exc:
            raise FailureDeliveryError(f"could not send the on-failure record to {self.queue_url}") from exc
