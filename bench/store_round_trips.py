"""The AWS round trips one application costs on the screening path (issue 18: where the stack's time goes).

Starts moto server and the Tansu broker on 127.0.0.1, creates the template's resources, posts the sample job and
sends `--applications` applications carrying the sample resumes through `ingest_application` in-process, in
batches of 10 as the event source mapping would. Every request any AWS SDK client makes (the store, the documents,
the lake, Powertools' idempotency table, the model pointer) passes botocore's `Endpoint.make_request`, which is
counted by operation and by the template resource it names, and timed (the request as the worker waits for it:
HTTP to moto, moto's work, the answer parsed).

    .venv/bin/python bench/store_round_trips.py --applications 20
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import json
import os
import sys
import tempfile
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sdk_requests import observed

ROOT = Path(__file__).resolve().parents[1]
BATCH = 10


@dataclass
class Tally:
    """SDK requests by `service.Operation resource item-kind`, and the seconds the caller waited on them."""

    calls: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0


@contextlib.contextmanager
def counting(names: dict[str, str]) -> Iterator[Tally]:
    """Tallies every SDK request made inside the block; `names` maps physical names to logical ids."""
    tally = Tally()

    def count(model: Any, request_dict: dict[str, Any], seconds: float) -> None:
        body, target, kind = request_dict.get("body"), str(request_dict.get("url", "")), ""
        if isinstance(body, bytes | str) and body[:1] in (b"{", "{"):  # DynamoDB's JSON; S3 names it in the URL
            with contextlib.suppress(ValueError, UnicodeDecodeError):
                document = json.loads(body)
                target = document.get("TableName", target)
                key = document.get("Key") or document.get("Item") or {}
                kind = str(key.get("SK", {}).get("S", "")).split("#")[0] or document.get("IndexName", "")
        resource = next((logical for physical, logical in names.items() if physical in target), "-")
        tally.calls[f"{model.service_model.service_name}.{model.name} {resource} {kind}".rstrip()] += 1
        tally.seconds += seconds

    with observed(count):
        yield tally


def _application(sample: dict[str, Any], tenant: str, i: int, resume: bytes) -> dict[str, Any]:
    doc = json.loads(json.dumps(sample))
    doc.update(tenant=tenant, id=f"evt-rt-{i}")
    doc["data"].update(
        application_id=f"app-rt-{i}",
        candidate_id=f"cand-rt-{i}",
        resume={
            "content_type": "text/plain",
            "filename": "resume.txt",
            "location": {"kind": "inline", "content_base64": base64.b64encode(resume).decode()},
        },
    )
    return doc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--applications", type=int, default=20)
    args = parser.parse_args()

    from talent.config import settings
    from talent.contracts.topics import Topic
    from talent.runtime import wiring
    from talent_tools.local.in_process import invoke_in_process
    from talent_tools.local.kafka_event import build_kafka_event, json_record
    from talent_tools.local.kafka_topics import create_topics
    from talent_tools.local.processes import start_broker, start_moto
    from talent_tools.local.provision import provision
    from talent_tools.local.template import Template

    os.environ.setdefault("AWS_ACCESS_KEY_ID", "bench")  # moto accepts any credentials
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "bench")
    os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
    os.environ.update(POWERTOOLS_TRACE_DISABLED="true", POWERTOOLS_METRICS_NAMESPACE="TalentBench")
    logs = Path(tempfile.mkdtemp(prefix="round-trips-"))
    moto, broker = start_moto(logs), start_broker(logs)
    try:
        endpoint = os.environ["AWS_ENDPOINT_URL"] = f"http://{moto.address}"
        prefix = "rt-" + uuid.uuid4().hex[:6]
        names = provision(Template(ROOT / "template.yaml"), prefix=prefix, endpoint=endpoint)
        create_topics(broker.address, dict.fromkeys([str(t) for t in Topic], 1))
        template = Template(ROOT / "template.yaml", {"KafkaBootstrapServers": broker.address}, names=names)
        functions = template.functions()
        current = ""
        physical = {name: logical for logical, name in names.refs.items() if name.startswith(prefix)}

        def invoke(function: str, records: list[Any]) -> None:
            nonlocal current
            if function != current:  # another function: another execution environment, fresh wiring
                settings.cache_clear()
                wiring.reset()
                current = function
            event = build_kafka_event(records, event_source="aws:kafka", event_source_arn="arn:aws:kafka:::c/t/1")
            result = invoke_in_process(functions[function], event, function_name=function)
            if result.get("batchItemFailures"):
                sys.exit(f"{function} failed records: {result}")

        tenant = "rt-tenant"
        posting = json.loads((ROOT / "events/ats/job.posted.json").read_text()) | {"tenant": tenant}
        sample = json.loads((ROOT / "events/ats/application.submitted.1.json").read_text())
        resumes = [p.read_bytes() for p in sorted((ROOT / "events/documents").glob("*.txt"))]
        with counting(physical) as job:
            invoke("sync_jobs", [json_record(Topic.JOBS, posting)])
        with counting(physical) as applications:
            records = [
                json_record(Topic.APPLICATIONS, _application(sample, tenant, i, resumes[i % len(resumes)]), offset=i)
                for i in range(args.applications)
            ]
            for start in range(0, len(records), BATCH):
                invoke("ingest_application", records[start : start + BATCH])
        n = args.applications
        requests = applications.calls.total()
        lines = [
            f"one job posted: {job.calls.total()} requests, {job.seconds * 1000:.0f} ms waiting on them",
            f"per application ({n} applications in batches of {BATCH}): {requests / n:.1f} requests, "
            f"{applications.seconds * 1000 / n:.0f} ms waiting on them ({applications.seconds * 1000 / requests:.1f} ms"
            " each)",
            *(
                f"  {count / n:5.2f}  {name}"
                for name, count in sorted(applications.calls.items(), key=lambda kv: (-kv[1], kv[0]))
            ),
        ]
        sys.stdout.write("\n".join(lines) + "\n")
    finally:
        wiring.reset()  # the cached Kafka producer, before its broker stops
        broker.stop()
        moto.stop()


if __name__ == "__main__":
    main()
