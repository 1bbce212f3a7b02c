"""Hostile-input campaign over document intake and the skill extractor: tests/fuzz at campaign size.

    .venv/bin/python bench/fuzz_campaign.py [--examples 1600] [--json OUT.json]

Runs tests/fuzz with TALENT_FUZZ_EXAMPLES set (7 document properties: random bytes, bytes
behind magic numbers, truncated and bit-flipped generated PDF/DOCX/HTML/text, absurd page counts, real
files from ../shared/data truncated and flipped, DOCX with mangled XML parts, HTML tag soup), fixed seed
(derandomize). Each case must parse or raise a typed DocumentError within twice the time budget; a crash
or a hang fails the property. Three more feed the learned skill extractor any unicode text, garbage bytes
decoded three ways and resume-like word salad: valid mentions or none. Two more read resumes' skills as
the served path does (alias matcher + listed items) under any heading and any text: skills and listed items
at their words.
Prints cases per property, the outcome codes, wall time and the verdict.
The named hostile files (zip bombs, encrypted PDFs, huge pages, 50 MB files, wrong MIME types) are
tests/unit/documents, each asserting its own typed error.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STATS = re.compile(r"(\d+) passing(?: examples?)?, (\d+) failing(?: examples?)?,(?: and)? (\d+) invalid")
TEST = re.compile(r"^tests/fuzz/test_\w+\.py::(\w+):\s*$")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=int, default=1600, help="per property (the real-file one runs 60%%)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        report = Path(work) / "outcomes.json"
        env = {**os.environ, "TALENT_FUZZ_EXAMPLES": str(args.examples), "TALENT_FUZZ_REPORT": str(report)}
        command = [sys.executable, "-m", "pytest", "tests/fuzz", "-q", "-p", "no:cacheprovider"]
        command += ["--hypothesis-show-statistics", "-o", "timeout=0"]
        started = time.perf_counter()
        run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: S603 (our pytest)
        elapsed = time.perf_counter() - started
        outcomes = json.loads(report.read_text()) if report.is_file() else {}
    cases: dict[str, list[int]] = {}
    current = None
    for line in run.stdout.splitlines():
        if found := TEST.match(line.strip()):
            current = found.group(1)
        elif current and (stats := STATS.search(line)):
            passing, failing, invalid = (int(g) for g in stats.groups())
            totals = cases.setdefault(current, [0, 0, 0])
            totals[0] += passing
            totals[1] += failing
            totals[2] += invalid
    lines = ["| property | passing | failing | invalid (filtered) |", "|---|---:|---:|---:|"]
    lines += [f"| {name} | {p} | {f} | {i} |" for name, (p, f, i) in cases.items()]
    total = sum(p + f for p, f, _ in cases.values())
    failing = sum(f for _, f, _ in cases.values())
    lines.append(
        f"\n{total} cases in {elapsed:.0f} s ({1000 * elapsed / max(total, 1):.1f} ms/case), {failing} failing"
    )
    lines.append("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items(), key=lambda kv: -kv[1])))
    verdict = "PASS: every case parsed or raised a typed error in time" if run.returncode == 0 else "FAIL"
    lines.append(verdict)
    sys.stdout.write("\n".join(lines) + "\n")
    if run.returncode != 0:
        sys.stdout.write(run.stdout[-5000:] + run.stderr[-2000:])
    if args.json:
        args.json.write_text(
            json.dumps({"cases": cases, "outcomes": outcomes, "seconds": elapsed, "passed": run.returncode == 0})
        )
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
