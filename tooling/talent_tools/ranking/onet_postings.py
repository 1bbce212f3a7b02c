"""Job postings written from O*NET 29.2 occupations (description, core tasks, job zone, in-demand
technologies).

The text follows the shape of a real posting so the job parser reads it like one: responsibilities from
the core tasks, requirements (years and degree from the job zone, in-demand technologies) and nice-to-haves
(the occupation's other hot technologies). The title is the first reported title shown in My Next Move.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

TASKS = 8
REQUIRED_TECH = 6
PREFERRED_TECH = 4
# Job zone → (years of experience, degree) per O*NET's zone definitions.
_ZONES = {
    1: (0, None),
    2: (1, "High school diploma"),
    3: (2, "Associate's degree or vocational training"),
    4: (4, "Bachelor's degree"),
    5: (5, "Master's degree"),
}


@dataclass(frozen=True)
class Posting:
    code: str
    title: str
    text: str


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def _posting(code: str, name: str, description: str, data: dict[str, dict[str, list[str]]], zone: int) -> Posting:
    titles = data["titles"].get(code) or [name]
    tasks = data["tasks"].get(code, [])[:TASKS]
    hot = data["hot"].get(code, [])[:REQUIRED_TECH]
    other = data["other"].get(code, [])[:PREFERRED_TECH]
    years, degree = _ZONES.get(zone, (0, None))
    lines = [titles[0], "", description, "", "Responsibilities:", *(f"- {t}" for t in tasks), "", "Requirements:"]
    if years:
        lines.append(f"- {years}+ years of experience in a similar role.")
    if degree:
        lines.append(f"- {degree} required.")
    lines.extend(f"- Experience with {t}." for t in hot)
    if other:
        lines += ["", "Nice to have:", *(f"- Familiarity with {t}." for t in other)]
    return Posting(code=code, title=titles[0], text="\n".join(lines))


def load_postings(onet_dir: Path, codes: set[str]) -> dict[str, Posting]:
    """One posting per O*NET-SOC code asked for; a code O*NET does not have is an error."""
    data: dict[str, dict[str, list[str]]] = {k: defaultdict(list) for k in ("titles", "tasks", "hot", "other")}
    for row in _rows(onet_dir / "Sample of Reported Titles.txt"):
        if row["O*NET-SOC Code"] in codes and row["Shown in My Next Move"] == "Y":
            data["titles"][row["O*NET-SOC Code"]].append(row["Reported Job Title"])
    for row in _rows(onet_dir / "Task Statements.txt"):
        if row["O*NET-SOC Code"] in codes and row["Task Type"] == "Core":
            data["tasks"][row["O*NET-SOC Code"]].append(row["Task"])
    for row in _rows(onet_dir / "Technology Skills.txt"):
        if row["O*NET-SOC Code"] in codes:
            # In-demand technologies (most asked for in postings) are required, other hot ones preferred.
            if row["In Demand"] == "Y":
                data["hot"][row["O*NET-SOC Code"]].append(row["Example"])
            elif row["Hot Technology"] == "Y":
                data["other"][row["O*NET-SOC Code"]].append(row["Example"])
    zones = {r["O*NET-SOC Code"]: int(r["Job Zone"]) for r in _rows(onet_dir / "Job Zones.txt")}
    postings = {
        row["O*NET-SOC Code"]: _posting(
            row["O*NET-SOC Code"], row["Title"], row["Description"], data, zones.get(row["O*NET-SOC Code"], 0)
        )
        for row in _rows(onet_dir / "Occupation Data.txt")
        if row["O*NET-SOC Code"] in codes
    }
    missing = codes - set(postings)
    if missing:
        raise ValueError(f"O*NET has no occupation {sorted(missing)} in {onet_dir}")
    return postings
