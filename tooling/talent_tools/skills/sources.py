"""Readers for the public skill sources in ../shared/data (ESCO, O*NET); raw rows, no merging."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ESCO_ICT = Path("skills/esco/esco_ict_skills.csv")
ESCO_ALL = Path("skills/esco/all/skills.csv")
ONET_TECHNOLOGY = Path("skills/onet/Technology Skills.txt")
ONET_RUNNING_TEXT = (Path("skills/onet/Task Statements.txt"), Path("skills/onet/Occupation Data.txt"))


@dataclass(frozen=True)
class EscoIctSkill:
    uri: str
    label: str
    alt_labels: tuple[str, ...]
    skill_type: str
    definition: str


@dataclass(frozen=True)
class EscoDescription:
    uri: str
    description: str


@dataclass
class OnetTechnology:
    """One O*NET technology, its rows across occupations folded together."""

    name: str
    hot: bool = False
    in_demand: bool = False
    commodities: set[str] = field(default_factory=set)
    occupations: set[str] = field(default_factory=set)


def read_esco_ict(data_dir: Path) -> list[EscoIctSkill]:
    with (data_dir / ESCO_ICT).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return [
        EscoIctSkill(
            uri=row["uri"].strip(),
            label=row["preferredLabel"].strip(),
            alt_labels=tuple(a.strip() for a in row["altLabels"].split("|") if a.strip()),
            skill_type=row["skillType"].strip(),
            definition=row["description"].strip(),
        )
        for row in rows
    ]


def read_esco_all(data_dir: Path) -> list[EscoDescription]:
    with (data_dir / ESCO_ALL).open(encoding="utf-8", newline="") as handle:
        return [EscoDescription(row["id"].strip(), row["description"].strip()) for row in csv.DictReader(handle)]


def read_onet_technology(data_dir: Path) -> list[OnetTechnology]:
    """Dedupe by Example name: hot / in-demand if any row says so; commodities and occupations kept."""
    by_name: dict[str, OnetTechnology] = {}
    with (data_dir / ONET_TECHNOLOGY).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            name = " ".join(row["Example"].split())
            tech = by_name.setdefault(name, OnetTechnology(name))
            tech.hot = tech.hot or row["Hot Technology"].strip() == "Y"
            tech.in_demand = tech.in_demand or row["In Demand"].strip() == "Y"
            tech.commodities.add(row["Commodity Title"].strip())
            tech.occupations.add(row["O*NET-SOC Code"].strip())
    return [by_name[name] for name in sorted(by_name)]


def read_running_text(data_dir: Path) -> Iterator[str]:
    """Plain English sentences (O*NET task statements, occupation descriptions) for word statistics."""
    for relative in ONET_RUNNING_TEXT:
        with (data_dir / relative).open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                yield line.split("\t", 2)[-1]
