"""Each function's environment as docker/compose.yaml's function containers read it (`talent provision`).

`talent provision --endpoint URL` creates the template's resources with a prefix and learns their names; the
function containers must see exactly those names, so the names are never written by hand in the compose
file: each function gets `<folder>.env` with its template Environment resolved against what was created.
Values that point at the endpoint as the host saw it (a queue URL at http://127.0.0.1:4566/...) are rewritten
to the endpoint the containers reach (http://localstack:4566/...). The Kafka bootstrap the containers use is
the template's KafkaBootstrapServers parameter (`talent provision` sets it to --function-bootstrap).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from talent_tools.local.template import Template


def function_environments(template: Template, *, endpoint: str, function_endpoint: str) -> dict[str, dict[str, str]]:
    """Function folder -> its template Environment, as the containers must see it. `template` is bound to the
    provisioned names (`talent_tools.local.provision.bind`)."""
    host, inside = endpoint.rstrip("/"), function_endpoint.rstrip("/")
    return {
        folder: {k: inside + v[len(host) :] if v.startswith(host) else v for k, v in spec.environment.items()}
        for folder, spec in template.functions().items()
    }


def env_file_text(environment: Mapping[str, str]) -> str:
    """Compose's env-file format: KEY=VALUE a line, values as they are (no quoting, no interpolation)."""
    lines = []
    for key, value in sorted(environment.items()):
        if "\n" in value or "\r" in value:
            raise ValueError(f"{key}: a value with a line break cannot be written to an env file")
        lines.append(f"{key}={value}")
    return "\n".join(lines) + "\n"


def write_env_files(environments: Mapping[str, Mapping[str, str]], folder: Path) -> list[Path]:
    """`<folder>/<function folder>.env` for each function; returns the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, environment in sorted(environments.items()):
        path = folder / f"{name}.env"
        path.write_text(env_file_text(environment), encoding="utf-8")
        written.append(path)
    return written
