"""Match a test provider's skill name to the taxonomy: by label first, then by alias, ignoring case."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Protocol

from talent.assessment.proficiency import TaxonomyLookup


class _Name(Protocol):
    @property
    def text(self) -> str: ...


class _Entry(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def names(self) -> tuple[_Name, ...]: ...


class _Taxonomy(Protocol):
    @property
    def entries(self) -> Sequence[_Entry]: ...


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def lookup_from_aliases(aliases: Mapping[str, str]) -> TaxonomyLookup:
    """A lookup over `{label or alias: skill_id}`, ignoring case and spacing."""
    folded = {_fold(name): skill_id for name, skill_id in aliases.items()}
    return lambda name: folded.get(_fold(name))


def lookup_from_taxonomy(taxonomy: _Taxonomy) -> TaxonomyLookup:
    """A lookup over a `talent.skills.taxonomy.Taxonomy`; a label wins over another entry's identical alias."""
    entries: Iterable[_Entry] = taxonomy.entries
    folded: dict[str, str] = {}
    for entry in entries:
        folded.setdefault(_fold(entry.label), entry.id)
    for entry in entries:
        for name in entry.names:
            folded.setdefault(_fold(name.text), entry.id)
    return lambda name: folded.get(_fold(name))


def lazy_lookup_from_taxonomy(taxonomy: _Taxonomy) -> TaxonomyLookup:
    """`lookup_from_taxonomy`, built on first use: only assessment results need it, and building it costs
    ~0.2 s of a cold start that most screenings (no assessment yet) never repay."""
    built: list[TaxonomyLookup] = []

    def lookup(name: str) -> str | None:
        if not built:
            built.append(lookup_from_taxonomy(taxonomy))
        return built[0](name)

    return lookup
