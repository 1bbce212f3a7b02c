"""Test providers name skills their own way: match them to taxonomy labels and aliases, ignoring case."""

from __future__ import annotations

from talent.assessment import lookup_from_aliases, lookup_from_taxonomy
from talent.skills.taxonomy import Name, NameFlag, Taxonomy, TaxonomyEntry


def entry(skill_id: str, label: str, *aliases: str) -> TaxonomyEntry:
    names = tuple(Name(text, NameFlag(0)) for text in (label, *aliases))
    return TaxonomyEntry(
        id=skill_id,
        label=label,
        kind="technology",
        source="test",
        hot=False,
        in_demand=False,
        esco_uri=None,
        onet=(),
        link=None,
        names=names,
        commodities=(),
        occupations=(),
    )


def test_an_alias_in_another_case_finds_its_entry() -> None:
    # Given a taxonomy entry with an alias / When a provider name differs only in case / Then the entry is found
    lookup = lookup_from_taxonomy(Taxonomy.from_entries([entry("t:py", "Python", "Python 3")]))
    assert lookup("  python 3 ") == "t:py"


def test_a_label_wins_over_another_entrys_alias() -> None:
    # Given "Go" as one entry's label and another entry's alias / When looked up / Then the label's entry wins
    lookup = lookup_from_taxonomy(Taxonomy.from_entries([entry("t:game", "Game of Go", "Go"), entry("t:go", "Go")]))
    assert lookup("GO") == "t:go"


def test_an_unknown_name_finds_nothing() -> None:
    # Given a name in neither labels nor aliases / When looked up / Then there is no entry
    assert lookup_from_aliases({"SQL": "t:sql"})("Cobol") is None
