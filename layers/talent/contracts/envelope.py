"""The CloudEvents-style envelope shared by every event."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# Identifiers travel in storage keys and S3 prefixes: keep them to a safe alphabet.
Identifier = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$")]

DataT = TypeVar("DataT", bound=BaseModel)


class Contract(BaseModel):
    """Base of every contract model: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Envelope(Contract, Generic[DataT]):
    specversion: Literal["1.0"] = "1.0"
    id: Identifier = Field(description="Unique per event; the idempotency key with the tenant.")
    source: str = Field(min_length=1, max_length=256, description="The producing system, e.g. an ATS URI.")
    type: str
    time: datetime = Field(description="When the event happened at the source (RFC 3339 with offset).")
    subject: str | None = Field(default=None, max_length=256)
    tenant: Identifier = Field(description="The hiring company; every stored key is scoped by it.")
    datacontenttype: Literal["application/json"] = "application/json"
    data: DataT
