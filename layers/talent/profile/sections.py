"""Section headings: short lines whose words are heading vocabulary, mapped to one normalised name."""

from __future__ import annotations

import re

from talent.profile.lexicon import word_set
from talent.profile.models import Section
from talent.profile.text import Line, lines_of

# Whole headings whose name is not given by their first keyword.
_PHRASES: dict[str, str] = {
    "summary of skills": "skills",
    "summary of qualifications": "skills",
    "skill highlights": "skills",
    "work history": "experience",
    "employment history": "experience",
    "career history": "experience",
    "professional history": "experience",
    "personal profile": "personal",
    "personal details": "personal",
    "personal information": "personal",
    "personal traits": "skills",
    "project experience": "projects",
    "academic project": "projects",
    "academic projects": "projects",
    "volunteer experience": "volunteer",
    "volunteer work": "volunteer",
    "community service": "volunteer",
    "languages known": "languages",
    "additional information": "additional",
    "additional skills": "skills",
    "areas of expertise": "skills",
    "areas of interest": "interests",
    "professional affiliations": "affiliations",
    "activities and honors": "awards",
    "about me": "summary",
    "about myself": "summary",
    "career focus": "summary",
    "career objective": "summary",
    "training and certifications": "certifications",
    "licenses and certifications": "certifications",
    "certifications and licenses": "certifications",
}

_KEYWORDS: dict[str, str] = {
    **dict.fromkeys(["summary", "profile", "objective", "overview", "introduction"], "summary"),
    **dict.fromkeys(["experience", "employment", "experiences", "internships", "internship"], "experience"),
    **dict.fromkeys(["education", "academic", "academics", "academia", "educational", "qualification"], "education"),
    **dict.fromkeys(["skills", "skill", "competencies", "competence", "expertise", "highlights"], "skills"),
    **dict.fromkeys(["qualifications", "strengths", "proficiency", "proficiencies", "skillset"], "skills"),
    **dict.fromkeys(["certifications", "certification", "certificates", "licenses", "licences"], "certifications"),
    **dict.fromkeys(["credentials", "license", "licensure"], "certifications"),
    **dict.fromkeys(["projects", "project"], "projects"),
    **dict.fromkeys(["languages", "language"], "languages"),
    **dict.fromkeys(["awards", "honors", "honours", "achievements", "accomplishments"], "awards"),
    **dict.fromkeys(["publications", "presentations", "research"], "publications"),
    **dict.fromkeys(["interests", "hobbies", "activities"], "interests"),
    **dict.fromkeys(["references"], "references"),
    **dict.fromkeys(["affiliations", "memberships", "associations"], "affiliations"),
    **dict.fromkeys(["training", "trainings", "courses", "coursework", "workshops"], "training"),
    **dict.fromkeys(["volunteer", "volunteering"], "volunteer"),
    **dict.fromkeys(["links"], "links"),
    **dict.fromkeys(["declaration"], "declaration"),
    **dict.fromkeys(["contact"], "contact"),
}

# Words allowed around a keyword in a heading ("Professional Experience", "Education and Training").
_MODIFIERS = word_set(
    """
    professional work relevant technical core key additional career academic military other computer it
    personal soft and & of my the summary history background details information set areas area executive
    selected recent related industry software tools programming it/technical special qualifications highlights
    undertaken known spoken extra curricular extra-curricular co-curricular major main notable business
    functional domain certificates/licenses certifications/licenses
    """
)
_WORD = re.compile(r"[a-z][a-z/&\-]*")
_STRIP = " \t:-\u2013\u2014|•●▪■➢❖*_=.#>"


def heading_name(line: str) -> str | None:
    """The normalised section name if `line` is a heading, else None."""
    text = line.strip().strip(_STRIP).strip()
    if not text or len(text) > 50 or not (text[0].isupper() or text[0] in "&"):
        return None
    if any(ch.isdigit() for ch in text) or text.count(",") > 0:
        return None
    lowered = re.sub(r"\s+", " ", text.lower())
    if lowered in _PHRASES:
        return _PHRASES[lowered]
    despaced = _despaced(lowered)
    if despaced:
        return despaced
    words = _WORD.findall(lowered)
    if not words or len(words) > 6 or len(" ".join(words)) + 4 < len(lowered):
        return None
    # Title case or capitals: "Technical Skills", "WORK EXPERIENCE"; content lines are rarely all capitalised.
    if not all(w[0].isupper() or w.lower() in {"and", "of", "&", "the"} for w in text.split()):
        return None
    found = None
    for word in words:
        for part in word.split("/"):
            if part in _KEYWORDS:
                found = found or _KEYWORDS[part]
            elif part not in _MODIFIERS:
                return None
    return found


def _despaced(lowered: str) -> str | None:
    # pdftotext sometimes splits a heading's letters: "Lan gu ages".
    squashed = re.sub(r"\s+", "", lowered)
    if squashed.isalpha() and squashed in _KEYWORDS and squashed != lowered:
        return _KEYWORDS[squashed]
    return None


def find_sections(view: str, lines: list[Line] | None = None) -> list[Section]:
    lines = lines if lines is not None else lines_of(view)
    heads = [(line, name) for line in lines if (name := heading_name(line.text))]
    sections: list[Section] = []
    for i, (line, name) in enumerate(heads):
        end = heads[i + 1][0].start if i + 1 < len(heads) else len(view)
        sections.append(Section(name=name, heading=line.text.strip(), start=line.start, end=end))
    return sections


def content_start(view: str, section: Section) -> int:
    nl = view.find("\n", section.start, section.end)
    return section.end if nl < 0 else nl + 1


def section_at(sections: list[Section], offset: int) -> str:
    for section in sections:
        if section.start <= offset < section.end:
            return section.name
    return "header" if not sections or offset < sections[0].start else "other"
