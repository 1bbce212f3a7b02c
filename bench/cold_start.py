"""Fresh process to first screening score, and its peak RSS (the screening path of ingest_application).

    .venv/bin/python bench/cold_start.py [--runs 5]

Each run is a new Python process that loads encoder, taxonomy, job-family classifier and ranker, parses a
bundled sample resume and scores it against a sample job: what a Lambda cold start pays before its first
ranking (without the runtime's own init and the image pull). Prints the median and spread, and where the
first score's time goes (imports, model loads, the first parse, the first job and score); asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, time
started = time.perf_counter()
from pathlib import Path
from talent.profile.reader import DocumentResumeReader
from talent.ranking.screening_model import load_screening_model
from datetime import date
root = Path(%(root)r)
imported = time.perf_counter()
model = load_screening_model()
loaded = time.perf_counter()
job = json.loads((root / "events/ats/job.posted.json").read_text())["data"]
resume = (root / "events/documents/avery-data-engineer.txt").read_bytes()
profile = DocumentResumeReader().read(resume, "text/plain", None, date(2026, 11, 25))
parsed = time.perf_counter()
score = model.score(model.job(job["description"], job["title"]), profile).score
done = time.perf_counter()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"load_s": loaded - started, "first_score_s": done - started, "peak_rss_mib": rss, "score": score,
                  "import_s": imported - started, "models_s": loaded - imported, "parse_s": parsed - loaded,
                  "job_and_score_s": done - parsed}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = []
    for _ in range(args.runs):
        out = subprocess.run(  # noqa: S603 (our own interpreter and script)
            [sys.executable, "-c", CHILD % {"root": str(ROOT)}], check=True, capture_output=True, text=True, cwd=ROOT
        )
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    lines = [f"# fresh process → first screening score, {os.cpu_count()} CPUs, {args.runs} runs (median [min-max])"]
    for key, unit in (("load_s", "s"), ("first_score_s", "s"), ("peak_rss_mib", "MiB")):
        values = [r[key] for r in runs]
        lines.append(f"{key}: {statistics.median(values):.3f} {unit} [{min(values):.3f}-{max(values):.3f}]")
    parts = ("import_s", "models_s", "parse_s", "job_and_score_s")
    medians = ", ".join(f"{k} {statistics.median(r[k] for r in runs):.3f}" for k in parts)
    lines.append(f"of the first score (medians): {medians}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
