"""`talent invoke FUNCTION -e EVENT`: the Docker-free twin of `sam local invoke`."""

from __future__ import annotations

import json
import os
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer

from talent_tools.cli.console import console, err, fail
from talent_tools.local.stack_state import read_state
from talent_tools.local.template import PhysicalNames, Template, TemplateError

LOCAL_ENV = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}


def _load_event(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise fail(f"event file {path} does not exist")
    try:
        event = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise fail(f"event file {path} is not JSON: {exc}") from exc
    if not isinstance(event, dict):
        raise fail(f"event file {path} must hold a JSON object")
    return event


def _aws(stack: ExitStack, template_path: Path) -> tuple[str, PhysicalNames]:
    """The running `talent dev` stack's AWS endpoint and names, or a temporary moto server."""
    state = read_state()
    if state is not None:
        return state.aws_endpoint, state.names()
    from talent_tools.local.processes import start_moto
    from talent_tools.local.provision import provision

    err.print("no running `talent dev`: using a temporary moto server with the template's resources")
    os.environ.update({k: os.environ.get(k, v) for k, v in LOCAL_ENV.items()})
    moto = start_moto(Path(".local") / "logs")
    stack.callback(moto.stop)
    endpoint = f"http://{moto.address}"
    return endpoint, provision(Template(template_path), prefix="invoke", endpoint=endpoint)


def invoke(
    function: Annotated[str, typer.Argument(help="Function folder name, e.g. sync_jobs.")],
    event: Annotated[Path, typer.Option("--event", "-e", help="Event JSON file, e.g. events/sync_jobs.msk.json.")],
    template: Annotated[Path, typer.Option("--template", "-t", help="SAM template.")] = Path("template.yaml"),
) -> None:
    """Run one function's handler in-process with EVENT; handler path and environment come from the template."""
    from talent_tools.local.invoker import FunctionError, FunctionInitError, invoke_in_process

    if not template.is_file():
        raise fail(f"template {template} does not exist")
    payload = _load_event(event)
    template = template.resolve()
    try:
        known = sorted(Template(template).function_folders().values())
    except TemplateError as exc:
        raise fail(f"{template}: {exc}") from exc
    if function not in known:  # checked before any server starts
        raise fail(f"no function {function!r} in {template}; functions: {', '.join(known)}")
    with ExitStack() as stack:
        try:
            endpoint, physical = _aws(stack, template)
            functions = Template(template, names=physical).functions()
        except TemplateError as exc:
            raise fail(f"{template}: {exc}") from exc
        spec = functions[function]
        spec = replace(spec, environment={**spec.environment, **LOCAL_ENV, "AWS_ENDPOINT_URL": endpoint})
        try:
            result = invoke_in_process(spec, payload, function_name=function)
        except FunctionInitError as exc:
            raise fail(f"{function} failed to initialise: {exc}", code=1) from exc
        except FunctionError as exc:
            raise fail(f"{function} raised {exc}", code=1) from exc
    console.print_json(json.dumps(result))
