"""The resume text the encoder sees: rebuilt from the blind profile, never the raw document.

Only what describes the work goes in: headline, summary, job titles and descriptions, degree names and
fields, skill labels. Left out: the contact header, employers and institutions (proxies for origin, sex
or age), dates, and gendered words (pronouns, titles of address), which are dropped word by word.
"""

from __future__ import annotations

import re

from talent.profile.models import ResumeProfile

_GENDERED = re.compile(
    r"\b(?:he|she|him|her|his|hers|himself|herself|mr|mrs|ms|miss|sir|madam|"
    r"man|woman|men|women|male|female|boy|girl|husband|wife|mother|father|"
    r"maternity|paternity)\b\.?",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t]+")


def neutral(text: str) -> str:
    return _SPACES.sub(" ", _GENDERED.sub(" ", text)).strip()


def scoring_text(profile: ResumeProfile) -> str:
    """The blind profile's work-describing text; `profile` must already be blind."""
    if not profile.blinded:
        raise ValueError("scoring_text reads blind profiles only: call profile.blind() first")
    parts: list[str] = []
    if profile.headline:
        parts.append(profile.headline)
    if profile.summary:
        parts.append(profile.summary)
    for entry in profile.experience:
        parts.extend(p for p in (entry.title, entry.description) if p)
    for school in profile.education:
        parts.append(" ".join(p for p in (school.degree, school.field) if p))
    if profile.skills:
        parts.append(", ".join(dict.fromkeys(s.label for s in profile.skills)))
    return neutral("\n".join(p for p in parts if p.strip()))


def recent_titles(profile: ResumeProfile, count: int = 3) -> list[str]:
    """The headline (the title under the name) and the latest titles (current and latest end first)."""

    def key(index: int) -> tuple[int, int, int]:
        entry = profile.experience[index]
        end = entry.end or entry.start
        return (1 if entry.current else 0, end.year if end else 0, -index)

    order = sorted(range(len(profile.experience)), key=key, reverse=True)
    titles = [neutral(t) for i in order if (t := profile.experience[i].title)][:count]
    return [neutral(profile.headline), *titles] if profile.headline else titles
