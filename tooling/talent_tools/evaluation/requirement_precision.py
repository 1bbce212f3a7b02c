"""Do a job's required and preferred skills name real skills? Checked against SkillSpan's human spans.

SkillSpan's sentences are whole job postings cut into sentences (`idx` numbers the posting within its
source). Each posting is put back together, one sentence a line, and parsed with `parse_job`; every skill it
returns (required or preferred) is right when one of its evidence spans overlaps a span the annotators
marked as a skill or knowledge. Precision: right skills / skills returned (what HR would read as a
requirement); coverage: gold spans that some returned skill's evidence overlaps / gold spans.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from talent.jobs.parse import SkillFinder, parse_job
from talent_tools.progress import tracked
from talent_tools.skills.skillspan import read_rows


@dataclass(frozen=True)
class Posting:
    key: str
    text: str
    gold: tuple[tuple[int, int], ...]  # character spans


def load_postings(split: str = "dev-eval", data_dir: Path | None = None) -> list[Posting]:
    lines: dict[str, list[tuple[str, list[tuple[int, int]]]]] = defaultdict(list)
    for row, sentence in read_rows(split, data_dir):
        chars = [(sentence.offsets[a][0], sentence.offsets[b - 1][1]) for a, b, _ in sentence.gold]
        lines[f"{row.get('source', '')}-{row['idx']}"].append((sentence.text, chars))
    postings = []
    for key, sentences in lines.items():
        cursor, gold, parts = 0, [], []
        for text, chars in sentences:
            gold += [(cursor + a, cursor + b) for a, b in chars]
            parts.append(text)
            cursor += len(text) + 1
        postings.append(Posting(key, "\n".join(parts), tuple(sorted(set(gold)))))
    return postings


def evaluate_requirements(extractor: SkillFinder, postings: Sequence[Posting]) -> dict[str, Any]:
    returned = right = gold = covered = 0
    by_level: dict[str, list[int]] = {"required": [0, 0], "preferred": [0, 0]}
    for posting in tracked(postings, "postings read for requirements", every=20):
        job = parse_job(posting.text, extractor=extractor)
        hit_gold: set[tuple[int, int]] = set()
        for skill in [*job.required_skills, *job.preferred_skills]:
            hits = {g for e in skill.evidence for g in posting.gold if e.start < g[1] and g[0] < e.end}
            returned += 1
            right += bool(hits)
            by_level[skill.level][0] += 1
            by_level[skill.level][1] += bool(hits)
            hit_gold |= hits
        gold += len(posting.gold)
        covered += len(hit_gold)
    return {
        "postings": len(postings),
        "skills_returned": returned,
        "precision": right / returned if returned else 0.0,
        "coverage": covered / gold if gold else 0.0,
        "gold_spans": gold,
        "by_level": {level: {"returned": n, "precision": r / n if n else 0.0} for level, (n, r) in by_level.items()},
    }


def format_requirements(results: dict[str, dict[str, Any]]) -> str:
    first = next(iter(results.values()))
    lines = [
        f"Job requirements vs SkillSpan spans ({first['postings']} postings, {first['gold_spans']} gold spans): "
        "a returned skill is right when its evidence overlaps a gold span",
        f"{'extractor':<10} {'skills':>7} {'precision':>10} {'coverage':>9} {'required P':>11} {'preferred P':>12}",
    ]
    for name, r in results.items():
        req, pref = r["by_level"]["required"], r["by_level"]["preferred"]
        lines.append(
            f"{name:<10} {r['skills_returned']:>7} {r['precision']:>10.3f} {r['coverage']:>9.3f} "
            f"{req['precision']:>11.3f} {pref['precision']:>12.3f}"
        )
    return "\n".join(lines)
