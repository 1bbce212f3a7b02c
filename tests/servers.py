"""Real local servers for the integration and security tests: the Tansu broker and moto server on 127.0.0.1.

A plugin of the root conftest, so each fixture has one definition and a session (or an xdist worker) starts one
moto server and one broker, whichever directories' tests it runs and in whatever order: `moto_endpoint` points
AWS_ENDPOINT_URL at the server the session's `provisioned` resources live on."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from talent.contracts.topics import Topic
from talent_tools.local.kafka_topics import create_topics
from talent_tools.local.processes import ServerProcess, start_broker, start_moto
from talent_tools.local.provision import provision
from talent_tools.local.template import PhysicalNames, Template


@pytest.fixture(scope="session")
def server_logs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("server-logs")


@pytest.fixture(scope="session")
def moto_server(server_logs: Path) -> Iterator[ServerProcess]:
    server = start_moto(server_logs)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def moto_endpoint(moto_server: ServerProcess) -> Iterator[str]:
    """AWS_ENDPOINT_URL for every boto3 client created while the test runs."""
    endpoint = f"http://{moto_server.address}"
    previous = os.environ.get("AWS_ENDPOINT_URL")
    os.environ["AWS_ENDPOINT_URL"] = endpoint
    yield endpoint
    if previous is None:
        os.environ.pop("AWS_ENDPOINT_URL", None)
    else:
        os.environ["AWS_ENDPOINT_URL"] = previous


@pytest.fixture(scope="session")
def broker(server_logs: Path) -> Iterator[ServerProcess]:
    """One memory-storage broker for the session; tests isolate themselves with unique topic names."""
    server = start_broker(server_logs)
    yield server
    server.stop()


@pytest.fixture
def unique() -> str:
    return uuid.uuid4().hex[:10]


@pytest.fixture(scope="session")
def provisioned(moto_endpoint: str, repo_root: Path) -> PhysicalNames:
    """The template's tables, buckets and queues, created once for the session in moto server."""
    template = Template(repo_root / "template.yaml")
    return provision(template, prefix="it-" + uuid.uuid4().hex[:6], endpoint=moto_endpoint)


@pytest.fixture
def function_env(
    provisioned: PhysicalNames, repo_root: Path, broker: ServerProcess, monkeypatch: pytest.MonkeyPatch
) -> Iterator[PhysicalNames]:
    """The environment template.yaml gives the functions, applied to this test process (results are
    published to the session's broker)."""
    create_topics(broker.address, dict.fromkeys([str(Topic.SCREENINGS)], 1))
    template = Template(repo_root / "template.yaml", {"KafkaBootstrapServers": broker.address}, names=provisioned)
    spec = template.functions()["ingest_application"]
    for key, value in spec.environment.items():
        monkeypatch.setenv(key, value)
    from talent.config import settings
    from talent.runtime import wiring

    # Every adapter and service the functions built is bound to the moto server of the test that first used it.
    settings.cache_clear()
    wiring.reset()
    yield provisioned
    # Drop the cached Kafka producer with the test: a live one reconnects (and logs) after the broker stops.
    settings.cache_clear()
    wiring.reset()


@pytest.fixture
def functions(function_env: PhysicalNames, repo_root: Path, broker: ServerProcess) -> dict[str, Any]:
    """The template's functions (handler, environment) with this session's resources, to invoke in-process."""
    parameters = {"KafkaBootstrapServers": broker.address}
    return dict(Template(repo_root / "template.yaml", parameters, names=function_env).functions())
