"""RIE's HTTP invoke API on both sides: a local pool behind RieServer, reached by RieClient, as the runner
would reach a function container; and a bare RIE-style error body (no header) read as a failure."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from talent_tools.local.function_pool import FunctionPool
from talent_tools.local.rie import INVOKE_PATH, RieClient, RieServer
from tests.integration.esm_support import create_topic, mapping, produce, recording_function, running

pytestmark = [pytest.mark.integration, pytest.mark.timeout(60)]
ARN = "arn:aws:lambda:us-east-1:123456789012:function:recording"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[RieServer, Path]]:
    spec, recording = recording_function(tmp_path)
    with FunctionPool(spec, 1) as pool, RieServer(pool) as server:
        yield server, recording.path


def kafka_event(value: dict[str, Any]) -> dict[str, Any]:
    import base64

    record = {
        "topic": "t",
        "partition": 0,
        "offset": 0,
        "timestamp": 0,
        "timestampType": "CREATE_TIME",
        "key": None,
        "value": base64.b64encode(json.dumps(value).encode()).decode(),
        "headers": [],
    }
    return {"eventSource": "SelfManagedKafka", "bootstrapServers": "127.0.0.1:9092", "records": {"t-0": [record]}}


def test_a_pool_behind_rie_answers_results_and_function_errors_as_lambda_does(served):
    server, recorded = served
    client = RieClient(server.url, ARN, timeout_s=10)

    ok = client.invoke(kafka_event({"id": 1}))
    failed = client.invoke(kafka_event({"id": 2, "behaviour": "raise"}))

    assert ok.ok and ok.result is None  # the recording handler returns nothing
    assert not failed.ok and failed.error_type == "PoisonRecordError" and "poison" in (failed.error_message or "")
    assert failed.stack_trace  # Lambda's error body, carried over HTTP
    assert len(recorded.read_text().splitlines()) == 2


def test_rie_refuses_another_path_and_a_body_that_is_not_json(served):
    server, _ = served
    base = server.url.removesuffix(INVOKE_PATH)
    for path, body, status in ((f"{base}/nope", b"{}", 404), (server.url, b"{not json", 400)):
        request = urllib.request.Request(path, data=body, method="POST")
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == status


def test_an_rie_error_body_without_lambdas_header_is_a_failure_and_a_dead_endpoint_is_one_too():
    class BareRie(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            body = json.dumps({"errorType": "KeyError", "errorMessage": "'x'", "stackTrace": []}).encode()
            self.send_response(200)  # RIE answers a function error with 200 and no X-Amz-Function-Error
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), BareRie)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = RieClient(f"http://127.0.0.1:{server.server_address[1]}{INVOKE_PATH}", ARN, 5).invoke({})
    finally:
        server.shutdown()
        server.server_close()
    assert not result.ok and (result.error_type, result.error_message) == ("KeyError", "'x'")

    gone = RieClient(f"http://127.0.0.1:{server.server_address[1]}{INVOKE_PATH}", ARN, 1).invoke({})
    assert not gone.ok and gone.error_type == "Runtime.Unreachable"


def test_the_runner_delivers_through_rie_retrying_a_failed_batch(broker, unique, tmp_path):
    # Given five records, the third of which makes the function raise the first time
    topic, group = f"rie-{unique}", f"g-{unique}"
    create_topic(broker.address, topic)
    produce(broker.address, topic, [{"id": i, "behaviour": "raise_once" if i == 2 else None} for i in range(5)])
    spec, recording = recording_function(tmp_path)

    # When the mapping invokes the function through RIE's invoke API
    batches = mapping(topic, group, batch_size=5, max_batching_window_s=0.5)
    with running(spec, batches, broker.address, over_rie=True) as (runner, _):
        metrics = runner.wait_until_committed(5)

    # Then the failure came back as a function error, was retried, and every record succeeded once
    assert metrics.function_errors == 1 and metrics.retries == 1
    assert sorted(recording.offsets("ok")) == [(0, i) for i in range(5)]
    assert runner.committed_offsets() == {(topic, 0): 5}
