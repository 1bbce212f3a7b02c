"""Lambda cost per million resumes, from the screening path's CPU time and memory measured here.

    .venv/bin/python bench/cost_model.py [--resumes 40]

Measures, in this process, the CPU seconds (user + system, all threads) the in-function path spends per
held-out livecareer resume (parse → skills → features → encoder → classifier → ranker) and the process's
peak RSS. Then prices `ingest_application` on Lambda for several memory sizes:

- a function gets vCPU in proportion to memory (1,769 MB = 1 vCPU; the encoder session uses 2 threads),
  so duration = CPU seconds / min(vCPU, 2) + store I/O per resume (an assumption, stated below);
- GB-seconds = memory * duration; price = GB-s * rate + requests / batch size * request rate.

Rates: AWS public prices for us-east-1 as published (Lambda first tier: x86 $0.0000166667 and Arm
$0.0000133334 per GB-s, $0.20 per million requests; S3 Standard $0.005 per 1,000 PUTs and $0.0004 per
1,000 GETs; DynamoDB on-demand $0.625 per million write and $0.125 per million read request units),
written down here, not fetched (no network on these machines): check them before you rely on the figure.
Goal (issue 6): ≤ $5 per million resumes in Lambda compute. The requests each resume makes to S3 and
DynamoDB (counted from the code path below) are priced too, because at this size they cost more than
the compute. The screening CPU time is measured on this machine's cores, not on Lambda's.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "layers")]

from talent.data_paths import MODELS_DIR, shared_data_dir  # noqa: E402
from talent.ranking.featurizer_from_models import load_featurizer  # noqa: E402
from talent.ranking.ranker import OnnxRanker  # noqa: E402
from talent.ranking.screening_model import ScreeningModel  # noqa: E402
from talent_tools.ranking.benchmark import DOCUMENT_DATE, load_resumes  # noqa: E402

GB_SECOND = {"x86_64": 0.0000166667, "arm64": 0.0000133334}
PER_REQUEST = 0.20 / 1_000_000
BATCH = 10  # records per invocation: the mapping's BatchSize (template.yaml)
IO_SECONDS = 0.060  # per resume: the 17 requests below and one Kafka publish, in-region (assumed, not measured)
VCPU_MB = 1769
# Per resume through ingest_application (screened, no retries), as bench/store_round_trips.py counts them: S3 PUT
# the resume, its profile, a lake row and its index marker; no S3 GET (the screening parses the bytes the intake
# stored). DynamoDB writes: idempotency record (put + update), application and self-identification, 2 audit
# entries, the stage kept on the ranking item and the record claim (2 updates), the ranking (+1 for its shortlist
# index); reads: tombstone, application, job, rank count. One unit per request (items under 1 KB written, 4 KB read).
S3_PUTS, S3_GETS, WRITE_UNITS, READ_UNITS = 4, 0, 10, 4
S3_PUT, S3_GET, WRU, RRU = 0.005 / 1000, 0.0004 / 1000, 0.625 / 1e6, 0.125 / 1e6
JOB = "Staff Accountant\nRequirements:\n- Bachelor's degree in accounting.\n- 2+ years of experience.\n- Excel."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--resumes", type=int, default=40)
    args = parser.parse_args(argv)
    texts = [r.text for r in load_resumes(shared_data_dir()) if r.split == "test"][: args.resumes]
    model = ScreeningModel(load_featurizer(), OnnxRanker.load(MODELS_DIR / "ranker"))
    job = model.job(JOB)
    for text in texts[:3]:  # warm sessions and caches
        model.score(job, model.featurizer.parse_resume(text, DOCUMENT_DATE))
    cpu, wall = time.process_time(), time.perf_counter()
    for text in texts:
        model.score(job, model.featurizer.parse_resume(text, DOCUMENT_DATE))
    cpu_per_resume = (time.process_time() - cpu) / len(texts)
    wall_per_resume = (time.perf_counter() - wall) / len(texts)
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        f"# Lambda cost model for ingest_application ({len(texts)} held-out resumes measured here)",
        f"CPU per resume {1000 * cpu_per_resume:.0f} ms (wall {1000 * wall_per_resume:.0f} ms on 2 threads), "
        f"peak RSS {peak_mib:.0f} MiB; assumed store I/O {1000 * IO_SECONDS:.0f} ms per resume, "
        f"batches of {BATCH} records",
        "| memory MB | vCPU | duration ms/resume | GB-s per 1k resumes | x86 $/M resumes | Arm $/M resumes |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for memory in (1024, 1536, 2048, 3008):
        vcpu = memory / VCPU_MB
        seconds = cpu_per_resume / min(vcpu, 2.0) + IO_SECONDS
        gb_seconds = memory / 1024 * seconds
        price = {arch: 1e6 * (gb_seconds * rate + PER_REQUEST / BATCH) for arch, rate in GB_SECOND.items()}
        lines.append(
            f"| {memory} | {vcpu:.2f} | {1000 * seconds:.0f} | {1000 * gb_seconds:.0f} | "
            f"{price['x86_64']:.2f} | {price['arm64']:.2f} |"
        )
    storage = 1e6 * (S3_PUTS * S3_PUT + S3_GETS * S3_GET + WRITE_UNITS * WRU + READ_UNITS * RRU)
    lines.append(f"goal: ≤ $5 per million resumes (compute); memory must cover the peak RSS ({peak_mib:.0f} MiB)")
    lines.append(
        f"requests per resume beside compute: {S3_PUTS} S3 PUTs, {S3_GETS} GET, {WRITE_UNITS} DynamoDB write "
        f"and {READ_UNITS} read units = ${storage:.2f} per million resumes (S3 PUTs ${1e6 * S3_PUTS * S3_PUT:.2f})"
    )
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
