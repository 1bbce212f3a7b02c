"""From skill mentions to profile skills: evidence, sections, months of use and last use."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Protocol

from talent.profile.dates import DateRange, interval, union_months
from talent.profile.models import ExperienceEntry, Section
from talent.profile.sections import section_at
from talent.profile.skills import Evidence, ProfileSkill
from talent.skills.mentions import SkillMention


class MentionFinder(Protocol):
    """What the profile needs from a skill extractor (`talent.skills.extract.SkillExtractor`)."""

    def find(self, text: str) -> Sequence[SkillMention]: ...


def _end_date(entry: ExperienceEntry, document_date: date) -> date | None:
    if entry.current or entry.end is None:
        return document_date if entry.start is not None else None
    end = date(entry.end.year, entry.end.month or 12, 1)
    return min(end, document_date)


def _interval(entry: ExperienceEntry, document_date: date) -> tuple[int, int] | None:
    if entry.start is None:
        return None
    return interval(DateRange(entry.start, entry.end, entry.current, (0, 0)), document_date)


def profile_skills(
    mentions: Sequence[SkillMention],
    sections: list[Section],
    experience: list[ExperienceEntry],
    document_date: date,
    excluded: Sequence[tuple[int, int]] = (),
) -> list[ProfileSkill]:
    """Group mentions by taxonomy id; mentions inside `excluded` spans (personal fields) are dropped."""
    grouped: dict[str, list[SkillMention]] = defaultdict(list)
    for mention in mentions:
        if any(s < mention.end and mention.start < e for s, e in excluded):
            continue
        if mention.skill_id:
            grouped[mention.skill_id].append(mention)
    skills: list[ProfileSkill] = []
    for skill_id, group in grouped.items():
        group.sort(key=lambda m: m.start)
        evidence = [
            Evidence(start=m.start, end=m.end, text=m.text, section=section_at(sections, m.start)) for m in group
        ]
        entries = [e for e in experience if any(e.span.start <= m.start < e.span.end for m in group)]
        spans = [iv for e in entries if (iv := _interval(e, document_date))]
        ends = [d for e in entries if (d := _end_date(e, document_date))]
        skills.append(
            ProfileSkill(
                skill_id=skill_id,
                label=next((m.label for m in group if m.label), group[0].text),
                kind=next((m.kind for m in group if m.kind), None),
                evidence=evidence,
                sections=list(dict.fromkeys(ev.section for ev in evidence)),
                months=union_months(spans) if spans else None,
                last_used=max(ends) if ends else None,
                confidence=max(m.confidence for m in group),
            )
        )
    skills.sort(key=lambda s: (-len(s.evidence), s.label.lower()))
    return skills
