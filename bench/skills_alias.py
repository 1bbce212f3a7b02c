"""Benchmark: taxonomy cold load and alias extraction time over real resumes (prints numbers, asserts nothing).

    python bench/skills_alias.py [--resumes 200]

Takes the first N non-empty livecareer resumes (resumes/livecareer/resumes.csv, column Resume_str) and
prints only timings and sizes, never resume content.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import subprocess
import sys
import time
from pathlib import Path

from talent.data_paths import shared_data_dir
from talent.skills.alias_matcher import AliasMatcher
from talent.skills.taxonomy import DEFAULT_PATH, Taxonomy

_COLD = (
    "import time; t0 = time.perf_counter(); from talent.skills.taxonomy import Taxonomy; "
    "from talent.skills.alias_matcher import AliasMatcher; t1 = time.perf_counter(); tax = Taxonomy.load(); "
    "t2 = time.perf_counter(); AliasMatcher(tax); t3 = time.perf_counter(); "
    "print((t1 - t0) * 1e3, (t2 - t1) * 1e3, (t3 - t2) * 1e3)"
)


def say(line: str) -> None:
    sys.stdout.write(line + "\n")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def resumes(count: int) -> list[str]:
    csv.field_size_limit(1 << 26)
    path = shared_data_dir() / "resumes" / "livecareer" / "resumes.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        texts = [row["Resume_str"] for row in csv.DictReader(handle) if row["Resume_str"].strip()]
    return texts[:count]


def cold_start(runs: int = 5) -> list[tuple[float, float, float]]:
    """Fresh interpreters: import, Taxonomy.load (checksum included) and matcher build, in ms."""
    results = []
    for _ in range(runs):
        command = [sys.executable, "-c", _COLD]  # our own fixed snippet, no outside input
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
        imports, load, build = (float(x) for x in out.split())
        results.append((imports, load, build))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resumes", type=int, default=200)
    args = parser.parse_args(argv)
    artifact = Path(DEFAULT_PATH)
    say(f"artifact {artifact.name}: {artifact.stat().st_size / 1e6:.2f} MB")
    cold = cold_start()
    for i, name in enumerate(("import", "Taxonomy.load", "AliasMatcher build")):
        say(f"cold {name:<20} median {statistics.median(c[i] for c in cold):7.1f} ms over {len(cold)} processes")
    taxonomy = Taxonomy.load()
    matcher = AliasMatcher(taxonomy)
    texts = resumes(args.resumes)
    matcher.find(texts[0])
    timings, counts = [], []
    for text in texts:
        start = time.perf_counter()
        counts.append(len(matcher.find(text)))
        timings.append((time.perf_counter() - start) * 1e3)
    say(f"taxonomy entries {len(taxonomy)}")
    say(
        f"alias extraction over {len(texts)} resumes (median {statistics.median(len(t) for t in texts):.0f} chars): "
        f"p50 {percentile(timings, 0.5):.2f} ms, p95 {percentile(timings, 0.95):.2f} ms, "
        f"max {max(timings):.2f} ms; median mentions {statistics.median(counts):.0f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
