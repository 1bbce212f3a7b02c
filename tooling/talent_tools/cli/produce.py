"""`talent produce TOPIC FILE...`: publish ATS events (JSON or JSON Lines) to the local broker.

`talent produce --bulk PATH` is the back-fill form: every event of a JSON Lines file (or of every *.json and
*.jsonl file of a directory) goes to the topic of its type, all checked before the first is sent, streamed
with a progress bar."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from talent.contracts.registry import InvalidEvent
from talent.contracts.topics import Topic
from talent_tools.cli.console import console, fail
from talent_tools.local.dev_session_state import StackState, read_state
from talent_tools.local.publish import PublishError, body_tenant, keyed, publish, publish_many, routed
from talent_tools.local.template import Template
from talent_tools.local.tenant_keys import ensure_local_secrets
from talent_tools.progress import tracked


def _documents(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    try:
        doc = json.loads(text)
        return doc if isinstance(doc, list) else [doc]
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]


def _onboard(state: StackState | None, tenants: set[str]) -> None:
    """Give the running stack's SSM each signer's local key, as onboarding a tenant does in AWS."""
    template = Path("template.yaml")
    if state is None or not tenants or not template.is_file():
        return
    import boto3

    from talent_tools.local.moto_and_broker import FAKE_CREDENTIALS

    environment = next(iter(Template(template, names=state.names()).functions().values())).environment
    session = boto3.Session(
        aws_access_key_id=FAKE_CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=FAKE_CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
        region_name="us-east-1",
    )
    ssm = session.client("ssm", endpoint_url=state.aws_endpoint)
    ensure_local_secrets(ssm, environment, tenants)


def _bulk_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".json", ".jsonl") and p.is_file())
    if path.is_file():
        return [path]
    raise fail(f"{path}: no such file or directory")


def _read(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise fail(f"{path}: no such file")
    try:
        return _documents(path)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise fail(f"{path}: not JSON or JSON Lines ({exc})") from exc


def _report(count: int, topics: list[str], as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps({"published": count, "topics": topics}) + "\n")
    else:
        console.print(f"published {count} event(s) to {', '.join(topics) or 'no topic'}")


def _bulk(
    path: Path, servers: str, state: StackState | None, tenant: str | None, unsigned: bool, as_json: bool
) -> None:
    records: list[tuple[str, str | None, bytes]] = []
    for file in _bulk_files(path):
        try:
            records.extend(routed(_read(file)))
        except InvalidEvent as exc:
            raise fail(f"{file}: {exc.reason}; nothing was published") from exc
    if not unsigned:
        _onboard(state, {tenant} if tenant else {t for _, _, value in records if (t := body_tenant(value))})
    try:
        count = publish_many(
            servers, tracked(records, "publishing", every=1000), timeout_s=60.0, sign_as=tenant, signed=not unsigned
        )
    except PublishError as exc:
        raise fail(str(exc)) from exc
    _report(count, sorted({topic for topic, _, _ in records}), as_json)


def produce(
    topic: Annotated[Topic | None, typer.Argument(help="Topic to publish to (not with --bulk).")] = None,
    files: Annotated[list[Path] | None, typer.Argument(help="JSON or JSON Lines files of events.")] = None,
    bulk: Annotated[
        Path | None,
        typer.Option(
            help="A JSON Lines file, or a directory of .json/.jsonl files: each event goes to its type's topic "
            "(a back-fill; `python -m talent_tools.local.backfill` writes one from ../shared/data)."
        ),
    ] = None,
    bootstrap: Annotated[str | None, typer.Option(help="host:port; default: the running `talent dev` stack.")] = None,
    raw: Annotated[bool, typer.Option(help="Publish without validating (to try poison handling).")] = False,
    tenant: Annotated[
        str | None, typer.Option(help="Sign as this tenant's ATS (default: each event's own tenant).")
    ] = None,
    unsigned: Annotated[bool, typer.Option(help="Publish without a signature (consumers park such records).")] = False,
    json_output: Annotated[
        bool, typer.Option("--json", help='Print {"published": N, "topics": [...]} instead of a sentence.')
    ] = False,
) -> None:
    """Validate each event against its contract and publish it, keyed so one entity stays in order, signed as
    the tenant's ATS with the local stack's key for that tenant."""
    if bulk is not None and (topic is not None or files):
        raise fail("--bulk routes each event to its type's topic: give no TOPIC or FILE with it")
    if bulk is not None and raw:
        raise fail("--bulk checks every event (its type names its topic): --raw does not apply")
    if bulk is None and (topic is None or not files):
        raise fail("give a TOPIC and at least one FILE, or --bulk PATH")
    state = read_state() if bootstrap is None else None
    servers = bootstrap or (state.bootstrap if state else None)
    if servers is None:
        raise fail("no running local stack: start `talent dev` or pass --bootstrap")
    if bulk is not None:
        _bulk(bulk, servers, state, tenant, unsigned, json_output)
        return
    assert topic is not None and files  # checked above; narrows for the type checker
    records: list[tuple[str | None, bytes]] = []
    for path in files:
        docs = _read(path)
        if raw:
            records.extend((None, json.dumps(doc).encode()) for doc in docs)
            continue
        try:
            records.extend(keyed(docs, str(topic)))
        except InvalidEvent as exc:
            raise fail(f"{path}: {exc.reason} (use --raw to publish it anyway)") from exc
    if not unsigned:
        _onboard(state, {tenant} if tenant else {t for _, value in records if (t := body_tenant(value))})
    try:
        count = publish(servers, str(topic), records, sign_as=tenant, signed=not unsigned)
    except PublishError as exc:
        raise fail(str(exc)) from exc
    _report(count, [str(topic)], json_output)
