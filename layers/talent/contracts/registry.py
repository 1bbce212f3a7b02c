"""Decode raw Kafka values into typed events, with a reason a person can act on when that fails."""

from __future__ import annotations

import json
from typing import Annotated, Any, get_args

from pydantic import Field, TypeAdapter, ValidationError

from talent.contracts.events import (
    ApplicationStageChangedV1,
    ApplicationSubmittedV1,
    AssessmentCompletedV1,
    CandidateErasureRequestedV1,
    JobClosedV1,
    JobPostedV1,
    JobUpdatedV1,
    ScreeningCompletedV1,
)
from talent.contracts.topics import Topic

# The one list of event types: each contract and the topic it travels on. Everything else derives from it
# (EVENT_TYPES, TOPIC_OF_TYPE, each consumer's accepted types); AnyEvent repeats it for the type checker,
# and a test holds the two equal.
TOPIC_OF_MODEL: dict[type[Any], Topic] = {
    JobPostedV1: Topic.JOBS,
    JobUpdatedV1: Topic.JOBS,
    JobClosedV1: Topic.JOBS,
    ApplicationSubmittedV1: Topic.APPLICATIONS,
    AssessmentCompletedV1: Topic.ASSESSMENTS,
    ApplicationStageChangedV1: Topic.STAGE_CHANGES,
    CandidateErasureRequestedV1: Topic.ERASURE_REQUESTS,
    ScreeningCompletedV1: Topic.SCREENINGS,
}
EVENT_MODELS = tuple(TOPIC_OF_MODEL)


def event_type_of(model: type[Any]) -> str:
    return str(get_args(model.model_fields["type"].annotation)[0])


EVENT_TYPES: dict[str, type[Any]] = {event_type_of(m): m for m in EVENT_MODELS}
# Which event types belong on which topic (a producer picks the topic from the event type).
TOPIC_OF_TYPE: dict[str, Topic] = {event_type_of(m): topic for m, topic in TOPIC_OF_MODEL.items()}


def types_on(topic: Topic) -> tuple[str, ...]:
    """The event types a consumer of `topic` accepts."""
    return tuple(t for t, on in TOPIC_OF_TYPE.items() if on is topic)


AnyEvent = Annotated[
    JobPostedV1
    | JobUpdatedV1
    | JobClosedV1
    | ApplicationSubmittedV1
    | AssessmentCompletedV1
    | ApplicationStageChangedV1
    | CandidateErasureRequestedV1
    | ScreeningCompletedV1,
    Field(discriminator="type"),
]
_ADAPTER: TypeAdapter[AnyEvent] = TypeAdapter(AnyEvent)

MAX_EVENT_BYTES = 1_048_576


class InvalidEvent(ValueError):
    """A record that can never be processed as it is: it goes to the failure destination with `reason`."""

    def __init__(self, reason: str, *, event_id: str | None = None, event_type: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.event_id = event_id
        self.event_type = event_type


def _summarise(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors()[:5]:
        loc = error["loc"][1:]  # the first element is the discriminator value
        where = ".".join(str(p) for p in loc) or "(root)"
        parts.append(f"{where}: {error['msg']}")
    more = exc.error_count() - len(parts)
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


def decode_json(raw: bytes | str | None) -> dict[str, Any]:
    if raw is None or len(raw) == 0:
        raise InvalidEvent("empty record value (tombstones are not events)")
    if len(raw) > MAX_EVENT_BYTES:
        raise InvalidEvent(f"event is {len(raw)} bytes, more than {MAX_EVENT_BYTES}")
    try:
        doc = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidEvent(f"value is not JSON: {exc}") from exc
    if not isinstance(doc, dict):
        raise InvalidEvent(f"event must be a JSON object, got {type(doc).__name__}")
    return doc


def parse_event(raw: bytes | str | dict[str, Any] | None, *, accepts: tuple[str, ...] = ()) -> AnyEvent:
    """Validate an event; `accepts` restricts the types a consumer takes from its topic."""
    doc = raw if isinstance(raw, dict) else decode_json(raw)
    event_id = doc.get("id") if isinstance(doc.get("id"), str) else None
    event_type = doc.get("type")
    if not isinstance(event_type, str) or event_type not in EVENT_TYPES:
        raise InvalidEvent(f"unknown event type {event_type!r}", event_id=event_id)
    if accepts and event_type not in accepts:
        raise InvalidEvent(f"event type {event_type} does not belong on this topic", event_id=event_id)
    if not doc.get("tenant"):
        raise InvalidEvent("missing tenant", event_id=event_id, event_type=event_type)
    try:
        return _ADAPTER.validate_python(doc)
    except ValidationError as exc:
        raise InvalidEvent(
            f"{event_type} does not match its schema: {_summarise(exc)}",
            event_id=event_id,
            event_type=event_type,
        ) from exc
