"""`talent provision --endpoint URL`: the template's tables, buckets, queues, local keys and Kafka topics on a
local AWS endpoint (LocalStack, moto server), and the env files docker/compose.yaml's function containers read.

    talent provision --endpoint http://127.0.0.1:4566 --bootstrap 127.0.0.1:9092 \\
        --function-endpoint http://localstack:4566 --function-bootstrap kafka:19092 --env-dir .local/compose

Idempotent: run again, it re-applies the settings and prints the same names. AWS itself is `sam deploy`'s:
this command writes local-only signing keys, so it refuses an amazonaws.com endpoint.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from urllib.parse import urlsplit

import typer

from talent_tools.cli.console import fail
from talent_tools.cli.invoke import ParameterOverridesOption, TemplateOption, parse_parameter_overrides

if TYPE_CHECKING:
    import boto3

    from talent_tools.local.template import Template

LOCAL_CREDENTIALS = ("test", "test")  # LocalStack and moto accept any; used when the shell has none


def check_local_endpoint(endpoint: str) -> None:
    """An http(s) URL that is not AWS itself (these commands write local-only keys and fake credentials)."""
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise fail(f"--endpoint {endpoint!r} is not an http(s) URL")
    if parts.hostname.endswith("amazonaws.com"):
        raise fail("--endpoint is AWS: deploy with `sam deploy`; this command writes local-only keys")


def provisioned(
    template: Path, parameters: dict[str, str], *, prefix: str, endpoint: str
) -> tuple[Template, boto3.Session]:
    """The template's resources created (or found again) at a local `endpoint`, and the template bound to their
    names, with the boto3 session used (the shell's credentials, or local ones when it has none). Exits with a
    clear error on a bad endpoint, template or prefix."""
    import boto3

    from talent_tools.local.provision import ProvisionError, bind
    from talent_tools.local.provision import provision as create
    from talent_tools.local.template import Template, TemplateError

    check_local_endpoint(endpoint)
    if not template.is_file():
        raise fail(f"template {template} does not exist")
    key, secret = (None, None) if os.environ.get("AWS_ACCESS_KEY_ID") else LOCAL_CREDENTIALS
    try:
        loaded = Template(template.resolve(), parameters)
        region = str(loaded.parameters["AWS::Region"])
        session = boto3.Session(aws_access_key_id=key, aws_secret_access_key=secret, region_name=region)
        return bind(loaded, create(loaded, prefix=prefix, endpoint=endpoint, session=session)), session
    except (TemplateError, ProvisionError, ValueError) as exc:
        raise fail(str(exc)) from exc


def provision(
    endpoint: Annotated[str, typer.Option(help="The local AWS endpoint: http://127.0.0.1:4566 (LocalStack).")],
    prefix: Annotated[str, typer.Option(help="Resource names are PREFIX-<LogicalId> (buckets in kebab case).")] = (
        "talent-local"
    ),
    template: TemplateOption = Path("template.yaml"),
    parameter_overrides: ParameterOverridesOption = None,
    bootstrap: Annotated[
        str | None, typer.Option(help="Kafka bootstrap to create the topics on (none: topics left alone).")
    ] = None,
    function_endpoint: Annotated[
        str | None, typer.Option(help="The endpoint as the functions reach it (default: --endpoint).")
    ] = None,
    function_bootstrap: Annotated[
        str | None, typer.Option(help="Kafka as the functions reach it (default: --bootstrap).")
    ] = None,
    env_dir: Annotated[
        Path | None, typer.Option(help="Write <function>.env here for compose's function containers.")
    ] = None,
    partitions: Annotated[int, typer.Option(min=1, help="Partitions of each topic created.")] = 3,
) -> None:
    """Create the template's resources on a local AWS endpoint; print their names as JSON."""
    from talent_tools.local.compose_env import function_environments, write_env_files
    from talent_tools.local.kafka_topics import create_topics, template_topic_config, template_topics
    from talent_tools.local.provision import ProvisionError
    from talent_tools.local.tenant_keys import LOCAL_TENANTS, ensure_local_secrets

    inside_bootstrap = function_bootstrap or bootstrap
    parameters = parse_parameter_overrides(parameter_overrides)
    if inside_bootstrap:
        parameters.setdefault("KafkaBootstrapServers", inside_bootstrap)
        parameters.setdefault("KafkaSource", "SelfManaged")
    bound, session = provisioned(template, parameters, prefix=prefix, endpoint=endpoint)
    try:
        any_function = next(iter(bound.functions().values()))
        ensure_local_secrets(session.client("ssm", endpoint_url=endpoint), any_function.environment, LOCAL_TENANTS)
        topics = template_topics(bound, partitions) if bootstrap else {}
        if bootstrap:
            create_topics(bootstrap, topics, config=template_topic_config(bound))
    except ProvisionError as exc:
        raise fail(str(exc)) from exc
    written: list[str] = []
    if env_dir is not None:
        environments = function_environments(bound, endpoint=endpoint, function_endpoint=function_endpoint or endpoint)
        written = [str(path) for path in write_env_files(environments, env_dir)]
    report = {"endpoint": endpoint, "prefix": prefix, "resources": bound.names.refs, "topics": sorted(topics)}
    typer.echo(json.dumps(report | {"env_files": written}, indent=2))
