"""Job description evaluation: required vs preferred on Google postings, min years, robustness on US postings.

Google postings (jobs/google_job_skills.csv) list minimum and preferred qualifications in separate columns.
Gold: the skills the extractor finds in each column on its own (a skill found in both is left out); predicted:
the level `parse_job` gives each of them when the columns are joined into one posting (see job_postings.py for
the variants). Per level, precision = right / predicted with that level; recall = right / gold with that level,
where a gold skill the parser does not return at all counts as missed. Min years: gold is the largest "N years"
in the Minimum Qualifications column (None without one), compared exactly with `min_years_experience`.
US postings (jobs/us_job_postings_1000.csv): crashes, share with at least one required skill, and timings.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from talent.data_paths import shared_data_dir
from talent.jobs.parse import SkillFinder, parse_job
from talent_tools.evaluation.job_postings import VARIANTS, read_google, read_us
from talent_tools.progress import tracked

_GOLD_YEARS = re.compile(r"\b(\d{1,2})\+?\s*(?:-\s*\d{1,2}\s*)?(?:years?|yrs?)\b", re.IGNORECASE)


@dataclass
class LevelCounts:
    """Counts for one way of joining the Google columns."""

    right: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)
    years_right: int = 0
    years_right_with_gold: int = 0

    def precision(self, level: str) -> float:
        return self.right[level] / self.predicted[level] if self.predicted[level] else 0.0

    def recall(self, level: str) -> float:
        return self.right[level] / self.gold[level] if self.gold[level] else 0.0

    def f1(self, level: str) -> float:
        p, r = self.precision(level), self.recall(level)
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self) -> float:
        total = sum(self.gold.values())
        return sum(self.right.values()) / total if total else 0.0


@dataclass
class JobsEvaluation:
    postings: int = 0
    ambiguous_skills: int = 0
    postings_with_gold_years: int = 0
    variants: dict[str, LevelCounts] = field(default_factory=dict)
    us_postings: int = 0
    us_crashes: int = 0
    us_with_required: int = 0
    us_with_years: int = 0
    us_with_education: int = 0
    us_with_seniority: int = 0
    us_ms: list[float] = field(default_factory=list)
    seniority: Counter[str] = field(default_factory=Counter)


def gold_years(minimum: list[str]) -> int | None:
    found = [int(m.group(1)) for line in minimum for m in _GOLD_YEARS.finditer(line)]
    return max(found, default=None)


def _ids(extractor: SkillFinder, lines: list[str]) -> set[str]:
    return {m.skill_id for m in extractor.find("\n".join(lines)) if m.skill_id is not None}


def evaluate_google(data_dir: Path, extractor: SkillFinder, result: JobsEvaluation, limit: int | None) -> None:
    for posting in tracked(read_google(data_dir), "Google postings", every=100):
        if limit is not None and result.postings >= limit:
            break
        if not posting.minimum:
            continue
        result.postings += 1
        required, preferred = _ids(extractor, posting.minimum), _ids(extractor, posting.preferred)
        both = required & preferred
        result.ambiguous_skills += len(both)
        gold = {**dict.fromkeys(required - both, "required"), **dict.fromkeys(preferred - both, "preferred")}
        years = gold_years(posting.minimum)
        result.postings_with_gold_years += years is not None
        for name, build in VARIANTS.items():
            counts = result.variants.setdefault(name, LevelCounts())
            job = parse_job(build(posting), title=posting.title, extractor=extractor)
            predicted = {s.skill_id: s.level for s in [*job.required_skills, *job.preferred_skills]}
            for skill_id, level in gold.items():
                counts.gold[level] += 1
                guess = predicted.get(skill_id)
                counts.predicted[guess or "none"] += 1
                counts.right[level] += guess == level
            counts.years_right += job.min_years_experience == years
            counts.years_right_with_gold += years is not None and job.min_years_experience == years
            if name == "headings":
                result.seniority[job.seniority.value] += 1


def evaluate_us(data_dir: Path, extractor: SkillFinder, result: JobsEvaluation, limit: int | None) -> None:
    for posting in tracked(read_us(data_dir), "US postings", every=100):
        if limit is not None and result.us_postings >= limit:
            break
        result.us_postings += 1
        started = time.perf_counter()
        try:
            job = parse_job(posting.description, title=posting.title or None, extractor=extractor)
        except Exception:  # noqa: BLE001 - a crash is what this robustness check counts
            result.us_crashes += 1
            continue
        result.us_ms.append((time.perf_counter() - started) * 1000)
        result.us_with_required += bool(job.required_skills)
        result.us_with_years += job.min_years_experience is not None
        result.us_with_education += job.education_requirement is not None
        result.us_with_seniority += job.seniority.value != "unknown"


def run(data_dir: Path | None = None, extractor: SkillFinder | None = None, limit: int | None = None) -> JobsEvaluation:
    if extractor is None:
        from talent.skills.extract import default_extractor

        extractor = default_extractor()
    data_dir = data_dir or shared_data_dir()
    result = JobsEvaluation()
    evaluate_google(data_dir, extractor, result, limit)
    evaluate_us(data_dir, extractor, result, limit)
    return result


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "n/a"


def format_table(result: JobsEvaluation) -> str:
    lines = [
        f"Google postings: {result.postings} (skills in both columns, left out: {result.ambiguous_skills}; "
        f"postings with gold years: {result.postings_with_gold_years})",
        f"{'variant':<28}{'req P':>7}{'req R':>7}{'req F1':>7}{'pref P':>8}{'pref R':>8}{'pref F1':>8}"
        f"{'acc':>7}{'years':>7}{'yrs|gold':>9}",
    ]
    for name, c in result.variants.items():
        lines.append(
            f"{name:<28}{c.precision('required'):>7.3f}{c.recall('required'):>7.3f}{c.f1('required'):>7.3f}"
            f"{c.precision('preferred'):>8.3f}{c.recall('preferred'):>8.3f}{c.f1('preferred'):>8.3f}"
            f"{c.accuracy():>7.3f}{_share(c.years_right, result.postings):>7}"
            f"{_share(c.years_right_with_gold, result.postings_with_gold_years):>9}"
        )
    first = next(iter(result.variants.values()), None)
    if first is not None:
        lines.append(f"gold skills: {dict(first.gold)}; predicted levels (headings): {dict(first.predicted)}")
    lines.append("seniority from Google titles: " + ", ".join(f"{k} {v}" for k, v in result.seniority.most_common()))
    median = statistics.median(result.us_ms) if result.us_ms else 0.0
    n = result.us_postings
    lines += [
        f"US postings: {n}, crashes {result.us_crashes}, with >=1 required skill {_share(result.us_with_required, n)}, "
        f"with min years {_share(result.us_with_years, n)}, with education {_share(result.us_with_education, n)}, "
        f"with seniority {_share(result.us_with_seniority, n)}, median {median:.1f} ms/posting",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=None, help="evaluate only the first N postings of each set")
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    args = parser.parse_args(argv)
    result = run(args.data_dir, limit=args.limit)
    if args.json:
        from talent_tools.evaluation import json_report

        json_report.write({"jobs": result})
    else:
        print(format_table(result))  # noqa: T201 - the evaluation's output is this table


if __name__ == "__main__":
    main()
