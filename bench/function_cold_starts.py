"""Cold start of every function: a fresh process imports the handler and answers its sample event.

    .venv/bin/python bench/function_cold_starts.py [--runs 3]

Starts the local stack (broker, moto server, the template's resources), then for each function in
dependency order (the job first, so the application is screened) runs a new Python process with the
function's environment and Lambda's reserved variables: import the handler (the init phase), invoke it
once with `events/<function>.msk.json` (or the HR API's list-jobs event), report both times and the peak
RSS. `ingest_application` and `assess_skills` load the models inside that first invocation. Prints
medians over `--runs`, each run a fresh process and a fresh tenant (so nothing is answered as a replay).
Goal (issue 6): ≤ 0.8 s and ≤ 350 MiB for the screening path.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "layers")]

CHILD = r"""
import json, resource, sys, time
from pathlib import Path
from talent_tools.local.lambda_context import LocalLambdaContext, deadline_after
from talent_tools.local.worker import load_handler
started = time.perf_counter()
handler = load_handler(Path(sys.argv[1]), "handler")
imported = time.perf_counter()
deadline = deadline_after(300)
context = LocalLambdaContext.from_environment(invoked_function_arn="arn:aws:lambda:local", deadline_ms=deadline)
result = handler(json.loads(Path(sys.argv[2]).read_text()), context)
done = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
failures = len(result.get("batchItemFailures", [])) if isinstance(result, dict) else 0
status = result.get("statusCode") if isinstance(result, dict) else None
print("COLDSTART " + json.dumps({"init_s": imported - started, "first_result_s": done - started,
                                 "peak_rss_mib": rss, "failures": failures, "status": status}))
"""


def fresh_tenant(path: Path, tenant: str, folder: Path) -> Path:
    """The sample event with every Kafka record moved to `tenant` and signed again as that tenant (a record
    still signed as acme would be parked, not processed): each run is a first delivery (the idempotency
    records of an earlier run would answer a replay without doing the work)."""
    from talent_tools.local.tenant_keys import sign_locally

    event = json.loads(path.read_text())
    for records in event.get("records", {}).values():
        for record in records:
            doc = json.loads(base64.b64decode(record["value"]))
            doc["tenant"] = tenant
            value = json.dumps(doc).encode()
            key = base64.b64decode(record["key"]) if record.get("key") else None
            if key is not None and b":" in key:
                key = f"{tenant}:{key.split(b':', 1)[1].decode()}".encode()
                record["key"] = base64.b64encode(key).decode()
            signed = dict(sign_locally(tenant, topic=record["topic"], record_key=key, value=value))
            record["headers"] = [h for h in record.get("headers", []) if not set(h) & set(signed)] + [
                {name: list(raw)} for name, raw in signed.items()
            ]
            record["value"] = base64.b64encode(value).decode()
    out = folder / f"{tenant}-{path.name}"
    out.write_text(json.dumps(event))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    from talent_tools.local.function_env import runtime_environment
    from talent_tools.local.moto_and_broker import LocalStack
    from talent_tools.local.sample_invocations import SAMPLE_INVOCATIONS
    from talent_tools.local.tenant_keys import ensure_local_secrets

    rows = []
    with tempfile.TemporaryDirectory() as state, LocalStack(ROOT, Path(state)) as stack:
        functions = stack.template.functions()
        tenants = [f"coldstart-{run}" for run in range(args.runs)]
        ensure_local_secrets(stack.client("ssm"), next(iter(functions.values())).environment, tenants)
        for name, event in SAMPLE_INVOCATIONS:
            spec = functions[name]
            reserved = runtime_environment(spec, function_name=spec.logical_id, inherited={})
            env = {
                **os.environ,
                **{k: v for k, v in reserved.items() if k.startswith("AWS_LAMBDA_")},
                **stack.function_env(name),
                "PYTHONPATH": str(ROOT / "layers"),
                "POWERTOOLS_TRACE_DISABLED": "true",  # no X-Ray daemon here
            }
            runs = []
            for run in range(args.runs):
                sample = fresh_tenant(ROOT / event, tenants[run], Path(state))
                out = subprocess.run(  # noqa: S603 (our interpreter, our handler)
                    [sys.executable, "-c", CHILD, str(spec.module_path), str(sample)],
                    env=env,
                    cwd=ROOT,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                line = next(ln for ln in out.stdout.splitlines() if ln.startswith("COLDSTART "))
                runs.append(json.loads(line.removeprefix("COLDSTART ")))
            rows.append((name, spec.memory_mb, runs))
        queue = stack.client("sqs").get_queue_attributes(
            QueueUrl=stack.names.refs["FailureQueue"], AttributeNames=["ApproximateNumberOfMessages"]
        )
        parked = int(queue["Attributes"]["ApproximateNumberOfMessages"])
    lines = [
        f"# fresh process per run → handler imported → first result of its sample event; {os.cpu_count()} CPUs, "
        f"{args.runs} runs per function (median [max])",
        "| function | memory MB | init s | first result s | peak RSS MiB | outcome |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for name, memory, runs in rows:

        def med(key: str, runs: list[dict[str, float]] = runs) -> str:
            values = [r[key] for r in runs]
            return f"{statistics.median(values):.2f} [{max(values):.2f}]"

        outcome = f"HTTP {runs[0]['status']}" if runs[0]["status"] else f"{runs[0]['failures']} item failures"
        lines.append(
            f"| {name} | {memory} | {med('init_s')} | {med('first_result_s')} | "
            f"{statistics.median(r['peak_rss_mib'] for r in runs):.0f} | {outcome} |"
        )
    lines.append(f"\nrecords parked in the failure queue over all runs: {parked} (0: every record was processed)")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
