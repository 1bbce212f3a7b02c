"""Rules-based resume parsing: text in, `ResumeProfile` out.

Nothing is invented: what is missing is None plus a warning, never a sample value.
"""

from __future__ import annotations

import hashlib
from datetime import date

from talent.documents import extract
from talent.profile.contact import (
    find_emails,
    find_headline,
    find_links,
    find_location,
    find_name,
    find_phones,
    guess_region,
    personal_spans,
)
from talent.profile.dates import DateRange, interval, union_months
from talent.profile.education import education_entries
from talent.profile.experience import experience_entries
from talent.profile.listed_skills import listed_items, unlinked_items
from talent.profile.models import DateSource, DocumentInfo, ExperienceEntry, PersonalFields, ResumeProfile, Section
from talent.profile.named_spans import named_spans
from talent.profile.other_sections import certifications_of, languages_of, summary_of
from talent.profile.sections import content_start, find_sections
from talent.profile.skill_evidence import MentionFinder, profile_skills
from talent.profile.skills import ListedSkill, ProfileSkill
from talent.profile.text import clean_view, lines_of

_HEADER_LINES = 15
# Sections whose dates are not jobs; everything else may hold experience when no experience section exists.
_NOT_EXPERIENCE = frozenset(
    {"education", "certifications", "training", "awards", "publications", "references", "languages", "skills"}
)


def _regions(view: str, sections: list[Section], name: str) -> list[tuple[int, int]]:
    return [(content_start(view, s), s.end) for s in sections if s.name == name]


def _total_months(entries: list[ExperienceEntry], document_date: date) -> int:
    spans = []
    for e in entries:
        if e.start is not None:
            iv = interval(DateRange(e.start, e.end, e.current, (0, 0)), document_date)
            if iv:
                spans.append(iv)
    return union_months(spans)


def parse_resume(
    text: str,
    *,
    document_date: date,
    extractor: MentionFinder | None = None,
    date_source: DateSource = "caller",
    language: str | None = None,
    pages: int | None = None,
    hidden_text_count: int = 0,
) -> ResumeProfile:
    """Parse resume text. Spans in the profile index `text`; `document_date` is when "present" ends."""
    view = clean_view(text)
    lines = lines_of(view)
    sections = find_sections(view, lines)
    warnings: list[str] = []

    header_end = sections[0].start if sections else len(view)
    header = [ln for ln in lines if ln.start < header_end][:_HEADER_LINES]
    header_end = header[-1].end if header else 0
    name = find_name(header)
    personal = PersonalFields(
        name=name,
        emails=find_emails(view),
        phones=find_phones(view, header_end, guess_region(view, view[:header_end])),
        links=find_links(view),
        location=find_location(header),
    )
    if name is None:
        warnings.append("name not found")
    if not personal.emails and not personal.phones and not personal.links:
        warnings.append("no contact details found (email, phone or link)")

    experience_regions = _regions(view, sections, "experience")
    if not experience_regions:
        warnings.append("no experience section: entries taken from dated lines outside other sections")
        experience_regions = [(0, header_end)] if not sections else []
        experience_regions += [(content_start(view, s), s.end) for s in sections if s.name not in _NOT_EXPERIENCE]
    experience = experience_entries(text, lines, experience_regions, document_date)
    if not experience:
        warnings.append("no experience entries found")
    if any(e.start is not None and e.months is None for e in experience):
        warnings.append("an experience entry ends before it starts; it is not counted")
    if any(e.start is None for e in experience):
        warnings.append("experience entries without dates are not counted in total months")

    education_regions = _regions(view, sections, "education")
    education = education_entries(text, lines, education_regions or [(0, len(view))], strict=not education_regions)
    if not education:
        warnings.append("no education entries found")

    skills: list[ProfileSkill] = []
    listed: list[ListedSkill] = []
    if extractor is None:
        warnings.append("skills not extracted: no skill extractor given")
    else:
        excluded = personal_spans(view, personal.name, personal.location)
        excluded += named_spans(view, lines, experience)
        skills = profile_skills(extractor.find(text), sections, experience, document_date, excluded)
        linked = [(ev.start, ev.end) for skill in skills for ev in skill.evidence] + list(excluded)
        listed = [
            ListedSkill(start=i.start, end=i.end, text=i.text)
            for i in unlinked_items(listed_items(text, view, sections), linked)
        ]
        if not skills:
            warnings.append("no skills found")

    return ResumeProfile(
        personal=personal,
        headline=find_headline(header, name),
        summary=summary_of(text, _regions(view, sections, "summary")),
        sections_found=sections,
        experience=experience,
        total_experience_months=_total_months(experience, document_date),
        education=education,
        certifications=certifications_of(lines, _regions(view, sections, "certifications")),
        languages=languages_of(view, _regions(view, sections, "languages")),
        skills=skills,
        listed_skills=listed,
        warnings=warnings,
        document=DocumentInfo(
            language=language,
            pages=pages,
            date=document_date,
            date_source=date_source,
            hidden_text_count=hidden_text_count,
            characters=len(text),
            text_sha256=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        ),
    )


def parse_document(
    content: bytes,
    *,
    content_type: str | None = None,
    filename: str | None = None,
    document_date: date | None = None,
    extractor: MentionFinder | None = None,
) -> ResumeProfile:
    """Read a resume file with `talent.documents.extract` and parse its visible text.

    `document_date` is the event's date; without it the file's metadata date is used, and without that
    today's date, recorded as `date_source="unknown"` with a warning. Intake failures raise the typed
    `talent.documents` errors unchanged; hidden text is counted, never parsed.
    """
    extracted = extract(content, content_type=content_type, filename=filename, document_date=document_date)
    when = extracted.document_date
    source: DateSource = extracted.date_source if extracted.date_source != "none" else "unknown"
    if when is None:
        when, source = date.today(), "unknown"
    profile = parse_resume(
        extracted.text,
        document_date=when,
        extractor=extractor,
        date_source=source,
        language=extracted.language,
        pages=extracted.pages,
        hidden_text_count=len(extracted.hidden_text),
    )
    notes = list(extracted.warnings)
    if source == "unknown":
        notes.append('document date unknown: "present" measured from the parsing date')
    return profile.model_copy(update={"warnings": notes + profile.warnings}) if notes else profile
