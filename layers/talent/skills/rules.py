"""Context rules for short or ambiguous aliases ("C", "R", "Go", "Excel" the verb, "Swift" the adjective).

An alias with a rule counts only with evidence: a disambiguating neighbour (`confirm_before` /
`confirm_after`), a list of other skills or a skills section around it (`list_ok`), or another known
technology right next to it (`adjacent_ok`). A veto pattern ("C-suite", "vitamin C", "excel at") rejects
it whatever the evidence. `forms` are the accepted spellings, compared case-sensitively ("Go", not "go").
Patterns look at the original text: `*_before` must match the end of the text before the alias,
`*_after` the start of the text after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_I = re.IGNORECASE


def _before(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{pattern})\s*$", _I)


def _after(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*(?:{pattern})", _I)


@dataclass(frozen=True)
class ContextRule:
    forms: frozenset[str]
    confirm_before: re.Pattern[str] | None = None
    confirm_after: re.Pattern[str] | None = None
    veto_before: re.Pattern[str] | None = None
    veto_after: re.Pattern[str] | None = None
    list_ok: bool = True
    adjacent_ok: bool = True
    evidence_required: bool = True


_GRADE = r"grade|grades|graded|class|type|schedule|part|section|building|room|level|block|unit|plan|category|tier"
_LANGUAGE_WORDS = r"programming|language|lang|developer|development|code|coding|compiler"

RULES: dict[str, ContextRule] = {
    "c": ContextRule(
        forms=frozenset({"C"}),
        confirm_before=_before(
            r"ansi|embedded|(?:programming|written|coded|developed) in|c\+\+\s*(?:/|,|and|&)|c#\s*,"
        ),
        confirm_after=_after(rf"(?:{_LANGUAGE_WORDS}|99|11|17|89)\b|/\s*c\+\+|,\s*c\+\+|(?:and|&)\s*c\+\+"),
        veto_before=_before(rf"vitamin|hepatitis|{_GRADE}|°|\d|\bmr\.?|\bms\.?|\bdr\.?"),
        veto_after=re.compile(
            r"^(?:[-\s]*(?:suite|level|levels|section|corp|corporation|class|license|licence|grade|average|cell)s?\b"
            r"|\.\s?v\b|\.\s?[A-Z]\.|\.\s+[A-Z][a-z]|-\w)",
            _I,
        ),
    ),
    "r": ContextRule(
        forms=frozenset({"R"}),
        confirm_before=_before(
            r"(?:programming|coding|analysis|analytics|statistics|modell?ing|written|coded) (?:in|with|using)"
            r"|(?:languages?|tools?) (?:like|such as|including)"
        ),
        confirm_after=_after(
            rf"(?:{_LANGUAGE_WORDS}|studio|shiny|markdown|packages?|scripts?|ggplot2?|tidyverse|cran)\b"
        ),
        veto_before=_before(rf"{_GRADE}|\bmr\.?|\bms\.?|\bdr\.?|&"),
        veto_after=re.compile(r"^(?:\s*&|\.\s?[A-Z]|\.\s+[A-Z][a-z]|-\w|'s\b|\.?\s?\d)", _I),
    ),
    "go": ContextRule(
        forms=frozenset({"Go"}),
        confirm_before=_before(r"golang\s*[,/(]?|(?:written|programming|developed|coded) in"),
        confirm_after=_after(rf"\(golang\)|/\s*golang|(?:{_LANGUAGE_WORDS}|modules?|routines?|microservices?)\b"),
        veto_after=re.compile(r"^(?:-|\s+(?:to|live|green|ahead|back|for|out|through|over|home|beyond|get)\b)", _I),
    ),
    "d": ContextRule(
        forms=frozenset({"D"}),
        confirm_after=_after(r"(?:programming )?language\b"),
        veto_before=_before(rf"vitamin|{_GRADE}|&|\bph\.?|\d"),
        veto_after=re.compile(r"^(?:\.|-\w|')", _I),
        list_ok=False,
    ),
    "j": ContextRule(
        forms=frozenset({"J"}),
        confirm_after=_after(r"(?:programming )?language\b"),
        veto_after=re.compile(r"^(?:\.|-\w|')", _I),
        list_ok=False,
        adjacent_ok=False,
    ),
    "make": ContextRule(
        forms=frozenset({"Make", "make"}),
        confirm_before=_before(r"gnu"),
        confirm_after=_after(r"\(build|files?\b"),
        veto_after=_after(r"sure|it|a|an|the|decisions?|recommendations?|changes?|progress|use|up|certain"),
    ),
    "excel": ContextRule(
        forms=frozenset({"Excel", "EXCEL", "excel"}),
        confirm_before=_before(
            r"\bms|microsoft|advanced|proficient (?:in|with)|proficiency (?:in|with)|knowledge of|skilled in"
            r"|experience (?:in|with)|using|\bin"
        ),
        confirm_after=_after(
            r"(?:spreadsheets?|workbooks?|macros?|vba|formulas?|functions|pivot|vlookup|charts?|dashboards?"
            r"|sheets?|models?|files?|reports?|20\d\d|365)\b"
        ),
        veto_before=_before(r"\bto|\bwill|\bi|\bwe|\bthey|\byou|\bcan|\bstrive to|\bwho|\bcontinue to"),
        veto_after=_after(r"(?:at|in|as|when|under|within)\b"),
    ),
    "swift": ContextRule(
        forms=frozenset({"Swift"}),
        confirm_before=_before(r"objective-c\s*(?:/|,|and|&)|\bios\s*[/,(]?|apple"),
        confirm_after=_after(rf"(?:{_LANGUAGE_WORDS}|ui|/\s*objective-c)\b"),
        veto_after=_after(r"(?:response|action|resolution|delivery|turnaround|service|payment|and accurate)\b"),
    ),
    "rust": ContextRule(
        forms=frozenset({"Rust"}),
        confirm_after=_after(rf"(?:{_LANGUAGE_WORDS})\b"),
        veto_after=_after(r"(?:removal|prevention|proofing|inhibitors?|belt)\b"),
    ),
    "spark": ContextRule(
        forms=frozenset({"Spark"}),
        confirm_before=_before(r"apache|databricks\s*[,/]?|hadoop\s*[,/]?"),
        confirm_after=_after(r"(?:sql|streaming|jobs?|clusters?|mllib|rdd|dataframes?)\b|[,/]\s*hadoop"),
        veto_after=_after(r"(?:plugs?|interest|creativity|joy|conversations?|ideas?|change|innovation|growth)\b"),
    ),
    "access": ContextRule(
        forms=frozenset({"Access"}),
        confirm_before=_before(r"\bms|microsoft"),
        confirm_after=_after(r"(?:databases?|db|queries|forms|reports|vba|macros?|20\d\d)\b"),
        veto_after=_after(r"(?:to|control|controls|points?|rights|levels?|cards?|management)\b"),
    ),
    "word": ContextRule(
        forms=frozenset({"Word"}),
        confirm_before=_before(r"\bms|microsoft"),
        confirm_after=_after(r"(?:documents?|processing|templates?|mail merge|macros?|20\d\d|365)\b"),
        veto_after=_after(r"of\b"),
    ),
    "java": ContextRule(forms=frozenset({"Java", "JAVA"}), evidence_required=False),
    # The company is an employer, not a skill: "Oracle Corporation", "worked at Oracle".
    "oracle": ContextRule(
        forms=frozenset({"Oracle", "ORACLE"}),
        veto_after=_after(r"(?:corporation|corp|financial services|india|america)\b"),
        evidence_required=False,
    ),
    "sap": ContextRule(
        forms=frozenset({"SAP"}),
        veto_after=_after(r"(?:labs|se|ag|america|india)\b"),
        evidence_required=False,
    ),
    "shell": ContextRule(
        forms=frozenset({"Shell", "shell"}),
        confirm_before=_before(r"unix|linux|bash|korn|bourne|\bz|power|secure"),
        confirm_after=_after(r"(?:script(?:s|ing)?|programming|commands?)\b"),
        veto_before=_before(r"royal dutch"),
        veto_after=_after(r"(?:oil|gas|plc|station|energy|petroleum|eggs?)\b"),
    ),
    "chef": ContextRule(
        forms=frozenset({"Chef"}),
        confirm_after=_after(r"(?:cookbooks?|infra|automate|server|solo)\b|[/,]\s*puppet"),
        veto_before=_before(r"head|sous|pastry|executive|line|private|personal|master|junior|senior|as an?|as"),
        veto_after=_after(r"(?:de|partie|cook|kitchen|assistant)\b"),
    ),
    "puppet": ContextRule(
        forms=frozenset({"Puppet"}),
        veto_after=_after(r"(?:show|shows|theat\w*|master|government|regime)\b"),
    ),
    "express": ContextRule(
        forms=frozenset({"Express", "Express.js"}),
        confirm_before=_before(r"node(?:\.js|js)?\s*(?:/|,|and|&|\+)?"),
        confirm_after=_after(r"(?:\.js|js|framework)\b"),
        veto_before=_before(r"american|fedex|federal|internet|ups|united parcel"),
        veto_after=_after(r"(?:mail|delivery|shipping|lane|entry|train|service|checkout|care|scripts?)\b"),
    ),
    "ruby": ContextRule(
        forms=frozenset({"Ruby"}),
        confirm_after=_after(rf"(?:on rails|{_LANGUAGE_WORDS}|gems?)\b"),
    ),
}


def default_rule(surface: str) -> ContextRule:
    """An ambiguous alias without its own entry: as spelt in the source (or upper case), with evidence."""
    return ContextRule(forms=frozenset({surface, surface.upper()}))
