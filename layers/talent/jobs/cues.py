"""Cue phrases: which headings open a required or preferred section, and which words in a clause set its level.

A clause's own cue wins over its section's heading when the cue is strong ("is a plus" inside "Requirements",
"required" inside "Nice to have"); weak cues ("you have", "at least") only label clauses that no heading covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from talent.jobs.models import RequirementLevel

SectionKind = Literal["required", "preferred", "description", "ignored"]

_TOPIC = (
    r"(?:qualifications?|requirements?|skills?|criteria|experience|competenc(?:y|ies)|attributes|knowledge|abilities"
    r"|education|training|certifications?|licen[sc]es?)"
)
_PREFERRED_HEADINGS = [
    rf"(?:preferred|desired|desirable|additional|bonus|nice[- ]to[- ]have|good[- ]to[- ]have)(?: {_TOPIC})?"
    rf"(?: (?:and|&) {_TOPIC})?",
    r"(?:nice|good)[- ]to[- ]haves?",
    r"bonus points?(?: if you(?: have)?)?",
    r"pluses|extra credit|it(?:'s| is| would be) (?:a plus|great|nice|a bonus) if you(?: have| also have)?",
    r"ideally(?:,)?(?: you(?:'ll| will)?(?: also)? (?:have|bring|be))?",
    r"(?:what|things that) (?:would|will|could) make you stand out|you(?:'ll| will)? stand out if you(?: have)?",
    r"even better if you(?: have)?|we(?:'d| would) love (?:it )?if you(?: have)?|preferred",
]
_REQUIRED_HEADINGS = [
    r"required|must|mandatory|essential",
    rf"(?:(?:minimum|basic|required|essential|mandatory|key|core|job|position|role|must[- ]have|technical|your"
    rf"|general|professional|specific|special|candidate|applicant|qualification|educational) ){{0,2}}"
    rf"{_TOPIC}(?:(?:,? | ?/ ?|,? (?:and|&) ){_TOPIC})*(?: required)?",
    r"education(?: (?:and|&) (?:experience|qualifications|training))?|experience (?:and|&) education",
    r"knowledge,? skills,? (?:and|&) abilities|must[- ]haves?|essentials",
    r"what you(?:'ll| will)? (?:need|bring)(?: to (?:succeed|the (?:table|team|role)))?|what you (?:should|must) have",
    r"what you(?:'ll| will)? need (?:for|in) this (?:position|role|job)|what (?:we need|is required)",
    r"what (?:we(?:'re| are)|we're) looking for|who you are|about you|you have|you(?:'ll| will)? (?:have|bring|need)",
    r"your (?:profile|background|skills|qualifications|experience)|the ideal candidate(?: will have| has)?",
    r"(?:to be successful|to succeed) in this role(?:,)?(?: you(?:'ll| will)? (?:have|need))?",
]
_DESCRIPTION_HEADINGS = [
    r"(?:(?:key|main|primary|your|job|core|essential|major|general|principal|specific|daily|position|role) ){0,2}"
    r"(?:responsibilities|duties|functions|tasks)"
    r"(?: (?:and|&) (?:responsibilities|duties|functions))?",
    r"(?:job |role |position )?(?:description|summary|overview|purpose)",
    r"what you(?:'ll| will) (?:do|be doing|work on)|the (?:role|job|opportunity|position)|in this role(?: you will)?",
    r"about (?:the|this) (?:role|job|position|opportunity)|(?:a )?day in the life|your (?:role|mission|impact)",
]
_IGNORED_HEADINGS = [
    r"about (?:us|the company|the team|our company|our team|[\w&.-]+)|who we are|why (?:join us|work (?:here|with us))",
    r"(?:our |the )?benefits(?: (?:and|&) perks)?|perks(?: (?:and|&) benefits)?|what we offer|we offer",
    r"compensation(?: (?:and|&) benefits)?|equal (?:employment )?opportunity(?: employer)?|eeo(?: statement)?",
    r"how to apply|our (?:culture|mission|values|story|company)|company (?:description|overview)",
    r"additional information|physical (?:demands|requirements)|work environment",
]
_SUFFIX = r"(?: (?:include|includes|are|is|needed|we(?:'re| are) looking for))?(?: \([^)]*\))?"


def _compile(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?:{'|'.join(patterns)}){_SUFFIX}")


_HEADINGS: list[tuple[SectionKind, re.Pattern[str]]] = [
    ("preferred", _compile(_PREFERRED_HEADINGS)),
    ("required", _compile(_REQUIRED_HEADINGS)),
    ("description", _compile(_DESCRIPTION_HEADINGS)),
    ("ignored", _compile(_IGNORED_HEADINGS)),
]
MAX_HEADING_WORDS = 9


def normalise_heading(text: str) -> str:
    text = text.replace("\u2019", "'").casefold()
    text = re.sub(r"^[\W\d_]+", "", text)
    text = re.sub(r"[\s:\-\u2013\u2014.]+$", "", text)
    return re.sub(r"\s+", " ", text)


def classify_heading(text: str) -> SectionKind | None:
    """The section a heading opens, or None when the text is not a heading we know."""
    normalised = normalise_heading(text)
    if not normalised or len(normalised.split()) > MAX_HEADING_WORDS:
        return None
    for kind, pattern in _HEADINGS:
        if pattern.fullmatch(normalised):
            return kind
    return None


@dataclass(frozen=True)
class Cue:
    level: RequirementLevel
    phrase: str
    strong: bool
    start: int = 0


_PREFERRED_CUES = re.compile(
    r"\b(?:nice|good)[- ]to[- ]haves?\b|\ba (?:big |huge |definite |strong |major |real |great )?(?:plus|bonus)\b"
    r"|(?<![-\w])plus\s*(?=[.!;)]|$)|^\W*(?:plus|bonus)\b|\bpluses\b|\bbonus points?\b|\bpreferred\b|\bpreferabl[ey]\b"
    r"|\bpreference (?:will be |is )?given\b|\bideally\b|\bdesir(?:ed|able)\b(?! (?:outcomes?|results?|state)\b)"
    r"|\b(?:an?|distinct|definite|big|added) advantage\b|\badvantageous\b|\b(?:is|are|be) (?:beneficial|helpful)\b"
    r"|\bnot (?:required|mandatory|essential|necessary)\b|\boptional\b|\ban asset\b|\bextra credit\b"
    r"|\bwould be (?:great|nice|good|useful|ideal)\b",
    re.IGNORECASE,
)
_REQUIRED_STRONG = re.compile(
    r"(?<!not )(?<!if )(?<!as )(?<!when )\brequired\b|\bmust\b|\bmandatory\b|\bnon[- ]negotiable\b"
    r"|\b(?:minimum|basic) qualifications?\b|\bmust[- ]haves?\b",
    re.IGNORECASE,
)
_REQUIRED_WEAK = re.compile(
    r"\byou (?:have|bring|possess|will have|'ll have|should have|need)\b|\bminimum\b|\bat least\b"
    r"|\bneed(?:ed)?\b|\bnecessary\b|(?<!not )\bessential\b",
    re.IGNORECASE,
)


_CUE_ORDER: list[tuple[re.Pattern[str], RequirementLevel, bool]] = [
    (_PREFERRED_CUES, "preferred", True),
    (_REQUIRED_STRONG, "required", True),
    (_REQUIRED_WEAK, "required", False),
]


def find_cues(clause: str, offset: int = 0) -> list[Cue]:
    """Every cue phrase in one clause, positions counted from `offset`; a phrase inside a stronger one is skipped
    ("required" inside "not required")."""
    cues: list[Cue] = []
    taken: list[tuple[int, int]] = []
    for pattern, level, strong in _CUE_ORDER:
        for found in pattern.finditer(clause):
            if any(found.start() < end and start < found.end() for start, end in taken):
                continue
            taken.append((found.start(), found.end()))
            phrase = found.group(0)
            start = offset + found.start() + len(phrase) - len(phrase.lstrip())
            cues.append(Cue(level=level, phrase=phrase.strip(), strong=strong, start=start))
    return sorted(cues, key=lambda cue: cue.start)


def find_cue(clause: str, offset: int = 0) -> Cue | None:
    """The strongest cue in one clause: a preferred cue, then a strong required one, then a weak one."""
    cues = find_cues(clause, offset)
    for strong, level in ((True, "preferred"), (True, "required"), (False, "required")):
        found = next((c for c in cues if c.strong == strong and c.level == level), None)
        if found is not None:
            return found
    return None


MAX_LIST_ITEM_WORDS = 8
MAX_SENTENCE_WORDS = 40


def _carried(strong: list[Cue | None], blocks: list[bool]) -> list[Cue | None]:
    """For each clause, the strong cue of the nearest earlier clause, unless a blocking clause lies between."""
    carried: list[Cue | None] = []
    carry: Cue | None = None
    for cue, blocking in zip(strong, blocks, strict=True):
        carried.append(carry)
        carry = cue if cue is not None else None if blocking else carry
    return carried


def spread_cues(cues: list[list[Cue]], words: list[int]) -> list[Cue | None]:
    """The strong cue each clause inherits from its neighbours, for clauses without a strong cue of their own.

    "Must have Python, Java, Go" gives "Java" and "Go" the cue of the clause before them (even over a weak cue:
    "Ideally, an understanding of X, i.e. need to..."). "Python, Java and Go are required" gives the leading
    "Python" the cue of the clause after it, but only when "Python" has no cue at all, since a trailing
    "preferably in chemicals" qualifies rather than relabels "Minimum of 5 years of experience". In a run-on
    sentence (over 40 words: a paragraph that lost its punctuation) only short clauses, list items, inherit, and
    a cue never crosses a long clause, so one "is a plus" cannot label the whole paragraph.
    """
    run_on = sum(words) > MAX_SENTENCE_WORDS
    long = [run_on and count > MAX_LIST_ITEM_WORDS for count in words]
    before = _carried([next((c for c in reversed(own) if c.strong), None) for own in cues], long)
    first = [next((c for c in own if c.strong), None) for own in cues]
    after = _carried(first[::-1], long[::-1])[::-1]
    inherited: list[Cue | None] = []
    for index, own in enumerate(cues):
        cue: Cue | None = None
        if first[index] is None and not long[index]:
            cue = before[index] or (after[index] if not own else None)
        inherited.append(cue)
    return inherited
