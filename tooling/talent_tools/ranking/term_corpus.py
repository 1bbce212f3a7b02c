"""Build the term weights (`talent.features.lexical`): `python -m talent_tools.ranking.term_corpus`.

The corpus is the training split of the livecareer resumes (never a validation or test resume) and one
document per O*NET occupation (title, description, tasks, technologies): the words of work, with how rare
each is. Smoothed idf = ln((1 + n) / (1 + df)) + 1 (scikit-learn's), terms in at least `MIN_DF` documents,
the `VOCABULARY` most frequent kept. The file is small and versioned with the code: the feature spec
records its sha256, so a ranker trained on other weights is refused.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

from talent.data_paths import shared_data_dir
from talent.features.lexical import TERM_WEIGHTS_PATH, tokens
from talent_tools.ranking.benchmark import load_resumes

MIN_DF = 3
VOCABULARY = 40_000


def occupation_documents(onet_dir: Path) -> list[str]:
    parts: dict[str, list[str]] = defaultdict(list)
    sources = (
        ("Occupation Data.txt", ("Title", "Description")),
        ("Task Statements.txt", ("Task",)),
        ("Technology Skills.txt", ("Example",)),
    )
    for name, columns in sources:
        with (onet_dir / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                parts[row["O*NET-SOC Code"]].extend(row[c] for c in columns)
    return ["\n".join(texts) for texts in parts.values()]


def term_weights(documents: list[str]) -> dict[str, float]:
    df: Counter[str] = Counter()
    for document in documents:
        df.update(set(tokens(document)))
    n = len(documents)
    kept = [(t, c) for t, c in df.most_common(VOCABULARY) if c >= MIN_DF]
    return {t: round(math.log((1 + n) / (1 + c)) + 1, 4) for t, c in sorted(kept)}


def build(data_dir: Path, out: Path = TERM_WEIGHTS_PATH) -> Path:
    resumes = [r.text for r in load_resumes(data_dir) if r.split == "train"]
    occupations = occupation_documents(data_dir / "skills" / "onet")
    idf = term_weights(resumes + occupations)
    document = {
        "source": f"{len(resumes)} training livecareer resumes + {len(occupations)} O*NET 29.2 occupations",
        "min_df": MIN_DF,
        "idf": idf,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0: the same corpus gives the same bytes, so the sha256 the spec records is reproducible.
    out.write_bytes(gzip.compress(json.dumps(document, sort_keys=True).encode(), mtime=0))
    sys.stderr.write(f"{len(idf)} terms from {len(resumes) + len(occupations)} documents -> {out}\n")
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=TERM_WEIGHTS_PATH)
    build(shared_data_dir(), parser.parse_args(argv).out)


if __name__ == "__main__":
    main()
