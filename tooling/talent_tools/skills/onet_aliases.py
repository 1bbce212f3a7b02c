"""Extra names for an O*NET technology: its acronym, and its name without the vendor or " software".

"Structured query language SQL" -> "SQL", "Structured query language";
"Amazon Web Services AWS software" -> "AWS", "Amazon Web Services";
"The MathWorks MATLAB" -> "MATLAB"; "ESRI ArcGIS software" -> "ESRI ArcGIS", "ArcGIS".
A vendor is stripped only in front of a product name: "Gamma camera software" and "Resume processing
software" keep their first word (the rest starts in lower case), and "EZ Software Solutions" or "LINDO Systems
LINGO" keep it too (the vendor's own name goes on). Whether a derived name is safe to match (not ordinary
words) is decided by the build, not here; `shortened_names` tells it which names lost a vendor or "software".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]*[A-Z0-9]$")
_TRAILERS = frozenset({"software", "system", "systems", "tool", "tools"})
# Words that continue a company's name: what follows the first word is then not the product.
_VENDOR_CONTINUATIONS = frozenset({"software", "systems", "solutions", "technologies", "technology", "group", "inc"})
MULTI_WORD_VENDORS = (
    "Amazon Web Services",
    "Hewlett Packard Enterprise",
    "Hewlett-Packard",
    "Sun Microsystems",
    "Thomson Reuters",
    "Red Hat",
    "Dassault Systemes",
    "The MathWorks",
    "Bentley Systems",
)


def find_vendors(names: Iterable[str], is_common_word: Callable[[str], bool], minimum: int = 3) -> frozenset[str]:
    """First words that prefix several technologies and are not ordinary words (Microsoft, Oracle, IBM...)."""
    counts = Counter(name.split()[0] for name in names if len(name.split()) > 1)
    found = {
        word
        for word, count in counts.items()
        if count >= minimum and word[:1].isupper() and not is_common_word(word.lower()) and len(word) > 1
    }
    return frozenset(found | set(MULTI_WORD_VENDORS))


def _acronym_names(words: list[str]) -> list[str]:
    for i in range(len(words) - 1, 1, -1):
        token = words[i]
        trailing = words[i + 1 :]
        if not _ACRONYM.match(token) or any(w.lower() not in _TRAILERS for w in trailing):
            continue
        if _spells(token, [w[0].upper() for w in words[:i]]):
            return [token, " ".join(words[:i])]
    return []


def _spells(acronym: str, initials: list[str]) -> bool:
    """Most of the acronym's letters are, in order, initials of the words before it (SQL, AWS, EC2, JSON), and
    it spells most of the name (not "AI" for "... Vision Builder for Automated Inspection AI")."""
    letters = [c for c in acronym if c.isalpha()]
    matched, position = 0, 0
    for letter in letters:
        found = initials.index(letter, position) if letter in initials[position:] else -1
        if found >= 0:
            matched += 1
            position = found + 1
    return matched >= 2 and matched >= 0.6 * len(letters) and len(initials) <= 2 * matched


def _without_trailer(words: list[str]) -> list[str]:
    if len(words) > 2 and words[-1].lower() == "software" and words[-2][:1].isupper():
        return [" ".join(words[:-1])]
    return []


def _without_vendor(name: str, vendors: frozenset[str]) -> list[str]:
    for vendor in sorted(vendors, key=len, reverse=True):
        if name.startswith(vendor + " "):
            rest = name[len(vendor) + 1 :].strip()
            first = rest.split()[0] if rest else ""
            product = bool(first) and not (first.isalpha() and first.islower())  # not "camera"; "eTIME", "3ds Max"
            return [rest] if product and first.lower() not in _VENDOR_CONTINUATIONS else []
    return []


def derived_names(name: str, vendors: frozenset[str]) -> list[str]:
    words = name.split()
    bases = [name, *_without_trailer(words)]
    vendorless = [rest for base in bases for rest in _without_vendor(base, vendors)]
    vendorless += [short for rest in vendorless for short in _without_trailer(rest.split())]
    found = [*_acronym_names(words), *bases, *vendorless]
    unique: list[str] = []
    for candidate in found:
        if candidate != name and candidate not in unique:
            unique.append(candidate)
    return unique


def shortened_names(name: str, vendors: frozenset[str]) -> list[str]:
    """The derived names that are the name with its vendor or its "software" left out (not its acronym or the
    words the acronym spells): "Legal Files", "Digital Analytics" from "IBM Digital Analytics"."""
    spelled = set(_acronym_names(name.split()))
    return [derived for derived in derived_names(name, vendors) if derived not in spelled]
