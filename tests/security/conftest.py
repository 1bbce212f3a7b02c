"""The security regressions run on the same real servers as the integration tests: the Tansu broker and
moto server on 127.0.0.1, the template's resources, and the functions' handlers in-process."""

from __future__ import annotations

from tests.integration.conftest import (  # noqa: F401  (fixtures, found by pytest by name)
    broker,
    function_env,
    functions,
    moto_endpoint,
    moto_server,
    provisioned,
    server_logs,
    unique,
)
