"""`talent produce TOPIC FILE...`: publish ATS events (JSON or JSON Lines) to the local broker."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from talent.cli.console import console, fail
from talent.contracts.registry import InvalidEvent
from talent.contracts.topics import Topic
from talent.local.publish import PublishError, keyed, publish
from talent.local.stack_state import read_state


def _documents(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    try:
        doc = json.loads(text)
        return doc if isinstance(doc, list) else [doc]
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]


def produce(
    topic: Annotated[Topic, typer.Argument(help="Topic to publish to.")],
    files: Annotated[list[Path], typer.Argument(help="JSON or JSON Lines files of events.")],
    bootstrap: Annotated[str | None, typer.Option(help="host:port; default: the running `talent dev` stack.")] = None,
    raw: Annotated[bool, typer.Option(help="Publish without validating (to try poison handling).")] = False,
) -> None:
    """Validate each event against its contract and publish it, keyed so one entity stays in order."""
    state = read_state() if bootstrap is None else None
    servers = bootstrap or (state.bootstrap if state else None)
    if servers is None:
        raise fail("no running local stack: start `talent dev` or pass --bootstrap")
    records: list[tuple[str | None, bytes]] = []
    for path in files:
        if not path.is_file():
            raise fail(f"{path}: no such file")
        try:
            docs = _documents(path)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise fail(f"{path}: not JSON or JSON Lines ({exc})") from exc
        if raw:
            records.extend((None, json.dumps(doc).encode()) for doc in docs)
            continue
        try:
            records.extend(keyed(docs, str(topic)))
        except InvalidEvent as exc:
            raise fail(f"{path}: {exc.reason} (use --raw to publish it anyway)") from exc
    try:
        count = publish(servers, str(topic), records)
    except PublishError as exc:
        raise fail(str(exc)) from exc
    console.print(f"published {count} event(s) to {topic}")
