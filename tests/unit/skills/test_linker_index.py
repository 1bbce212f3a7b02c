"""The linker index build reads each ESCO entry's description from the shared data's ESCO file."""

from __future__ import annotations

from pathlib import Path

from talent.skills.taxonomy import Name, NameFlag, Taxonomy, TaxonomyEntry
from talent_tools.skills.linker_index import esco_descriptions

URI = "http://data.europa.eu/esco/skill/0001"


def _entry(skill_id: str, label: str, esco_uri: str | None) -> TaxonomyEntry:
    return TaxonomyEntry(
        id=skill_id, label=label, kind="skill", source="esco" if esco_uri else "onet", hot=False, in_demand=False,
        esco_uri=esco_uri, onet=(), link=None, names=(Name(label, NameFlag(0)),), commodities=(), occupations=(),
    )  # fmt: skip


def test_entries_with_an_esco_uri_get_its_description_and_others_none(tmp_path: Path) -> None:
    folder = tmp_path / "skills" / "esco" / "all"
    folder.mkdir(parents=True)
    (folder / "skills.csv").write_text(
        "id,description\n"
        f'{URI},"work in teams teamwork The ability to work confidently within a group."\n'
        'http://data.europa.eu/esco/skill/0002,"  "\n',
        encoding="utf-8",
    )
    taxonomy = Taxonomy.from_entries(
        [
            _entry(URI, "work in teams", URI),
            _entry("merged", "excel", URI),  # an entry merged with O*NET keeps its ESCO URI
            _entry("esco-blank", "x", "http://data.europa.eu/esco/skill/0002"),  # an empty description: none
            _entry("onet:excel", "Microsoft Excel", None),
        ]
    )
    described = esco_descriptions(taxonomy, tmp_path)
    text = "work in teams teamwork The ability to work confidently within a group."
    assert described == {URI: text, "merged": text}
