"""Linking accuracy on the ESCO linking annotations of SkillSpan validation spans (Decorte et al. 2022).

`skills/esco_linking/{tech,house}_validation_annotations.csv` label each span (or each part of a coordinated
span, `sub_span`) with the ESCO skill it means by its ESCO 1.1.0 preferred label, or `LABEL NOT PRESENT`
(no ESCO skill says it) or `UNDERSPECIFIED` (left out here). Gold labels become taxonomy ids through the ESCO
descriptions, which start with the preferred label; a label that starts no description, or several with
none of them carrying exactly that label in the taxonomy, stays unresolved and is counted, not scored.

Per file: accuracy@1 and @5 of the ranked candidates whatever the threshold; "served" accuracy@1 (linked at
the threshold and right: no link counts as wrong); the share of `LABEL NOT PRESENT` spans left unlinked.
Calibration: the lowest threshold at which TECH leaves at least half of its `LABEL NOT PRESENT` spans
unlinked, and what that threshold gives on HOUSE (and the other way round, to show how far it carries).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from talent.data_paths import shared_data_dir
from talent.skills.taxonomy import Taxonomy

FILES = ("tech", "house")
NOT_PRESENT = "LABEL NOT PRESENT"
UNDERSPECIFIED = "UNDERSPECIFIED"
Candidates = Callable[[Sequence[str]], list[list[tuple[str, float]]]]


@dataclass(frozen=True)
class LinkingCase:
    span: str
    gold: str | None  # taxonomy id; None: LABEL NOT PRESENT


@dataclass(frozen=True)
class LinkingSet:
    name: str
    cases: list[LinkingCase]
    unresolved: int
    underspecified: int


def _esco_descriptions(data_dir: Path) -> list[tuple[str, str]]:
    with (data_dir / "skills" / "esco" / "all" / "skills.csv").open(encoding="utf-8", newline="") as handle:
        return [(row["id"], row["description"].casefold()) for row in csv.DictReader(handle)]


def gold_resolver(taxonomy: Taxonomy, descriptions: list[tuple[str, str]]) -> Callable[[str], str | None]:
    """ESCO preferred label -> taxonomy id (see the module docstring), or None when it cannot be told."""

    def resolve(label: str) -> str | None:
        wanted = label.casefold()
        starting = [i for i, text in descriptions if text == wanted or text.startswith(wanted + " ")]
        known = [i for i in starting if taxonomy.get(i) is not None]
        if len(known) == 1:
            return known[0]
        exact = [i for i in known if (entry := taxonomy.get(i)) is not None and entry.label.casefold() == wanted]
        return exact[0] if len(exact) == 1 else None

    return resolve


def load_sets(taxonomy: Taxonomy, data_dir: Path | None = None) -> list[LinkingSet]:
    root = data_dir or shared_data_dir()
    resolve = gold_resolver(taxonomy, _esco_descriptions(root))
    sets = []
    for name in FILES:
        path = root / "skills" / "esco_linking" / f"{name}_validation_annotations.csv"
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        cases, unresolved, underspecified = [], 0, 0
        for row in rows:
            span = (row["sub_span"] or row["span"]).strip().strip(".?").strip()
            label = row["label"].strip()
            if label == UNDERSPECIFIED:
                underspecified += 1
                continue
            gold = None if label == NOT_PRESENT else resolve(label)
            if label != NOT_PRESENT and gold is None:
                unresolved += 1
                continue
            cases.append(LinkingCase(span, gold))
        sets.append(LinkingSet(name, cases, unresolved, underspecified))
    return sets


def _rates(ranked: list[list[tuple[str, float]]], cases: list[LinkingCase], threshold: float) -> tuple[float, float]:
    """(served accuracy@1 on labelled spans, no-link share on LABEL NOT PRESENT spans) at `threshold`."""
    labelled = [(r, c) for r, c in zip(ranked, cases, strict=True) if c.gold is not None]
    absent = [r for r, c in zip(ranked, cases, strict=True) if c.gold is None]
    right = sum(bool(r) and r[0][1] >= threshold and r[0][0] == c.gold for r, c in labelled)
    unlinked = sum(not r or r[0][1] < threshold for r in absent)
    return right / max(1, len(labelled)), unlinked / max(1, len(absent))


def calibrate(ranked: list[list[tuple[str, float]]], cases: list[LinkingCase], no_link_share: float = 0.5) -> float:
    """The lowest threshold (0.01 steps) leaving at least `no_link_share` of LABEL NOT PRESENT spans unlinked."""
    for step in range(0, 151):
        threshold = step / 100
        if _rates(ranked, cases, threshold)[1] >= no_link_share:
            return threshold
    return 1.5


def evaluate_linking(candidates: Candidates, sets: list[LinkingSet], threshold: float) -> dict[str, Any]:
    ranked = {s.name: candidates([c.span for c in s.cases]) for s in sets}
    rows: dict[str, Any] = {}
    for s in sets:
        labelled = [(r, c) for r, c in zip(ranked[s.name], s.cases, strict=True) if c.gold is not None]
        served, no_link = _rates(ranked[s.name], s.cases, threshold)
        rows[s.name] = {
            "labelled": len(labelled),
            "not_present": len(s.cases) - len(labelled),
            "unresolved": s.unresolved,
            "underspecified": s.underspecified,
            "accuracy@1": sum(bool(r) and r[0][0] == c.gold for r, c in labelled) / max(1, len(labelled)),
            "accuracy@5": sum(c.gold in [i for i, _ in r[:5]] for r, c in labelled) / max(1, len(labelled)),
            "served_accuracy@1": served,
            "no_link_when_not_present": no_link,
        }
    folds = {}
    for tuned, checked in (("tech", "house"), ("house", "tech")):
        cases = {s.name: s.cases for s in sets}
        chosen = calibrate(ranked[tuned], cases[tuned])
        folds[f"{tuned}->{checked}"] = (chosen, *_rates(ranked[checked], cases[checked], chosen))
    return {"threshold": threshold, "files": rows, "calibration": folds}


def format_linking(results: dict[str, dict[str, Any]]) -> str:
    header = (
        f"{'linker':<24} {'file':<6} {'n':>4} {'acc@1':>6} {'acc@5':>6} {'served@1':>9} {'no link|LNP':>12} {'LNP':>4}"
    )
    lines = [header, "-" * len(header)]
    for name, result in results.items():
        for file, r in result["files"].items():
            lines.append(
                f"{name:<24} {file:<6} {r['labelled']:>4} {r['accuracy@1']:>6.3f} {r['accuracy@5']:>6.3f} "
                f"{r['served_accuracy@1']:>9.3f} {r['no_link_when_not_present']:>12.3f} {r['not_present']:>4}"
            )
        folds = "; ".join(
            f"chosen on {fold.split('->')[0]} {t:.2f} -> {fold.split('->')[1]} served@1 {a:.3f}, no link {n:.3f}"
            for fold, (t, a, n) in result["calibration"].items()
        )
        lines.append(f"{'':<24} threshold {result['threshold']:.2f}; calibration: {folds}")
    first = next(iter(results.values()))["files"]
    lines.append(
        "unscored: "
        + ", ".join(
            f"{f} {r['unresolved']} labels not resolved, {r['underspecified']} underspecified" for f, r in first.items()
        )
    )
    return "\n".join(lines)
