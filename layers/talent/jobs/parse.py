"""Parse a job posting into its requirements: skills (required vs preferred), years, education, seniority."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Protocol

from talent.jobs.education import find_education
from talent.jobs.models import (
    EducationRequirement,
    JobRequirements,
    JobSkill,
    RequirementLevel,
    TextEvidence,
    YearsRequirement,
)
from talent.jobs.segments import Sentence, split_sentences
from talent.jobs.seniority import infer_seniority
from talent.jobs.years import find_years
from talent.skills.mentions import SkillMention

MAX_EVIDENCE_PER_SKILL = 5
MAX_SENTENCE_CHARS = 500
MAX_TITLE_WORDS = 10


class SkillFinder(Protocol):
    """What the parser needs from a skill extractor (`talent.skills.extract.SkillExtractor` is one)."""

    def find(self, text: str) -> Sequence[SkillMention]: ...


def level_at(sentence: Sentence, offset: int) -> tuple[RequirementLevel, str | None] | None:
    """The level of whatever sits at `offset`, with the cue that set it; None inside an ignored section.

    Order: a strong cue in the clause ("... is a plus", "must have"); the section heading; a weak cue;
    otherwise required, since an unlabelled posting lists what it needs.
    """
    cue = sentence.cue_at(offset)
    if cue is not None and cue.strong:
        return cue.level, cue.phrase
    if sentence.section in ("required", "preferred"):
        return sentence.section, sentence.heading
    if sentence.section == "ignored":
        return None
    if cue is not None:
        return cue.level, cue.phrase
    return "required", None


def _evidence(text: str, sentence: Sentence, start: int, end: int, cue: str | None) -> TextEvidence:
    return TextEvidence(
        start=start,
        end=end,
        text=text[start:end],
        sentence=sentence.text[:MAX_SENTENCE_CHARS],
        section=sentence.heading,
        cue=cue,
    )


def _sentence_at(sentences: list[Sentence], starts: list[int], offset: int) -> Sentence | None:
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and sentences[index].start <= offset < sentences[index].end:
        return sentences[index]
    return None


def _decide(levels: list[tuple[RequirementLevel, str | None]]) -> RequirementLevel:
    """An explicit level (a cue or a heading) beats the default; among explicit ones, required wins.

    So a skill named in the responsibilities and again under "Nice to have" is preferred, while one asked for
    under "Requirements" and again under "Nice to have" stays required.
    """
    explicit = {level for level, cue in levels if cue is not None}
    if explicit:
        return "required" if "required" in explicit else "preferred"
    return "required"


def _skills(text: str, sentences: list[Sentence], mentions: Sequence[SkillMention]) -> list[JobSkill]:
    starts = [s.start for s in sentences]
    found: dict[str, list[tuple[SkillMention, RequirementLevel, TextEvidence]]] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        sentence = _sentence_at(sentences, starts, mention.start)
        decided = level_at(sentence, mention.start) if sentence is not None else None
        if mention.skill_id is None or sentence is None or decided is None:
            continue
        evidence = _evidence(text, sentence, mention.start, mention.end, decided[1])
        found.setdefault(mention.skill_id, []).append((mention, decided[0], evidence))
    skills: list[JobSkill] = []
    for skill_id, items in found.items():
        first = items[0][0]
        skills.append(
            JobSkill(
                skill_id=skill_id,
                label=first.label or first.text,
                kind=first.kind,
                level=_decide([(level, evidence.cue) for _, level, evidence in items]),
                confidence=max(mention.confidence for mention, _, _ in items),
                evidence=[evidence for _, _, evidence in items][:MAX_EVIDENCE_PER_SKILL],
            )
        )
    return skills


def _years(text: str, sentences: list[Sentence]) -> list[YearsRequirement]:
    found: list[YearsRequirement] = []
    for sentence in sentences:
        lenient = sentence.section in ("required", "preferred")
        for mention in find_years(text, sentence.start, sentence.end, lenient=lenient):
            decided = level_at(sentence, mention.start)
            if decided is not None:
                evidence = _evidence(text, sentence, mention.start, mention.end, decided[1])
                found.append(YearsRequirement(years=mention.years, level=decided[0], evidence=evidence))
    return found


def _education(text: str, sentences: list[Sentence]) -> list[EducationRequirement]:
    found: list[EducationRequirement] = []
    for sentence in sentences:
        mention = find_education(sentence.text, sentence.start)
        decided = level_at(sentence, mention.start) if mention else None
        if mention is None or decided is None:
            continue
        found.append(
            EducationRequirement(
                level=mention.level,
                requirement=decided[0],
                field=mention.field,
                equivalent_experience_accepted=mention.equivalent_experience_accepted,
                evidence=_evidence(text, sentence, mention.start, mention.end, decided[1]),
            )
        )
    return found


def _title_from_first_line(text: str, sentences: list[Sentence]) -> str | None:
    first = sentences[0] if sentences else None
    if first is None or first.section is not None or "\n" not in text[first.end :]:
        return None
    line_end = text.find("\n", first.start)
    if first.end > line_end or len(first.text.split()) > MAX_TITLE_WORDS or first.text.endswith((".", ":")):
        return None
    return first.text


def _rank(requirement: EducationRequirement) -> int:
    return requirement.level.rank


def parse_job(text: str, *, title: str | None = None, extractor: SkillFinder) -> JobRequirements:
    warnings: list[str] = []
    sentences = split_sentences(text)
    if not sentences:
        return JobRequirements(title=title, warnings=["the job description has no text"])
    if title is None and (title := _title_from_first_line(text, sentences)) is not None:
        warnings.append("title taken from the first line")
    if not any(s.section in ("required", "preferred") for s in sentences):
        warnings.append("no requirement headings found: levels come from cue phrases, the rest count as required")

    skills = _skills(text, sentences, extractor.find(text))
    required = [s for s in skills if s.level == "required"]
    if not required:
        warnings.append("no required skills found")

    years = _years(text, sentences)
    required_years = max((y for y in years if y.level == "required"), key=lambda y: y.years, default=None)
    preferred_years = max((y for y in years if y.level == "preferred"), key=lambda y: y.years, default=None)
    if required_years is None and preferred_years is not None:
        warnings.append("years of experience are only preferred, not required")

    education = _education(text, sentences)
    required_degree = min((e for e in education if e.requirement == "required"), key=_rank, default=None)
    preferred_degree = max((e for e in education if e.requirement == "preferred"), key=_rank, default=None)
    if required_degree and preferred_degree and preferred_degree.level.rank <= required_degree.level.rank:
        preferred_degree = None

    min_years = required_years.years if required_years else None
    seniority, seniority_evidence = infer_seniority(title, text, min_years)
    return JobRequirements(
        title=title,
        seniority=seniority,
        seniority_evidence=seniority_evidence,
        required_skills=required,
        preferred_skills=[s for s in skills if s.level == "preferred"],
        min_years_experience=min_years,
        min_years_evidence=required_years.evidence if required_years else None,
        preferred_years_experience=preferred_years.years if preferred_years else None,
        education_requirement=required_degree or preferred_degree,
        preferred_education=preferred_degree if required_degree else None,
        warnings=warnings,
    )
