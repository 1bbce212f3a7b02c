"""The compose stack's numbers: an HR API container's cold and warm invocation, and the time from publishing an
application to its ranking read back through the hr-api container (docs/local-stack.md, "Docker without a
registry").

Runs against a stack already up (`docker compose ... up -d`, after `talent provision`): it publishes the demo
job (events/ats/job.posted.json), then N copies of events/ats/application.submitted.1.json under fresh
application and candidate ids, one at a time, and for each polls the hr-api container with the job's
shortlist request until the application is ranked there. Invokes through the project's own RIE client.

    .venv/bin/python bench/compose_stack.py --bootstrap 127.0.0.1:19092 --hr-api http://127.0.0.1:9006 -n 5
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from talent_tools.local.publish import keyed, publish
from talent_tools.local.rie import INVOKE_PATH, RieClient

EVENTS = Path(__file__).resolve().parent.parent / "events"


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _load(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((EVENTS / name).read_text(encoding="utf-8"))
    return loaded


def _shortlist_request(job_id: str) -> dict[str, Any]:
    """GET /jobs/JOB/shortlist?limit=100 as API Gateway sends it, from the job applications request of events/."""
    request = _load("hr_api.job-applications.json")
    request["path"] = f"/jobs/{job_id}/shortlist"
    request["pathParameters"] = {"proxy": request["path"].lstrip("/")}
    request["queryStringParameters"] = {"limit": "100"}
    request["multiValueQueryStringParameters"] = {"limit": ["100"]}
    return request


def _ranked(client: RieClient, request: dict[str, Any]) -> set[str]:
    """Application ids on the job's ranked shortlist (an error answer counts as none)."""
    result = client.invoke(request)
    if not result.ok or not isinstance(result.result, dict) or result.result.get("statusCode") != 200:
        return set()
    return {str(item.get("application_id")) for item in json.loads(result.result["body"]).get("items", [])}


def _timed(client: RieClient, request: dict[str, Any]) -> float:
    started = time.monotonic()
    result = client.invoke(request)
    if not result.ok:
        raise SystemExit(f"hr-api failed: {result.error_type}: {result.error_message}")
    return (time.monotonic() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", required=True, help="Kafka as the host reaches it")
    parser.add_argument("--hr-api", required=True, help="the hr-api container's RIE, e.g. http://127.0.0.1:9006")
    parser.add_argument("-n", "--applications", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for one ranking")
    args = parser.parse_args()

    client = RieClient(args.hr_api.rstrip("/") + INVOKE_PATH, "hr-api", timeout_s=60.0)
    first, second = _timed(client, _load("hr_api.list-jobs.json")), _timed(client, _load("hr_api.list-jobs.json"))
    _say(f"hr-api list-jobs: first invocation {first:.0f} ms, second {second:.0f} ms")

    job = _load("ats/job.posted.json")
    listing = _shortlist_request(job["data"]["job_id"])
    publish(args.bootstrap, "ats.jobs.v1", keyed([job], "ats.jobs.v1"))
    template = _load("ats/application.submitted.1.json")
    seconds = []
    for _ in range(args.applications):
        event = copy.deepcopy(template)
        suffix = uuid.uuid4().hex[:8]
        event["id"] = f"evt-bench-{suffix}"
        event["subject"] = event["data"]["application_id"] = f"app-bench-{suffix}"
        event["data"]["candidate_id"] = f"cand-bench-{suffix}"
        started = time.monotonic()
        publish(args.bootstrap, "ats.applications.v1", keyed([event], "ats.applications.v1"))
        while event["data"]["application_id"] not in _ranked(client, listing):
            if time.monotonic() - started > args.timeout:
                raise SystemExit(f"{event['data']['application_id']}: no ranking after {args.timeout:.0f} s")
            time.sleep(0.2)
        seconds.append(time.monotonic() - started)
        _say(f"{event['data']['application_id']}: ranked and read back after {seconds[-1]:.2f} s")
    if seconds:
        _say(
            f"event -> ranking read back, {len(seconds)} applications: median {statistics.median(seconds):.2f} s, "
            f"min {min(seconds):.2f} s, max {max(seconds):.2f} s"
        )


if __name__ == "__main__":
    main()
