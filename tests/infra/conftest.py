"""Fixtures for the infrastructure tests. Nothing here reaches the network: the template is
translated locally, and every test in this folder runs with sockets refused."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest

from tests.infra.sam import Template, load_sam_template, translate


class NetworkUsedInInfraTest(RuntimeError):
    pass


def _refuse_network(*args: Any, **_kwargs: Any) -> None:
    raise NetworkUsedInInfraTest(f"infra tests must not use the network: {args!r}")


@pytest.fixture(scope="module", autouse=True)
def _no_network() -> Iterator[None]:
    """Module scope, so that it is in place before the module-scoped template fixtures run."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", _refuse_network)
        patch.setattr(socket.socket, "connect_ex", _refuse_network)
        patch.setattr(socket, "create_connection", _refuse_network)
        patch.setattr(socket, "getaddrinfo", _refuse_network)
        yield


@pytest.fixture(scope="module")
def sam_template() -> Template:
    return load_sam_template()


@pytest.fixture(scope="module")
def cfn_template(sam_template: Template) -> Template:
    return translate(sam_template)


@pytest.fixture(scope="module")
def cfn_resources(cfn_template: Template) -> dict[str, dict[str, Any]]:
    resources: dict[str, dict[str, Any]] = cfn_template["Resources"]
    return resources
