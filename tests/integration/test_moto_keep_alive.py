"""moto's keep-alive request handler (talent_tools.local.moto_keep_alive), on 127.0.0.1.

Requests go over one connection to a small WSGI application (bodies read in full, in part or not at all, a
chunked body, HEAD, an application error), then through moto's own application with boto3: each answer must
be right, the connection must stay open where HTTP/1.1 allows it and close where the handler cannot tell where
the next request starts.
"""

from __future__ import annotations

import http.client
import socket
import threading
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
from werkzeug.serving import BaseWSGIServer, make_server

from talent_tools.local.moto_keep_alive import KeepAliveMotoHandler

pytestmark = [pytest.mark.integration, pytest.mark.timeout(60)]
App = Callable[[dict[str, Any], Any], list[bytes]]


class _CountingHandler(KeepAliveMotoHandler):
    connections = 0

    def setup(self) -> None:
        type(self).connections += 1
        super().setup()


def _app(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """Reads `read` bytes of the body (all with 'all'), answers what it read and the client's port."""
    path = environ["PATH_INFO"]
    if path == "/boom":
        raise RuntimeError("the application failed")
    query = dict(p.split("=") for p in environ["QUERY_STRING"].split("&") if p)
    wanted = query.get("read", "all")
    stream = environ["wsgi.input"]
    body = stream.read() if wanted == "all" else stream.read(int(wanted)) if wanted != "0" else b""
    answer = f"{environ['REQUEST_METHOD']} {path} read={body.decode()} port={environ['REMOTE_PORT']}".encode()
    headers = [("Content-Type", "text/plain")]
    if query.get("length") != "none":
        headers.append(("Content-Length", str(len(answer))))
    start_response("200 OK", headers)
    return [answer]


@pytest.fixture
def serve() -> Iterator[Callable[[App], BaseWSGIServer]]:
    servers: list[BaseWSGIServer] = []

    def start(app: App) -> BaseWSGIServer:
        _CountingHandler.connections = 0
        server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_CountingHandler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _ask(conn: http.client.HTTPConnection, method: str, url: str, body: bytes | None = None, **headers: str) -> Any:
    conn.request(method, url, body=body, headers=headers)
    response = conn.getresponse()
    return response, response.read()


def test_bodies_left_unread_do_not_run_into_the_next_request(serve: Callable[[App], BaseWSGIServer]) -> None:
    server = serve(_app)
    conn = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=5)
    first, text = _ask(conn, "POST", "/a?read=all", b"hello")
    port = text.decode().rsplit("port=", 1)[1]
    assert first.status == 200 and text == f"POST /a read=hello port={port}".encode()
    assert first.getheader("Connection") is None  # kept open
    _, text = _ask(conn, "POST", "/b?read=3", b"abcdefgh")  # five bytes left unread
    assert text == f"POST /b read=abc port={port}".encode()
    _, text = _ask(conn, "PUT", "/c?read=0", b"xyz" * 1000)  # nothing read
    assert text == f"PUT /c read= port={port}".encode()
    _, text = _ask(conn, "GET", "/d?length=none")  # the handler adds the length the application left out
    assert text == f"GET /d read= port={port}".encode()
    head, text = _ask(conn, "HEAD", "/e")
    assert head.status == 200 and text == b"" and int(head.getheader("Content-Length")) > 0
    _, text = _ask(conn, "POST", "/f", b"last")
    assert text == f"POST /f read=last port={port}".encode()
    assert _CountingHandler.connections == 1


def test_a_chunked_body_is_read_and_the_connection_closed(serve: Callable[[App], BaseWSGIServer]) -> None:
    server = serve(_app)
    conn = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=5)
    conn.request("POST", "/chunked", body=iter([b"one ", b"two"]), encode_chunked=True)
    response = conn.getresponse()
    assert response.read().startswith(b"POST /chunked read=one two ")
    assert response.getheader("Connection") == "close"
    _, text = _ask(conn, "GET", "/after")  # http.client opens a new connection
    assert text.startswith(b"GET /after read= ")
    assert _CountingHandler.connections == 2


def test_an_application_error_answers_500_closes_and_is_logged(
    serve: Callable[[App], BaseWSGIServer], caplog: pytest.LogCaptureFixture
) -> None:
    server = serve(_app)
    conn = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=5)
    response, text = _ask(conn, "POST", "/boom", b"body")
    assert response.status == 500 and text == b"Internal Server Error"
    assert response.getheader("Connection") == "close"
    assert "the application failed" in caplog.text
    _, text = _ask(conn, "GET", "/fine")
    assert text.startswith(b"GET /fine read= ")


def test_a_client_asking_to_close_gets_its_connection_closed(serve: Callable[[App], BaseWSGIServer]) -> None:
    server = serve(_app)
    conn = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=5)
    response, _ = _ask(conn, "GET", "/bye", Connection="close")
    assert response.getheader("Connection") == "close"


def test_moto_over_kept_connections(serve: Callable[[App], BaseWSGIServer], monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_DYNAMODB", "AWS_ENDPOINT_URL_S3"):
        monkeypatch.delenv(name, raising=False)
    server = serve(DomainDispatcherApplication(create_backend_app))
    session = boto3.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
    endpoint = f"http://127.0.0.1:{server.server_port}"
    s3 = session.client("s3", endpoint_url=endpoint)
    s3.create_bucket(Bucket="kept-alive")
    body = bytes(range(256)) * 400  # large enough for the SDK to ask "100-continue" before sending it
    for key in ("a", "b/c", "d"):
        s3.put_object(Bucket="kept-alive", Key=key, Body=body, Metadata={"x_under": key})
    got = s3.get_object(Bucket="kept-alive", Key="b/c")
    assert got["Body"].read() == body and got["Metadata"] == {"x_under": "b/c"}
    assert s3.head_object(Bucket="kept-alive", Key="d")["ContentLength"] == len(body)
    s3.delete_object(Bucket="kept-alive", Key="a")
    listed = s3.list_objects_v2(Bucket="kept-alive")
    assert [o["Key"] for o in listed["Contents"]] == ["b/c", "d"]
    with pytest.raises(s3.exceptions.NoSuchKey):
        s3.get_object(Bucket="kept-alive", Key="a")

    dynamodb = session.client("dynamodb", endpoint_url=endpoint)
    dynamodb.create_table(
        TableName="T",
        KeySchema=[{"AttributeName": "PK", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "PK", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    for n in range(20):
        dynamodb.put_item(TableName="T", Item={"PK": {"S": f"k{n}"}, "n": {"N": str(n)}, "text": {"S": "é" * n}})
    assert dynamodb.get_item(TableName="T", Key={"PK": {"S": "k7"}})["Item"]["text"] == {"S": "é" * 7}
    assert dynamodb.scan(TableName="T", Select="COUNT")["Count"] == 20
    assert _CountingHandler.connections == 2  # one for each client, every request over it


def test_a_body_cut_short_closes_the_connection_quietly(serve: Callable[[App], BaseWSGIServer]) -> None:
    server = serve(_app)
    with socket.create_connection(("127.0.0.1", server.server_port), timeout=5) as raw:
        raw.sendall(b"POST /short?read=0 HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nonly ten b")
        raw.shutdown(socket.SHUT_WR)  # the other 90 bytes never come
        answer = b""
        while chunk := raw.recv(4096):
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 200 OK\r\n") and b"Connection: close\r\n" in answer
    assert b"\r\n\r\nPOST /short read= port=" in answer


def test_a_body_of_unusable_length_closes_the_connection(serve: Callable[[App], BaseWSGIServer]) -> None:
    server = serve(_app)
    with socket.create_connection(("127.0.0.1", server.server_port), timeout=5) as raw:
        raw.sendall(b"POST /odd?read=0 HTTP/1.1\r\nHost: x\r\nContent-Length: ten\r\n\r\nsome body")
        answer = b""
        while chunk := raw.recv(4096):  # the server closes: the body's end cannot be told from a next request
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 200 OK\r\n") and b"Connection: close\r\n" in answer
    assert b"\r\n\r\nPOST /odd read= port=" in answer
