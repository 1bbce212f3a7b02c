"""A row of the fit suite: one measurement for the ranker and every baseline, with its target of issue 13."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Row:
    name: str
    values: dict[str, float]
    """Method → value (a method a row cannot score is absent)."""
    count: str
    key: str = ""
    """Its name in `suite_metrics`."""
    higher_is_better: bool = True
    target: str = ""
    verdict: str = ""


@dataclass
class SuiteResult:
    rows: list[Row]
    per_query: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    """Row → method → per-posting or per-resume values, for the plots."""
    examples: dict[str, list[str]] = field(default_factory=dict)
    """Sensitivity kind → ids of violating cases (ranker)."""


def met_or_missed(met: bool) -> str:
    return "met" if met else "MISSED"


def beats_every_baseline(values: dict[str, float]) -> str:
    return met_or_missed(all(values["ranker"] > v for m, v in values.items() if m != "ranker"))
