"""Name-swap counterfactual: the same resumes with names, contact details, pronouns and titles of address
swapped across groups must score the same (within 1 % of the job's score range).

Livecareer resumes carry no names, so each test resume gets a header and a sentence with the cues of one
group, then the other's: the only difference between the two versions is the protected cues.
"""

from __future__ import annotations

from dataclasses import dataclass

from talent.ranking.screening_model import ScreeningModel
from talent_tools.ranking.benchmark import DOCUMENT_DATE, Resume
from talent_tools.ranking.onet_postings import Posting

GROUPS = {
    "female": {
        "name": "Emily Walsh",
        "email": "emily.walsh@example.org",
        "title": "Mrs.",
        "subject": "She",
        "possessive": "her",
    },
    "male": {
        "name": "Jamal Washington",
        "email": "jamal.washington@example.org",
        "title": "Mr.",
        "subject": "He",
        "possessive": "his",
    },
}
TOLERANCE = 0.01


def with_cues(text: str, group: str) -> str:
    cue = GROUPS[group]
    header = f"{cue['title']} {cue['name']}\n{cue['email']} | (555) 010-0199\n"
    note = f"\n{cue['subject']} is known for {cue['possessive']} reliability and attention to detail.\n"
    return header + text + note


@dataclass(frozen=True)
class CounterfactualResult:
    pairs: int
    max_abs_difference: float
    max_share_of_range: float


def run(model: ScreeningModel, resumes: list[Resume], postings: list[Posting]) -> CounterfactualResult:
    featurizer = model.featurizer
    versions = {  # embedded once, scored against every posting
        group: [
            (featurizer.candidate(featurizer.parse_resume(with_cues(r.text, group), DOCUMENT_DATE)), ())
            for r in resumes
        ]
        for group in GROUPS
    }
    worst_abs, worst_share, pairs = 0.0, 0.0, 0
    for posting in postings:
        job = model.job(posting.text, posting.title)
        scores = {g: [s.score for s in model.score_views(job, views)] for g, views in versions.items()}
        female, male = scores["female"], scores["male"]
        spread = max(max(female), max(male)) - min(min(female), min(male))
        for a, b in zip(female, male, strict=True):
            worst_abs = max(worst_abs, abs(a - b))
            worst_share = max(worst_share, abs(a - b) / spread if spread > 0 else 0.0)
            pairs += 1
    return CounterfactualResult(pairs, worst_abs, worst_share)
