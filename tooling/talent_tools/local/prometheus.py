"""A Prometheus endpoint for the local stack, carrying the same numbers the functions emit as CloudWatch EMF.

The functions write EMF lines (Powertools Metrics) to their logs, as in Lambda; this exporter reads the new
lines of each function's log on every scrape and keeps running totals, so `talent dev` needs no agent. The
exposition is prometheus-client's (HELP and TYPE lines, escaped labels); what the functions name one metric
per outcome (`ApplicationAccepted`, `ScreeningScreened`) becomes one family with an `outcome` label:

- `talent_events_total{function, event, outcome}`: what each ATS event came to (event: job, application,
  assessment, candidate);
- `talent_screenings_total{function, outcome}`: screened, rejected_document, waiting_for_job, ...;
- `talent_parked_records_total{function, reason}`: invalid or refused records sent to the failure queue;
- `talent_record_processing_seconds{function}`: a summary (`_sum`, `_count`) of the time per record;
- `talent_mapping_<counter>_total{function}`: the event-source-mapping runners' delivery counters;
- any other EMF count as `talent_<snake_name>_total{function}`. Bound to 127.0.0.1.
"""

from __future__ import annotations

import json
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, Metric, SummaryMetricFamily
from prometheus_client.registry import Collector

_SNAKE = re.compile(r"(?<!^)(?=[A-Z])")
RunnerCounters = Callable[[], Mapping[str, Mapping[str, int]]]
EVENTS = ("job", "application", "assessment", "candidate")  # the first word of each ATS event type
PARKED = {"invalid_records": "invalid", "refused_records": "refused"}
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def snake(name: str) -> str:
    return _SNAKE.sub("_", name).lower()


class EmfTotals:
    """Running totals of the EMF metrics in a set of log files, read incrementally."""

    def __init__(self, logs: Mapping[str, Path]) -> None:
        self._logs = dict(logs)
        self._offsets: dict[str, int] = defaultdict(int)
        self._partial: dict[str, bytes] = defaultdict(bytes)
        self.counts: dict[tuple[str, str], float] = defaultdict(float)  # (snake name, function)
        self.timings: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])  # [sum s, count]
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
                    self.timings[key][0] += sum(numbers) / 1000
                    self.timings[key][1] += len(numbers)
                elif unit == "Seconds":
                    self.timings[key][0] += sum(numbers)
                    self.timings[key][1] += len(numbers)
                else:
                    self.counts[key] += sum(numbers)

    def families(self) -> list[Metric]:
        self.refresh()
        events = CounterMetricFamily(
            "talent_events", "What each ATS event came to.", labels=["function", "event", "outcome"]
        )
        screenings = CounterMetricFamily(
            "talent_screenings", "Screening outcomes of applications.", labels=["function", "outcome"]
        )
        parked = CounterMetricFamily(
            "talent_parked_records", "Records sent to the failure queue.", labels=["function", "reason"]
        )
        others: dict[str, CounterMetricFamily] = {}
        timings: dict[str, SummaryMetricFamily] = {}
        with self._lock:
            for (name, function), value in sorted(self.counts.items()):
                head, _, rest = name.partition("_")
                if head in EVENTS and rest:
                    events.add_metric([function, head, rest], value)
                elif head == "screening" and rest:
                    screenings.add_metric([function, rest], value)
                elif name in PARKED:
                    parked.add_metric([function, PARKED[name]], value)
                else:
                    family = others.setdefault(
                        name, CounterMetricFamily(f"talent_{name}", f"EMF metric {name}.", labels=["function"])
                    )
                    family.add_metric([function], value)
            for (name, function), (total_s, count) in sorted(self.timings.items()):
                base = name.removesuffix("_time")
                family_name = f"talent_{base}_seconds"
                summary = timings.setdefault(
                    family_name, SummaryMetricFamily(family_name, f"EMF timing {name}.", labels=["function"])
                )
                summary.add_metric([function], count_value=int(count), sum_value=total_s)
        return [events, screenings, parked, *others.values(), *timings.values()]


def runner_families(counters: Mapping[str, Mapping[str, int]]) -> list[Metric]:
    families: dict[str, CounterMetricFamily] = {}
    for function, values in sorted(counters.items()):
        for name, value in sorted(values.items()):
            family = families.setdefault(
                name,
                CounterMetricFamily(
                    f"talent_mapping_{name}", f"Event source mapping runner: {name}.", labels=["function"]
                ),
            )
            family.add_metric([function], value)
    return list(families.values())


class _Collector(Collector):
    def __init__(self, totals: EmfTotals, runners: RunnerCounters) -> None:
        self.totals = totals
        self.runners = runners

    def collect(self) -> Iterator[Metric]:
        yield from self.totals.families()
        yield from runner_families(self.runners())


def exposition(totals: EmfTotals, runners: RunnerCounters) -> bytes:
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Collector(totals, runners))
    return generate_latest(registry)


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
                body = exposition(endpoint.totals, endpoint.runners)
                self.send_response(200)
                self.send_header("Content-Type", CONTENT_TYPE)
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
