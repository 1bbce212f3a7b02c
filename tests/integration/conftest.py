"""Real local servers for integration tests: the Tansu broker and moto server on 127.0.0.1."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from talent.local.processes import ServerProcess, start_broker, start_moto


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
