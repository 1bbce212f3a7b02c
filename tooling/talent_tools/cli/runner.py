"""`talent runner`: the template's Kafka event source mappings, invoking function containers over RIE's invoke
API (docker/compose.yaml's `runner` service; `talent dev` runs the same runners over in-process pools).

    talent runner --endpoint http://localstack:4566 --bootstrap kafka:19092

Resources are looked up by provisioning again with the same prefix (idempotent: nothing already there
changes), so run `talent provision` first for the topics and the functions' env files.
"""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Annotated

import typer

from talent_tools.cli.console import err, fail
from talent_tools.cli.invoke import ParameterOverridesOption, TemplateOption, parse_parameter_overrides
from talent_tools.cli.provision import provisioned


def _pairs(values: list[str]) -> dict[str, str]:
    pairs = {}
    for value in values:
        name, sep, url = value.partition("=")
        if not sep or not name or not url:
            raise fail(f"--function {value!r}: expected NAME=URL (NAME: folder or logical id)")
        pairs[name] = url
    return pairs


def runner(
    endpoint: Annotated[str, typer.Option(help="The local AWS endpoint the functions use: http://localstack:4566.")],
    bootstrap: Annotated[str, typer.Option(help="Kafka bootstrap servers: kafka:19092.")],
    prefix: Annotated[str, typer.Option(help="The prefix `talent provision` created the resources with.")] = (
        "talent-local"
    ),
    template: TemplateOption = Path("template.yaml"),
    parameter_overrides: ParameterOverridesOption = None,
    function: Annotated[
        list[str] | None,
        typer.Option("--function", help="NAME=URL of a function's RIE invoke endpoint (repeatable)."),
    ] = None,
    url_template: Annotated[
        str | None,
        typer.Option(
            help="Endpoint of the functions not named, {service} the folder in kebab case "
            "(default: http://{service}:8080/2015-03-31/functions/function/invocations)."
        ),
    ] = None,
) -> None:
    """Run the template's Kafka mappings against function containers until SIGTERM or Ctrl-C."""
    from talent_tools.local.container_runner import DEFAULT_URL_TEMPLATE, function_urls, mapping_runners

    parameters = parse_parameter_overrides(parameter_overrides)
    parameters.setdefault("KafkaBootstrapServers", bootstrap)
    parameters.setdefault("KafkaSource", "SelfManaged")
    bound, session = provisioned(template, parameters, prefix=prefix, endpoint=endpoint)
    try:
        urls = function_urls(bound, _pairs(function or []), url_template or DEFAULT_URL_TEMPLATE)
        sqs = session.client("sqs", endpoint_url=endpoint)
        runners = mapping_runners(bound, urls, bootstrap, sqs, region=str(session.region_name))
    except ValueError as exc:
        raise fail(str(exc)) from exc
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    for mapping_runner in runners:
        mapping_runner.start()
    for name, url in urls.items():
        err.print(f"{name}: {url}")
    try:
        while not stop.wait(1.0):
            failed = [r for r in runners if r.error is not None]
            if failed:
                raise fail(f"the {failed[0].mapping.logical_id} mapping stopped: {failed[0].error}", code=1)
    finally:
        for mapping_runner in runners:
            mapping_runner.stop(raise_on_error=False)
