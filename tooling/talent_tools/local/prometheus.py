"""A Prometheus endpoint for the local stack, carrying the same counters the functions emit as CloudWatch EMF.

The functions write EMF lines (Powertools Metrics) to their logs, as in Lambda; this exporter reads the new
lines of each function's log on every scrape and keeps running totals, so `talent dev` needs no agent:
Count metrics become `talent_<snake_name>_total{function=...}`, timings `talent_<snake_name>_ms_sum` and
`_count`. The event-source-mapping runners add their own delivery counters. Bound to 127.0.0.1.
"""

from __future__ import annotations

import json
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

_SNAKE = re.compile(r"(?<!^)(?=[A-Z])")
RunnerCounters = Callable[[], Mapping[str, Mapping[str, int]]]


def snake(name: str) -> str:
    return _SNAKE.sub("_", name).lower()


class EmfTotals:
    """Running totals of the EMF metrics in a set of log files, read incrementally."""

    def __init__(self, logs: Mapping[str, Path]) -> None:
        self._logs = dict(logs)
        self._offsets: dict[str, int] = defaultdict(int)
        self._partial: dict[str, bytes] = defaultdict(bytes)
        self.counts: dict[tuple[str, str], float] = defaultdict(float)
        self.timings: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])  # [sum, count]
        self._lock = threading.Lock()

    def refresh(self) -> None:
        with self._lock:
            for function, path in self._logs.items():
                if not path.is_file():
                    continue
                with path.open("rb") as handle:
                    handle.seek(self._offsets[function])
                    chunk = self._partial[function] + handle.read()
                    self._offsets[function] = handle.tell()
                *lines, self._partial[function] = chunk.split(b"\n")
                for line in lines:
                    self._add(function, line)

    def _add(self, function: str, line: bytes) -> None:
        if b'"_aws"' not in line:
            return
        try:
            doc: dict[str, Any] = json.loads(line)
        except json.JSONDecodeError:
            return
        for directive in doc.get("_aws", {}).get("CloudWatchMetrics", []):
            for metric in directive.get("Metrics", []):
                name, unit = metric.get("Name"), metric.get("Unit", "Count")
                values = doc.get(name)
                values = values if isinstance(values, list) else [values]
                numbers = [float(v) for v in values if isinstance(v, int | float)]
                key = (snake(str(name)), function)
                if unit == "Milliseconds":
                    self.timings[key][0] += sum(numbers)
                    self.timings[key][1] += len(numbers)
                else:
                    self.counts[key] += sum(numbers)

    def exposition(self) -> str:
        self.refresh()
        lines: list[str] = []
        with self._lock:
            for (name, function), value in sorted(self.counts.items()):
                lines.append(f'talent_{name}_total{{function="{function}"}} {value:g}')
            for (name, function), (total, count) in sorted(self.timings.items()):
                lines.append(f'talent_{name}_ms_sum{{function="{function}"}} {total:.3f}')
                lines.append(f'talent_{name}_ms_count{{function="{function}"}} {count:g}')
        return "\n".join(lines)


def runner_exposition(counters: Mapping[str, Mapping[str, int]]) -> str:
    return "\n".join(
        f'talent_mapping_{name}_total{{function="{function}"}} {value}'
        for function, values in sorted(counters.items())
        for name, value in sorted(values.items())
    )


class PrometheusEndpoint:
    def __init__(self, totals: EmfTotals, runners: RunnerCounters, port: int = 0) -> None:
        self.totals = totals
        self.runners = runners
        self._server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, name="prometheus", daemon=True)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path.split("?")[0] != "/metrics":
                    self.send_error(404)
                    return
                body = (endpoint.totals.exposition() + "\n" + runner_exposition(endpoint.runners()) + "\n").encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/plain; version=0.0.4")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/metrics"

    def start(self) -> PrometheusEndpoint:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
