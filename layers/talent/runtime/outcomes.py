"""What processing one Kafka record came to: the typed seam between a consumer and the batch handler.

The batch handler names a metric after `outcome`, counts `screenings()` and logs `log_fields()`; the
idempotency layer stores `stored()` and answers a replay with `from_stored` of it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

_KNOWN = ("outcome", "screening", "reranked")


class RecordOutcome(BaseModel):
    model_config = ConfigDict(frozen=True)

    outcome: str = Field(description="The business outcome, e.g. accepted, stale, recorded, erased.")
    screening: str | None = Field(default=None, description="How the one application it touched was screened.")
    reranked: dict[str, int] = Field(default_factory=dict, description="Screening outcomes of a job's re-rank.")
    details: dict[str, str] = Field(default_factory=dict, description="Ids and counts for the log: never data.")

    def screenings(self) -> dict[str, int]:
        return {self.screening: 1} if self.screening else dict(self.reranked)

    def log_fields(self) -> dict[str, object]:
        fields: dict[str, object] = {"outcome": self.outcome, **self.details}
        if self.screening:
            fields["screening"] = self.screening
        if self.reranked:
            fields["reranked"] = dict(self.reranked)
        return fields

    def stored(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    @classmethod
    def from_stored(cls, stored: dict[str, Any]) -> RecordOutcome:
        """Also reads the flat dicts stored before this type (extra keys were details)."""
        if "details" in stored:
            return cls.model_validate(stored)
        return cls(
            outcome=str(stored["outcome"]),
            screening=stored.get("screening"),
            reranked={str(k): int(v) for k, v in (stored.get("reranked") or {}).items()},
            details={k: str(v) for k, v in stored.items() if k not in _KNOWN},
        )
