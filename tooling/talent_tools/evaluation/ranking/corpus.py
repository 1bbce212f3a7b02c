"""The people and postings the fit suite reads, each labelled with an O*NET-SOC occupation by its title.

Resumes: livecareer, parsed by the project's resume reader; the occupation is the first of the headline and
the three latest titles that `OccupationIndex` maps. Postings: the real ones in ../shared/data/jobs (US
postings, Google postings) whose title maps, and O*NET-written postings (`talent_tools.ranking.onet_postings`) for
the occupations the held-out resumes hold. A posting's family is the livecareer family most resumes of its
occupation are filed under, from the training and validation splits only (same occupation, else same broad
group, else same minor group): the within-family rows compare a posting with held-out resumes of that family.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from talent.features.scoring_text import recent_titles
from talent.profile.models import ResumeProfile
from talent_tools.evaluation.job_postings import read_google, read_us, with_responsibilities
from talent_tools.evaluation.ranking.occupations import Match, OccupationIndex
from talent_tools.ranking.benchmark import Resume
from talent_tools.ranking.onet_postings import load_postings


@dataclass(frozen=True)
class LabelledResume:
    resume: Resume
    code: str | None
    how: str
    title: str
    """The title that mapped ("" when none did)."""


@dataclass(frozen=True)
class LabelledPosting:
    id: str
    """`us:<row>`, `google:<row>` or `onet:<code>`: stable across runs, no personal field."""
    source: str
    title: str
    text: str
    code: str
    how: str


def label_resume(index: OccupationIndex, resume: Resume, profile: ResumeProfile) -> LabelledResume:
    titles = recent_titles(profile)
    found = index.first(titles)
    if found is None:
        return LabelledResume(resume, None, "", "")
    title = next(t for t in titles if index.explain(t) == found)
    return LabelledResume(resume, found.code, found.how, title)


def _labelled(index: OccupationIndex, source: str, rows: Iterable[tuple[str, str]]) -> list[LabelledPosting]:
    out = []
    for number, (title, text) in enumerate(rows):
        found: Match | None = index.explain(title)
        if found is not None and text.strip():
            out.append(LabelledPosting(f"{source}:{number}", source, title, text, found.code, found.how))
    return out


def real_postings(data_dir: Path, index: OccupationIndex) -> tuple[list[LabelledPosting], dict[str, int]]:
    """Postings whose title maps, and per source how many there were in all."""
    us = [(p.title, p.description) for p in read_us(data_dir)]
    google = [(p.title, f"{p.title}\n\n{with_responsibilities(p)}") for p in read_google(data_dir)]
    postings = _labelled(index, "us", us) + _labelled(index, "google", google)
    return postings, {"us": len(us), "google": len(google)}


def onet_postings(onet_dir: Path, codes: Iterable[str]) -> list[LabelledPosting]:
    written = load_postings(onet_dir, set(codes))
    return [LabelledPosting(f"onet:{c}", "onet", p.title, p.text, c, "exact") for c, p in sorted(written.items())]


def posting_families(resumes: Sequence[LabelledResume]) -> dict[str, str]:
    """Occupation code, broad group (xx-xxx) and minor group (xx-xx) → the family most of their training and
    validation resumes are filed under (ties: alphabetical)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for r in resumes:
        if r.code and r.resume.split != "test":
            for key in (r.code, r.code[:6], r.code[:5]):
                votes[key][r.resume.family] += 1
    return {key: min(c, key=lambda f: (-c[f], f)) for key, c in votes.items()}


def family_of(code: str, families: dict[str, str]) -> str | None:
    return next((families[k] for k in (code, code[:6], code[:5]) if k in families), None)
