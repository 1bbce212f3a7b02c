"""The build on a tiny copy of the source layout: labels, merging, linking, aliases and their flags."""

from __future__ import annotations

from pathlib import Path

import pytest

from talent.skills.taxonomy import NameFlag, TaxonomyEntry
from talent_tools.skills.build_taxonomy import build

ESCO = "http://data.europa.eu/esco/skill/"
ONET_HEADER = "O*NET-SOC Code\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand\n"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("data")
    write(
        data / "skills/esco/esco_ict_skills.csv",
        "uri,preferredLabel,altLabels,skillType,description\n"
        f"{ESCO}py,Python (computer programming),Python|Python3,knowledge,The techniques of Python.\n"
        f"{ESCO}ss,use spreadsheets software,Microsoft Office Excel|spreadsheet tools,skill,Use software tools.\n",
    )
    write(
        data / "skills/esco/all/skills.csv",
        "id,description\n"
        f'{ESCO}ms,"manage musical staff manage staff of music direct musical staff Assign and manage staff tasks."\n'
        f'{ESCO}py,"Python (computer programming) Python3 The techniques of Python."\n',
    )
    write(
        data / "skills/onet/Technology Skills.txt",
        ONET_HEADER + "15-1252.00\tPython\t1\tObject software\tY\tY\n"
        "15-1211.00\tPython\t1\tObject software\tN\tN\n"
        "43-9061.00\tMicrosoft Office Excel\t2\tSpreadsheet software\tY\tN\n"
        "15-1252.00\tStructured query language SQL\t3\tDatabase software\tY\tN\n",
    )
    write(data / "skills/onet/Task Statements.txt", "a\tb\tManage the staff of a music school.\n")
    write(data / "skills/onet/Occupation Data.txt", "a\tb\tWrites code.\n")
    return data


@pytest.fixture(scope="module")
def entries(layout: Path) -> dict[str, TaxonomyEntry]:
    built, _ = build(layout, common_names={})
    return {e.label: e for e in built}


def test_onet_technology_equal_to_an_esco_label_is_merged(entries: dict[str, TaxonomyEntry]) -> None:
    python = entries["Python (computer programming)"]
    assert python.onet == ("onet:python",) and python.source == "esco+onet" and python.kind == "technology"
    assert python.hot and python.in_demand
    assert python.occupations == ("15-1211.00", "15-1252.00")


def test_onet_technology_equal_to_an_esco_synonym_links_to_the_broader_concept(
    entries: dict[str, TaxonomyEntry],
) -> None:
    excel = entries["Microsoft Office Excel"]
    assert excel.id == "onet:microsoft-office-excel"
    assert excel.esco_uri == f"{ESCO}ss" and excel.link == "alias"


def test_the_technology_keeps_a_shared_name_and_the_other_entry_loses_it(entries: dict[str, TaxonomyEntry]) -> None:
    spreadsheets = entries["use spreadsheets software"]
    shadowed = next(n for n in spreadsheets.names if n.text == "Microsoft Office Excel")
    assert shadowed.flags & NameFlag.NOT_MATCHED


def test_acronym_and_expansion_become_aliases(entries: dict[str, TaxonomyEntry]) -> None:
    assert {"SQL", "Structured query language"} <= set(entries["Structured query language SQL"].aliases)


def test_esco_label_is_recovered_from_the_run_together_description(entries: dict[str, TaxonomyEntry]) -> None:
    staff = entries["manage musical staff"]
    assert staff.source == "esco" and staff.aliases == ()


def test_common_short_names_join_the_entry_they_name(layout: Path) -> None:
    # Given a short name listed under an existing name of an entry
    built, _ = build(layout, common_names={"Microsoft Office Excel": ("MS Excel",)})
    # Then it is a matched name of that entry
    by_label = {e.label: e for e in built}
    names = {n.text: n.flags for n in by_label["use spreadsheets software"].names}
    assert names["MS Excel"] == NameFlag(0)


def test_a_short_name_whose_target_is_gone_fails_the_build(layout: Path) -> None:
    # Given a target a data update renamed / Then the build says which, instead of dropping the names
    with pytest.raises(ValueError, match="Lotus 1-2-3"):
        build(layout, common_names={"Lotus 1-2-3": ("Lotus",)})


def test_a_product_name_of_ordinary_words_is_matched_only_with_its_vendor(layout: Path, tmp_path: Path) -> None:
    # Given a vendor's products, one named in ordinary words, and a widely used one (hot) named the same way
    data = tmp_path / "data"
    for path in layout.rglob("*"):
        if path.is_file():
            write(data / path.relative_to(layout), path.read_text(encoding="utf-8"))
    rows = [f"11-1011.00\tAcme {name}\t9\tSoftware\tN\tN\n" for name in ("Data Pipeline", "Zorbix", "Quuxly")]
    rows.append("15-1252.00\tAcme Visual Studio\t9\tSoftware\tY\tN\n")
    write(data / "skills/onet/Technology Skills.txt", ONET_HEADER + "".join(rows))
    write(data / "skills/onet/Task Statements.txt", "a\tb\tBuild a data pipeline in a visual studio.\n" * 5)
    # When the taxonomy is built
    built, _ = build(data, common_names={})
    names = {(e.label, n.text): n.flags for e in built for n in e.names}
    # Then "data pipeline" in a text is not Acme's product, the full name and a distinctive short name are
    assert names[("Acme Data Pipeline", "Data Pipeline")] & NameFlag.NOT_MATCHED
    assert names[("Acme Data Pipeline", "Acme Data Pipeline")] == NameFlag(0)
    assert names[("Acme Zorbix", "Zorbix")] == NameFlag(0)
    # And the short name a hot technology is known by stays matched
    assert names[("Acme Visual Studio", "Visual Studio")] == NameFlag(0)
