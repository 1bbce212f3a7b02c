"""A score's contributions in words a recruiter reads, each with the value behind it.

The ranker is additive: each feature's contribution is what it added to or took from the score. These
phrases say what the feature measured for this candidate ("names 2 of 5 required skills"), never the
feature's identifier; counts of skills come from the same job skills the gap report lists, so a reason and
the matched / missing skills shown beside it agree.
"""

from __future__ import annotations

import math
from collections.abc import Callable


def _share_of(level: str) -> Callable[[float, int], str]:
    def phrase(value: float, listed: int) -> str:
        if listed == 0:
            return f"the job lists no {level} skills"
        return f"names {round(value * listed)} of {listed} {level} skills"

    return phrase


def _years_since(value: float) -> str:
    if value >= 0.99:
        return "in a relevant role now"
    if value <= 0.0:
        return "no relevant role found"
    return f"last relevant role ended {-3 * math.log(value):.1f} years ago"


def _education(value: float) -> str:
    steps = round(value)
    if steps == 0:
        return "degree at the level asked (or none asked)"
    return f"degree {abs(steps)} level{'s' if abs(steps) > 1 else ''} {'above' if steps > 0 else 'below'} the one asked"


_BY_VALUE: dict[str, Callable[[float], str]] = {
    "semantic_resume": lambda v: f"resume reads like the job description (similarity {v:.2f})",
    "semantic_head": lambda v: f"headline and latest role read like the job (similarity {v:.2f})",
    "title_vs_head": lambda v: f"job title close to the resume's opening (similarity {v:.2f})",
    "semantic_titles": lambda v: f"recent job titles close to the job's title (similarity {v:.2f})",
    "skills_matched": lambda v: f"names {round(math.expm1(v))} of the job's skills",
    "skills_soft": lambda v: f"skills close to the job's (mean similarity {v:.2f})",
    "skill_proficiency": lambda v: f"proficiency on the job's skills {v:.2f} of 1",
    "relevant_experience": lambda v: f"{math.expm1(v):.1f} years in roles like this one",
    "experience_vs_required": lambda v: f"experience {v:.1f}x the years asked (capped at 2; 1 when none asked)",
    "education_vs_required": _education,
    "recency": _years_since,
    "lexical_resume": lambda v: f"resume uses the job's terms (TF-IDF similarity {v:.2f})",
    "lexical_title": lambda v: f"resume uses {v:.0%} of the job title's terms",
    "family_match": lambda v: f"job family overlap with the job {v:.2f} (0 none, 1 surely the same family)",
}
_BY_COUNT = {"required_skills_exact": _share_of("required"), "preferred_skills_exact": _share_of("preferred")}


def reason(feature: str, value: float | None, listed_skills: dict[str, int]) -> str:
    """What `feature` measured, in words; `listed_skills` counts the job's skills per level ("required",
    "preferred"). A feature without a phrase (a newer model) or without a recorded value is named as is."""
    if value is None or not math.isfinite(value):
        return feature.replace("_", " ")
    if feature in _BY_COUNT:
        level = feature.split("_", 1)[0]
        return _BY_COUNT[feature](value, listed_skills.get(level, 0))
    if feature in _BY_VALUE:
        return _BY_VALUE[feature](value)
    return f"{feature.replace('_', ' ')} {value:.2f}"
