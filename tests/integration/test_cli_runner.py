"""`talent runner`: the template's mappings invoking functions over RIE's invoke API, as docker/compose.yaml's
runner service invokes the function containers. Here the function is one of the project's own workers behind
`RieServer`; the runner is the real command, in its own process, stopped by SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from talent_tools.cli.main import app
from talent_tools.local.function_pool import FunctionPool
from talent_tools.local.processes import ServerProcess, start_broker
from talent_tools.local.provision import bind, provision
from talent_tools.local.rie import RieServer
from talent_tools.local.template import Template
from tests.integration.esm_support import produce, recording_function

pytestmark = [pytest.mark.integration, pytest.mark.timeout(120)]


@pytest.fixture
def own_broker(server_logs: Path) -> Iterator[ServerProcess]:
    """A broker of this test's own: the runner joins the template's consumer groups on the template's topics."""
    server = start_broker(server_logs)
    yield server
    server.stop()


def test_records_reach_the_function_behind_its_rie_endpoint_and_sigterm_stops_the_runner(
    repo_root: Path, moto_endpoint: str, own_broker: ServerProcess, tmp_path: Path
) -> None:
    # Given the template provisioned under a prefix, its topics on the broker, and sync_jobs served over RIE
    prefix = f"r{uuid.uuid4().hex[:8]}"
    template_path = repo_root / "template.yaml"
    common = ["--endpoint", moto_endpoint, "--prefix", prefix, "--template", str(template_path)]
    created = CliRunner().invoke(app, ["provision", *common, "--bootstrap", own_broker.address])
    assert created.exit_code == 0, created.output
    parameters = {"KafkaSource": "SelfManaged", "KafkaBootstrapServers": own_broker.address}
    loaded = Template(template_path, parameters)
    bound = bind(loaded, provision(loaded, prefix=prefix, endpoint=moto_endpoint))
    (topic,) = next(m for m in bound.kafka_mappings() if m.function == "sync_jobs").topics
    spec, recording = recording_function(tmp_path)
    with FunctionPool(spec, 1) as pool, RieServer(pool) as server:
        # When `talent runner` runs against them and a record is published to the jobs topic
        command = [sys.executable, "-m", "talent_tools.cli", "runner", *common, "--bootstrap", own_broker.address]
        command += ["--function", f"SyncJobsFunction={server.url}"]
        env = {**os.environ, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            produce(own_broker.address, topic, [{"job": "j-1"}])
            deadline = time.monotonic() + 60
            while not recording.invocations() and time.monotonic() < deadline and process.poll() is None:
                time.sleep(0.2)
        finally:
            process.send_signal(signal.SIGTERM)
            output, _ = process.communicate(timeout=60)
        # Then the function got the record, through its RIE endpoint
        invocations = recording.invocations()
        assert invocations, f"no invocation in 60 s; the runner said:\n{output}"
        assert [r["value"] for r in invocations[0]["records"]] == [{"job": "j-1"}]
        # And SIGTERM stopped the runner cleanly
        assert process.returncode == 0, output
        assert f"sync_jobs: {server.url}" in output


def test_a_function_name_the_template_does_not_have_is_refused(repo_root: Path, moto_endpoint: str) -> None:
    template = str(repo_root / "template.yaml")
    result = CliRunner().invoke(
        app,
        ["runner", "--endpoint", moto_endpoint, "--bootstrap", "127.0.0.1:9", "--template", template,
         "--function", "NoSuchFunction=http://127.0.0.1:9/"],
    )  # fmt: skip
    assert result.exit_code == 2 and "no function 'NoSuchFunction'" in result.output
