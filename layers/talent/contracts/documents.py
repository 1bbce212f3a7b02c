"""How a document (a resume) travels inside an event: by S3 reference or inline."""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Literal

from pydantic import Field, field_validator

from talent.contracts.envelope import Contract

ContentType = Literal[
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "text/plain",
    "text/html",
]

# Kafka messages default to 1 MB on MSK: inline documents must stay well below it.
MAX_INLINE_BASE64_CHARS = 700_000


class S3Document(Contract):
    kind: Literal["s3"] = "s3"
    bucket: str = Field(min_length=3, max_length=63)
    key: str = Field(min_length=1, max_length=1024)
    version_id: str | None = None


class InlineDocument(Contract):
    kind: Literal["inline"] = "inline"
    content_base64: str = Field(min_length=1, max_length=MAX_INLINE_BASE64_CHARS)

    @field_validator("content_base64")
    @classmethod
    def _is_base64(cls, value: str) -> str:
        try:
            base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValueError("content_base64 is not valid base64") from exc
        return value

    def content(self) -> bytes:
        return base64.b64decode(self.content_base64)


DocumentLocation = Annotated[S3Document | InlineDocument, Field(discriminator="kind")]


class ResumeDocument(Contract):
    content_type: ContentType
    filename: str = Field(min_length=1, max_length=255)
    location: DocumentLocation
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
