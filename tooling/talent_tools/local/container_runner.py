"""The template's Kafka event source mappings, invoking function containers through RIE's invoke API.

What `talent runner` runs as docker/compose.yaml's `runner` service: the same `EventSourceMappingRunner`
`talent dev` uses (per-partition order, concurrency, retries, bisecting, the failure queue), each mapping
invoking its function at an RIE endpoint (`RieClient`) instead of an in-process pool. A function's endpoint is
given by name, or follows `url_template` with the compose service name (the folder in kebab case:
ingest_application -> http://ingest-application:8080).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from talent_tools.local.esm_runner import EventSourceMappingRunner
from talent_tools.local.failure_queue import SqsFailureQueue
from talent_tools.local.function_env import function_arn
from talent_tools.local.rie import INVOKE_PATH, RieClient
from talent_tools.local.template import Template

DEFAULT_URL_TEMPLATE = "http://{service}:8080" + INVOKE_PATH


def function_urls(
    template: Template, given: Mapping[str, str], url_template: str = DEFAULT_URL_TEMPLATE
) -> dict[str, str]:
    """Folder -> RIE URL of every function a mapping invokes. `given` may name a function by folder or logical
    id; an unknown name is refused (a typo would otherwise leave a function on the default URL)."""
    functions = template.functions()
    by_logical_id = {spec.logical_id: folder for folder, spec in functions.items()}
    resolved: dict[str, str] = {}
    for name, url in given.items():
        folder = name if name in functions else by_logical_id.get(name)
        if folder is None:
            raise ValueError(f"no function {name!r} in the template; known: {sorted(functions)}")
        resolved[folder] = url
    invoked = {mapping.function for mapping in template.kafka_mappings()}
    return {
        folder: resolved.get(folder) or url_template.format(service=folder.replace("_", "-"), function=folder)
        for folder in sorted(invoked)
    }


def mapping_runners(
    template: Template, urls: Mapping[str, str], bootstrap: str, sqs_client: Any, *, region: str
) -> list[EventSourceMappingRunner]:
    """One runner per Kafka mapping of `template` (bound to the provisioned names), not started."""
    functions = template.functions()
    runners = []
    for mapping in template.kafka_mappings():
        spec = functions[mapping.function]
        client = RieClient(urls[mapping.function], function_arn(mapping.function, region), float(spec.timeout_s))
        sink = None
        if mapping.on_failure_queue:
            sink = SqsFailureQueue(template.names.refs[mapping.on_failure_queue], client=sqs_client)
        runners.append(EventSourceMappingRunner(mapping, client, bootstrap, sink))
    return runners
