"""Build-time decision of how the matcher may use each name: freely, case-sensitively, with evidence, or not.

Ordinary English words are learned from running text (ESCO definitions, O*NET tasks); tech names that are
also ordinary words but rare in that text ("Slack", "Hack", "Chef") are listed by hand, among them the ones
postings and resumes showed as false skills ("from scratch", "a continuum of care", "persuasion and
negotiation", "flex schedule", "back and forth", "mobile apps", "a 30 miles radius", "viz."), and products
named by an ordinary phrase ("front desk").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from talent.skills.normalise import normalise_alias
from talent.skills.rules import RULES
from talent.skills.taxonomy import NameFlag
from talent_tools.skills.stopwords import STOPWORDS

_COMMON_TECH_WORD_LIST = """
    absorb access ada alice ant apps atom basic blender blogger box brackets chef chrome colleague com compass
    continuum crystal curl dart diameter dig docs eclipse edge elm excel express flask flex forth go hack hive
    ids io jade julia lockbox logo make maya mercury middleware notes office opera outlook paint penultimate
    persuasion photos pig pod presenter project puppet radius ruby rust safari scratch shell sketch slack
    spark spring swift teams turing unity vim viz windows word workspace zoom
"""
COMMON_TECH_WORDS = frozenset(_COMMON_TECH_WORD_LIST.split())
# Products named by an ordinary phrase: "maintained the front desk", "as a restaurant manager"; the product only
# as written and with evidence beside it.
ORDINARY_PHRASE_NAMES = frozenset({"client system", "front desk", "pro forma", "restaurant manager", "site manager"})
SAFE_ACRONYMS = frozenset({"AI", "ML", "BI", "UX", "UI", "QA", "C#", "F#"})
# Consumer services O*NET lists as technologies: in a posting they are mostly where to apply or follow the
# company ("follow us on Facebook"), a skill only among other tools ("Facebook, Instagram, Hootsuite").
_CONSUMER_SERVICE_LIST = """
    bing facebook google instagram linkedin pinterest skype snapchat tiktok twitter whatsapp youtube
"""
CONSUMER_SERVICES = frozenset(_CONSUMER_SERVICE_LIST.split())
# A name that ends in one of these was cut from a longer phrase ("code of", "adhere to", "establish an");
# two words ending in a particle are a bare phrasal verb ("set up"). Neither is a skill on its own.
_DANGLING_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with"]
)
_PARTICLES = frozenset(["up", "out", "off", "down"])
_ARTICLES = ("a ", "an ", "the ")
# Acronyms split from product names that mostly mean something else in a posting or resume: salary "DOE"
# (depending on experience), the Affordable Care Act, the PMP certification, an applicant tracking system,
# the Centers for Medicare & Medicaid Services, "ACE" and "SMARTS" as words. Matched only with evidence.
AMBIGUOUS_ACRONYMS = frozenset({"ACA", "ACE", "ATS", "CMS", "DOE", "PMP", "SMARTS"})
_TOO_GENERIC_LIST = (
    "technology technologies information management development research business service services knowledge "
    "work experience skills training quality support data"
)
TOO_GENERIC = frozenset(_TOO_GENERIC_LIST.split())
_WORD = re.compile(r"[A-Za-z][A-Za-z+#'-]*")
_MIN_LOWER_COUNT = 5
# A one-word label split from a description is kept only when it names a field ("statistics", "geology",
# "marketing"); other single ordinary words there ("write", "network") are mostly truncated labels.
_DISCIPLINE = re.compile(r"(?:ics|ogy|ism|istry|ery|ing)$")


class Vocabulary:
    """How often each word appears in lower case in ordinary text."""

    def __init__(self, texts: Iterable[str]) -> None:
        self._lower: Counter[str] = Counter()
        self._other: Counter[str] = Counter()
        for text in texts:
            for word in _WORD.findall(text):
                if word.islower():
                    self._lower[word] += 1
                else:
                    self._other[word.lower()] += 1

    def is_common(self, word: str) -> bool:
        """An ordinary word: often written in lower case, and at least a third of the time ("Microsoft" is not)."""
        key = word.lower()
        lower = self._lower[key]
        return key in COMMON_TECH_WORDS or (lower >= _MIN_LOWER_COUNT and 2 * lower >= self._other[key])


def _cut_phrase(text: str) -> bool:
    """ "a computer", "the hardware industry", "code of", "set up": an article in front or a dangling last word
    (capitalised product names such as "The Financial Edge" or "Imagine That Extend OR" are not cut phrases)."""
    if text.endswith(","):  # "hardware,", "organise information,": an ESCO label cut at a comma
        return True
    words = text.split()
    bare_phrasal_verb = len(words) == 2 and words[-1] in _PARTICLES  # not "home alarm system set up"
    return len(words) > 1 and (text.startswith(_ARTICLES) or words[-1] in _DANGLING_WORDS or bare_phrasal_verb)


def _ordinary_words(key: str, vocabulary: Vocabulary) -> bool:
    """Every word ordinary ("point of sale"); a number or a tool's name makes a name ("Fusion 360", "Windows
    Mobile")."""
    ordinary = [vocabulary.is_common(w) and w not in COMMON_TECH_WORDS for w in _WORD.findall(key)]
    return not any(c.isdigit() for c in key) and all(ordinary)


def flag_name(
    text: str,
    *,
    technology: bool,
    vocabulary: Vocabulary,
    derived: bool = False,
    shortened: bool = False,
    inferred_label: bool = False,
) -> NameFlag:
    """`derived`: a name made from another (vendor stripped, or the acronym in it); `shortened`: a derived name
    that is the product's name without its vendor or "software" ("Digital Analytics" of IBM's, "Legal Files"):
    made only of ordinary words, it is not matched (the full name still is), since in a resume or a posting
    those words mostly say what they say ("point of sale", "data pipeline"), not the product;
    `inferred_label`: split from an ESCO description."""
    key = normalise_alias(text)
    if not key or key in STOPWORDS or not any(c.isalpha() for c in key):
        return NameFlag.NOT_MATCHED
    rule = RULES.get(key)
    if rule is not None:
        return NameFlag.CASE_SENSITIVE | (NameFlag.NEEDS_EVIDENCE if rule.evidence_required else NameFlag(0))
    if _cut_phrase(text):
        return NameFlag.NOT_MATCHED
    if (technology and key in CONSUMER_SERVICES) or (derived and text in AMBIGUOUS_ACRONYMS):
        return NameFlag.CASE_SENSITIVE | NameFlag.NEEDS_EVIDENCE
    if len(key) <= 2:
        if text in SAFE_ACRONYMS:
            return NameFlag.CASE_SENSITIVE
        acronym = text.isupper() and len(text) == 2
        return NameFlag.CASE_SENSITIVE | NameFlag.NEEDS_EVIDENCE if acronym else NameFlag.NOT_MATCHED
    if technology and key in ORDINARY_PHRASE_NAMES:
        return NameFlag.CASE_SENSITIVE | NameFlag.NEEDS_EVIDENCE
    if " " in key:
        return NameFlag.NOT_MATCHED if shortened and _ordinary_words(key, vocabulary) else NameFlag(0)
    if key in TOO_GENERIC and not technology:
        return NameFlag.NOT_MATCHED
    if not vocabulary.is_common(key):
        return NameFlag(0)
    if derived and key not in COMMON_TECH_WORDS:
        return NameFlag.NOT_MATCHED
    if text[:1].isupper() or technology:  # "Slack", "FIRST", "Hack": the tool only with evidence
        return NameFlag.CASE_SENSITIVE | NameFlag.NEEDS_EVIDENCE
    if inferred_label and not _DISCIPLINE.search(key):
        return NameFlag.NOT_MATCHED
    return NameFlag.GENERIC
