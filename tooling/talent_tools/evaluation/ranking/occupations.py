"""Job titles to O*NET-SOC occupations through O*NET's human-made title lists, and relevance by the SOC tree.

`OccupationIndex.load(onet_dir).match(title)` gives an O*NET-SOC code (`29-1141.00`) or None. An exact match
of the normalised title comes first: the occupation's own title (singular), the reported titles and the
alternate titles, each parenthesised expansion a title of its own. When a normalised title is claimed by
several occupations, the sources vote (occupation title > reported title shown in My Next Move > reported >
alternate); a tie between occupations of different broad groups is no match rather than a guess.

The fallback is conservative: cut what follows the title (" - ...", " job in ...", "(...)"), drop seniority
words (senior, junior, lead, II, ...), and match again; then the longest ending of at least two words that is
an occupation's title or a title shown in My Next Move ("payroll staff accountant" → "staff accountant"). A
fallback claims no specialty (xx-xxxx.NN folds into xx-xxxx.00). A title of generic and vague words only
("manager", "vice president", "program manager") is never a match: it says too little.

Measured 2026-12 on ../shared/data (the resume's headline, then its latest titles): 1,415 of 1,966 livecareer
resumes map (254 of the 361 held-out), 978 exactly; 405 of 1,000 US postings and 338 of 1,250 Google postings.
Spot-checks of 30 random resume and 30 random posting mappings, read by hand: 25/30 and 27/30 right at the
occupation or minor-group level (wrong: "Systems Engineer" → microsystems engineers, "Operations Supervisor" →
industrial production managers, "Developer Advocate" → urban planners, "Interaction Designer" → special
effects artists: each is a title O*NET itself files there).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

How = Literal["exact", "stripped", "suffix"]

_WEIGHTS = {"occupation": 8.0, "shown": 4.0, "reported": 2.0, "alternate": 1.0, "occupation part": 0.5}
_ABBREVIATIONS = {
    "sr": "senior",
    "jr": "junior",
    "mgr": "manager",
    "asst": "assistant",
    "rep": "representative",
    "tech": "technician",
    "engr": "engineer",
    "acct": "accountant",
    "dept": "department",
    "&": "and",
}


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SENIORITY = _words(
    "senior junior lead principal chief head entry level trainee intern apprentice i ii iii iv v vi 1 2 3 4 5"
)
_GENERIC = _words(
    "owner director manager consultant president vice supervisor assistant specialist analyst associate coordinator "
    "administrator executive officer partner founder intern volunteer student employee worker staff member leader "
    "advisor agent representative technician engineer professional contractor freelancer"
)
"""One of these alone, or two ("vice president"), names no occupation, whatever an alternate title says
("Owner" is an alternate title of urologists)."""
_VAGUE = _words(
    "program project operations product technical development business communications quality strategy "
    "partner account shift team field area regional global"
)
"""With generic words only, these make no match: spot-checks sent "Program Manager" to media programming
directors and "Operations Specialist, ..." to airfield operations specialists."""
_CUT = re.compile(r"\s+(?:-|\u2013|\u2014|\||:|at|in|for|job in|jobs in|job)\s+.*$|\s*[,(\[/].*$", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"^\s*(?:company name\s*)?city\s*,\s*state\b\s*", re.IGNORECASE)
"""The livecareer resumes replace places with "City , State", which the parser may leave before a title."""
_TOKEN = re.compile(r"[a-z0-9][a-z0-9+#]*|&")
_KEEP_S = ("ss", "us", "is", "ics", "ous")


def _singular(word: str) -> str:
    if len(word) <= 3 or word.endswith(_KEEP_S):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


def normalise(title: str) -> str:
    """Lower case, words only, common abbreviations spelled out, every word singular ("Registered Nurses" →
    "registered nurse"): the same function on both sides, so the index and the query agree."""
    words = [_ABBREVIATIONS.get(w, w) for w in _TOKEN.findall(title.lower().replace("_", " "))]
    return " ".join(_singular(w) for w in " ".join(words).split())


def _expansions(title: str) -> list[str]:
    """ "ER RN (Emergency Room Registered Nurse)" is two titles: the short form and the spelled-out one."""
    inner = re.findall(r"\(([^)]*)\)", title)
    outer = re.sub(r"\([^)]*\)", " ", title)
    return [t for t in (outer, *inner) if t.strip()]


def broad(code: str) -> str:
    return code[:6]


def relevance(a: str, b: str) -> int:
    """4 same occupation (xx-xxxx.xx), 3 same broad group (xx-xxx), 2 same minor group (xx-xx), 1 same major
    group (xx), 0 otherwise: the SOC hierarchy read from the code."""
    if a == b:
        return 4
    for grade, width in ((3, 6), (2, 5), (1, 2)):
        if a[:width] == b[:width]:
            return grade
    return 0


@dataclass(frozen=True)
class Match:
    code: str
    how: How
    matched: str
    """The normalised title that matched (after cutting and dropping words for a fallback)."""


class OccupationIndex:
    def __init__(
        self, votes: dict[str, dict[str, float]], strongest: dict[str, dict[str, float]], names: dict[str, str]
    ):
        """`votes`: normalised title → code → summed source weights; `strongest`: the same with the weight of the
        strongest single source that named the code."""
        self.names = names
        """O*NET-SOC code → the occupation's title."""
        self._codes: dict[str, str] = {}
        self._reported: set[str] = set()
        for title, counts in votes.items():
            code = _winner(counts)
            if code is None:
                continue
            strength = strongest[title][code]
            # A specialty (xx-xxxx.NN) reached through alternate titles only is folded into its occupation:
            # "Business Development Director" is an alternate title of wind energy development managers.
            parent = code[:8] + "00"
            if not code.endswith(".00") and strength < _WEIGHTS["reported"] and parent in names:
                code = parent
            self._codes[title] = code
            # A fallback ending must be an occupation's title or one shown to job seekers: alternate titles
            # alone ("field supervisor" → farm labor contractors) sent too many endings astray.
            if strength >= _WEIGHTS["shown"]:
                self._reported.add(title)

    @classmethod
    def load(cls, onet_dir: Path) -> OccupationIndex:
        votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        strongest: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))

        def add(code: str, title: str, source: str) -> None:
            for expansion in _expansions(title):
                key = normalise(expansion)
                if key:
                    votes[key][code] += _WEIGHTS[source]
                    strongest[key][code] = max(strongest[key][code], _WEIGHTS[source])

        names = {}
        for row in _rows(onet_dir / "Occupation Data.txt"):
            code, title = row["O*NET-SOC Code"], row["Title"]
            names[code] = title
            add(code, title, "occupation")
            # "Accountants and Auditors": each named job is a title too, but weaker than any listed one.
            parts = [p for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", title) if p and not p.startswith("All Other")]
            for part in parts if len(parts) > 1 else []:
                add(code, part, "occupation part")
        for row in _rows(onet_dir / "Sample of Reported Titles.txt"):
            source = "shown" if row["Shown in My Next Move"] == "Y" else "reported"
            add(row["O*NET-SOC Code"], row["Reported Job Title"], source)
        for row in _rows(onet_dir / "Alternate Titles.txt"):
            add(row["O*NET-SOC Code"], row["Alternate Title"], "alternate")
            if row["Short Title"] != "n/a":
                add(row["O*NET-SOC Code"], row["Short Title"], "alternate")
        return cls(votes, strongest, names)

    def __len__(self) -> int:
        return len(self._codes)

    def match(self, title: str | None) -> str | None:
        found = self.explain(title)
        return found.code if found else None

    def first(self, titles: Sequence[str]) -> Match | None:
        """The first title that maps, in the order given: for a resume, its headline then its latest titles
        (`talent.features.scoring_text.recent_titles`)."""
        return next((found for title in titles if (found := self.explain(title))), None)

    def explain(self, title: str | None) -> Match | None:
        title = _PLACEHOLDER.sub("", title or "")
        if not title.strip():
            return None
        key = normalise(title)
        if _generic(key, _GENERIC | _VAGUE):
            return None
        if key in self._codes:
            return Match(self._codes[key], "exact", key)
        words = [w for w in normalise(_CUT.sub("", title)).split() if w not in _SENIORITY]
        stripped = " ".join(words)
        if _generic(stripped, _GENERIC | _VAGUE):
            return None
        if stripped in self._codes:
            return Match(self._occupation(self._codes[stripped]), "stripped", stripped)
        for start in range(1, len(words) - 1):
            ending = " ".join(words[start:])
            if ending in self._reported and not _generic(ending, _GENERIC | _VAGUE):
                return Match(self._occupation(self._codes[ending]), "suffix", ending)
        return None

    def _occupation(self, code: str) -> str:
        """A fallback knows less than the whole title, so it claims no specialty: "Nurse" is a registered
        nurse (29-1141.00), not the critical care nurse (29-1141.03) whose reported titles include "Nurse"."""
        parent = code[:8] + "00"
        return parent if parent in self.names else code


def _generic(key: str, words: frozenset[str] = _GENERIC) -> bool:
    return all(word in words for word in key.split())


def _winner(counts: dict[str, float]) -> str | None:
    best = max(counts.values())
    tied = sorted(code for code, weight in counts.items() if weight == best)
    if len({broad(code) for code in tied}) > 1:
        return None
    return tied[0]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
