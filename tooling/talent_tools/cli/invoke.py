"""`talent invoke FUNCTION -e EVENT`: the Docker-free twin of `sam local invoke`.

As `sam local invoke` takes them: FUNCTION is the template's logical id (`SyncJobsFunction`) or the folder
under functions/ (`sync_jobs`); `-e -` reads the event from standard input; `--env-vars FILE` is SAM's JSON
(`{"SyncJobsFunction": {"VAR": "value"}, "Parameters": {"VAR": "value"}}`: a function's own entry wins over
`Parameters`, and only variables the template declares for the function are overridden, as SAM does);
`--parameter-overrides` takes `Key=Value` pairs or SAM's `ParameterKey=K,ParameterValue=V`.
"""

from __future__ import annotations

import json
import os
import re
import sys
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer

from talent_tools.cli.console import console, err, fail
from talent_tools.local.dev_session_state import read_state
from talent_tools.local.template import PhysicalNames, Template, TemplateError

# The template options `sam local invoke` has, shared by the commands that read template.yaml.
TemplateOption = Annotated[Path, typer.Option("--template", "-t", help="SAM template.")]
ParameterOverridesOption = Annotated[
    str | None, typer.Option("--parameter-overrides", help="Template parameters: Key=Value Key2=Value2.")
]
LOCAL_ENV = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}


def _load_event(path: Path) -> dict[str, Any]:
    stdin = str(path) == "-"
    where = "the event on standard input" if stdin else f"event file {path}"
    if not stdin and not path.is_file():
        raise fail(f"event file {path} does not exist")
    try:
        event = json.loads(sys.stdin.read() if stdin else path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise fail(f"{where} is not JSON: {exc}") from exc
    if not isinstance(event, dict):
        raise fail(f"{where} must hold a JSON object")
    return event


_SAM_PAIR = re.compile(r"ParameterKey=([^,\s]+),ParameterValue=(\S*)")


def parse_parameter_overrides(text: str | None) -> dict[str, str]:
    """`Key=Value Key2=Value2`, or SAM's `ParameterKey=Key,ParameterValue=Value ...`."""
    if not text:
        return {}
    if "ParameterKey=" in text:
        return dict(_SAM_PAIR.findall(text))
    pairs = {}
    for item in text.split():
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise fail(f"--parameter-overrides: {item!r} is not Key=Value")
        pairs[key] = value
    return pairs


def env_var_overrides(path: Path | None, logical_id: str, declared: dict[str, str]) -> dict[str, str]:
    """SAM's --env-vars file: values for the variables the template declares for this function."""
    if path is None:
        return {}
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise fail(f"--env-vars {path}: {exc}") from exc
    if not isinstance(doc, dict) or not all(isinstance(v, dict) for v in doc.values()):
        raise fail(f'--env-vars {path}: expected {{"<LogicalId>" or "Parameters": {{"VAR": "value"}}}}')
    merged = {**doc.get("Parameters", {}), **doc.get(logical_id, {})}
    return {k: str(v) for k, v in merged.items() if k in declared}


def _aws(stack: ExitStack, template_path: Path, parameters: dict[str, str]) -> tuple[str, PhysicalNames]:
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
    return endpoint, provision(Template(template_path, parameters), prefix="invoke", endpoint=endpoint)


def invoke(
    function: Annotated[
        str, typer.Argument(help="The function's logical id (SyncJobsFunction) or folder name (sync_jobs).")
    ],
    event: Annotated[
        Path, typer.Option("--event", "-e", help="Event JSON file (events/sync_jobs.msk.json), or - for stdin.")
    ],
    template: TemplateOption = Path("template.yaml"),
    env_vars: Annotated[
        Path | None, typer.Option("--env-vars", "-n", help="SAM's JSON of environment variable overrides.")
    ] = None,
    parameter_overrides: ParameterOverridesOption = None,
) -> None:
    """Run one function's handler in-process with EVENT; handler path and environment come from the template."""
    from talent_tools.local.invoker import FunctionError, FunctionInitError, invoke_in_process

    if not template.is_file():
        raise fail(f"template {template} does not exist")
    payload = _load_event(event)
    parameters = parse_parameter_overrides(parameter_overrides)
    template = template.resolve()
    try:
        folders = Template(template, parameters).function_folders()
    except TemplateError as exc:
        raise fail(f"{template}: {exc}") from exc
    folder = folders.get(function, function)  # a logical id names its folder; a folder name stays
    if folder not in folders.values():  # checked before any server starts
        known = ", ".join(f"{f} ({logical})" for logical, f in sorted(folders.items()))
        raise fail(f"no function {function!r} in {template}; functions: {known}")
    logical_id = next(logical for logical, f in folders.items() if f == folder)
    with ExitStack() as stack:
        try:
            endpoint, physical = _aws(stack, template, parameters)
            functions = Template(template, parameters, names=physical).functions()
        except TemplateError as exc:
            raise fail(f"{template}: {exc}") from exc
        spec = functions[folder]
        overrides = env_var_overrides(env_vars, logical_id, spec.environment)
        environment = {**spec.environment, **overrides, **LOCAL_ENV, "AWS_ENDPOINT_URL": endpoint}
        spec = replace(spec, environment=environment)
        try:
            result = invoke_in_process(spec, payload, function_name=folder)
        except FunctionInitError as exc:
            raise fail(f"{folder} failed to initialise: {exc}", code=1) from exc
        except FunctionError as exc:
            raise fail(f"{folder} raised {exc}", code=1) from exc
    console.print_json(json.dumps(result))
