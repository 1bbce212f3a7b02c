"""Bias audit of one job in the shape of NYC Local Law 144: rates and impact ratios by sex, race/ethnicity
and their intersections, from voluntary self-identification that never reaches the scorer.

- Selection rate: the share of a group's applicants that HR moved to interview, offer or hired.
- Scoring rate: the share of a group's screened applicants scoring above the median score of the job.
- Impact ratio: a group's rate divided by the highest rate among the groups of its category. Below 0.8
  (the four-fifths rule) the group is flagged.
- A group under 2 % of the applicants is reported but not flagged (LL144 allows excluding it), and so is a
  group with fewer than `MIN_GROUP` applicants; applicants who did not self-identify are counted apart.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

from talent.contracts.events import RaceEthnicity, Sex, Stage
from talent.domain.models import Application, Ranking

FOUR_FIFTHS = 0.8
SMALL_SHARE = 0.02
MIN_GROUP = 5
SELECTED_STAGES = frozenset({Stage.INTERVIEW, Stage.OFFER, Stage.HIRED})
Category = Literal["sex", "race_ethnicity", "intersection"]


class SelfIdentified(BaseModel):
    """Stored apart from the application and the profile; read only by this report."""

    tenant: str
    job_id: str
    application_id: str
    sex: Sex | None = None
    race_ethnicity: RaceEthnicity | None = None


class GroupRates(BaseModel):
    category: Category
    group: str
    applicants: int
    selected: int
    selection_rate: float | None
    selection_impact_ratio: float | None
    screened: int
    above_median: int
    scoring_rate: float | None
    scoring_impact_ratio: float | None
    excluded: str | None = Field(default=None, description="Why no flag is raised for this group, if none is.")
    flags: list[str] = Field(default_factory=list)


class FairnessReport(BaseModel):
    job_id: str
    applicants: int
    self_identified: int
    screened: int
    median_score: float | None
    groups: list[GroupRates]
    flags: list[str]
    method: str = Field(default=__doc__ or "")


@dataclass(frozen=True)
class _Person:
    selected: bool
    score: float | None
    sex: str | None
    race: str | None


def _rate(hits: int, total: int) -> float | None:
    return hits / total if total else None


def _groups(people: list[_Person], key: Callable[[_Person], str | None]) -> dict[str, list[_Person]]:
    out: dict[str, list[_Person]] = {}
    for person in people:
        group = key(person)
        if group is not None:
            out.setdefault(group, []).append(person)
    return out


def _category(
    category: Category, groups: dict[str, list[_Person]], median: float | None, total: int
) -> list[GroupRates]:
    rows = []
    for group, members in sorted(groups.items()):
        screened = [p for p in members if p.score is not None]
        above = sum(1 for p in screened if median is not None and p.score is not None and p.score > median)
        rows.append(
            GroupRates(
                category=category,
                group=group,
                applicants=len(members),
                selected=sum(p.selected for p in members),
                selection_rate=_rate(sum(p.selected for p in members), len(members)),
                selection_impact_ratio=None,
                screened=len(screened),
                above_median=above,
                scoring_rate=_rate(above, len(screened)),
                scoring_impact_ratio=None,
            )
        )
    for metric in ("selection", "scoring"):
        rates = [getattr(r, f"{metric}_rate") for r in rows if getattr(r, f"{metric}_rate") is not None]
        best = max(rates, default=0.0)
        for row in rows:
            rate = getattr(row, f"{metric}_rate")
            if rate is not None and best > 0:
                setattr(row, f"{metric}_impact_ratio", rate / best)
    for row in rows:
        if row.applicants < MIN_GROUP or row.applicants < SMALL_SHARE * total:
            row.excluded = f"{row.applicants} applicant(s): under {MIN_GROUP} or under {SMALL_SHARE:.0%} of all"
            continue
        for metric in ("selection", "scoring"):
            ratio = getattr(row, f"{metric}_impact_ratio")
            if ratio is not None and ratio < FOUR_FIFTHS:
                row.flags.append(f"{category} {row.group}: {metric} impact ratio {ratio:.2f} < {FOUR_FIFTHS}")
    return rows


def _known(value: str | None) -> str | None:
    return value if value not in (None, "undisclosed") else None


def fairness_report(
    job_id: str,
    applications: Iterable[Application],
    rankings: Iterable[Ranking],
    identities: Iterable[SelfIdentified],
) -> FairnessReport:
    by_app = {i.application_id: i for i in identities}
    scores = {r.application_id: r.result.score for r in rankings if r.result is not None}
    people = []
    for application in applications:
        identity = by_app.get(application.application_id)
        people.append(
            _Person(
                selected=application.stage in SELECTED_STAGES,
                score=scores.get(application.application_id),
                sex=_known(identity.sex.value if identity and identity.sex else None),
                race=_known(identity.race_ethnicity.value if identity and identity.race_ethnicity else None),
            )
        )
    screened = [p.score for p in people if p.score is not None]
    median = statistics.median(screened) if screened else None
    total = len(people)
    groups = [
        *_category("sex", _groups(people, lambda p: p.sex), median, total),
        *_category("race_ethnicity", _groups(people, lambda p: p.race), median, total),
        *_category(
            "intersection",
            _groups(people, lambda p: f"{p.sex} / {p.race}" if p.sex and p.race else None),
            median,
            total,
        ),
    ]
    return FairnessReport(
        job_id=job_id,
        applicants=total,
        self_identified=sum(1 for p in people if p.sex or p.race),
        screened=len(screened),
        median_score=median,
        groups=groups,
        flags=[flag for g in groups for flag in g.flags],
    )
