"""Evidence for an ambiguous alias: a list of skills, a skills section, a known technology next to it."""

from __future__ import annotations

import re

_SEPARATORS = ",;|•·▪●◦/\t"
_LEFT_OK = re.compile(r"^\s*(?:and|or|&|[-*•·▪●◦>]|\d+[.)])?\s*$", re.IGNORECASE)
_RIGHT_OK = re.compile(r"^\s*(?:v?\d[\w.]*|\([^)]{0,30}\)|and\b.*|or\b.*)?\s*$", re.IGNORECASE)
_GAP = re.compile(r"^[\s,;/|&()+:•·-]*(?:and|or|with|&)?[\s,;/|&()+:•·-]*$", re.IGNORECASE)
_MAX_GAP = 12
_SKILL_HEADING = re.compile(
    r"^\W*(?:(?:technical|key|core|computer|it|software|professional|relevant|additional)\s+)*"
    r"(?:skills?|skill set|skills summary|technologies|technical proficienc(?:y|ies)|proficienc(?:y|ies)|tools"
    r"|programming languages|languages and tools|competenc(?:y|ies)|expertise|tech stack|stack)\b[^.\n]{0,80}$",
    re.IGNORECASE,
)
_OTHER_HEADING = re.compile(
    r"^\W*(?:(?:professional|work|relevant)\s+)?(?:experience|employment|work history|education|projects?"
    r"|summary|profile|objective|certifications?|awards|publications|references|interests|accomplishments)\W*$",
    re.IGNORECASE,
)
_MAX_LINES_BACK = 40


def line_bounds(text: str, index: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", index)
    return start, len(text) if end < 0 else end


def is_list_item(text: str, start: int, end: int) -> bool:
    """The alias is a whole item of a separated list on its line ("Python, R, SQL"; "• Go (golang)")."""
    line_start, line_end = line_bounds(text, start)
    left = text[line_start:start]
    cut = max(left.rfind(c) for c in _SEPARATORS + ":(")
    if not _LEFT_OK.match(left[cut + 1 :]):
        return False
    right = text[end:line_end]
    cuts = [i for i in (right.find(c) for c in _SEPARATORS) if i >= 0]
    return bool(_RIGHT_OK.match(right[: min(cuts)] if cuts else right))


def separators_on_line(text: str, index: int) -> int:
    line_start, line_end = line_bounds(text, index)
    return sum(text.count(c, line_start, line_end) for c in _SEPARATORS)


def in_skills_section(text: str, index: int) -> bool:
    """A skills heading above (or starting this line) before any other heading."""
    line_start, line_end = line_bounds(text, index)
    for _ in range(_MAX_LINES_BACK):
        line = text[line_start:line_end].strip()
        head = line.split(":", 1)[0] if ":" in line else line
        if line and (_SKILL_HEADING.match(head) and len(head.split()) <= 5):
            return True
        if line and _OTHER_HEADING.match(line):
            return False
        if line_start == 0:
            return False
        line_end = line_start - 1
        line_start = text.rfind("\n", 0, line_end) + 1
    return False


def gap_is_separator(text: str, start: int, end: int) -> bool:
    return 0 <= end - start <= _MAX_GAP and bool(_GAP.match(text[start:end]))


def sentence_initial(text: str, index: int) -> bool:
    before = text[:index].rstrip()
    return not before or before[-1] in ".!?:\n•*-"
