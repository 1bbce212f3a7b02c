"""Compile ESCO + O*NET into the taxonomy artifact: `python -m talent_tools.skills.build_taxonomy --out PATH`.

Linking: an O*NET technology whose name (or its name without the vendor) equals an ESCO preferred label
after normalisation is merged into that ESCO entry (one entry, both ids, link "merged", kind technology);
one whose name equals an ESCO synonym stays its own entry with `esco_uri` pointing at the broader ESCO
concept (link "alias"). When several entries claim the same normalised name, one keeps it for matching:
a technology before a general skill, hot before not, a preferred label before a synonym, the one more
occupations use, then by id.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from talent.data_paths import shared_data_dir
from talent.skills.mentions import SkillKind
from talent.skills.normalise import normalise_alias, slug
from talent.skills.rules import RULES
from talent.skills.taxonomy import DEFAULT_PATH, Name, NameFlag, TaxonomyEntry, dump_artifact
from talent_tools.skills.common_names import COMMON_NAMES
from talent_tools.skills.esco_labels import LabelSplitter
from talent_tools.skills.name_flags import Vocabulary, flag_name
from talent_tools.skills.onet_aliases import derived_names, find_vendors, shortened_names
from talent_tools.skills.sources import (
    ESCO_ALL,
    ESCO_ICT,
    ONET_RUNNING_TEXT,
    ONET_TECHNOLOGY,
    OnetTechnology,
    read_esco_all,
    read_esco_ict,
    read_onet_technology,
    read_running_text,
)

ATTRIBUTION = (
    "ESCO classification, European Commission (reuse with attribution); "
    "O*NET 29.2 Database by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA), CC BY 4.0"
)


_WIDELY_USED = 10


@dataclass
class Draft:
    id: str
    label: str
    kind: SkillKind
    source: str
    esco_uri: str | None = None
    hot: bool = False
    in_demand: bool = False
    onet: list[str] = field(default_factory=list)
    link: str | None = None
    names: list[str] = field(default_factory=list)
    derived: set[str] = field(default_factory=set)
    shortened: set[str] = field(default_factory=set)
    inferred_label: bool = False
    commodities: set[str] = field(default_factory=set)
    occupations: set[str] = field(default_factory=set)


def _esco_drafts(data_dir: Path, splitter: LabelSplitter) -> list[Draft]:
    ict = {s.uri: s for s in read_esco_ict(data_dir)}
    drafts: dict[str, Draft] = {}
    for row in read_esco_all(data_dir):
        if row.uri in ict:
            continue
        split = splitter.split(row.description)
        kind: SkillKind = "skill" if split.verb_phrase else "knowledge"
        drafts[row.uri] = Draft(
            row.uri, split.label, kind, "esco", esco_uri=row.uri, names=[split.label], inferred_label=True
        )
    for uri, skill in ict.items():
        kind = "skill" if skill.skill_type == "skill" else "knowledge"
        if kind == "knowledge" and skill.label[:1].isupper():
            kind = "technology"
        names = [skill.label, *(a for a in skill.alt_labels if a != skill.label)]
        drafts[uri] = Draft(uri, skill.label, kind, "esco", esco_uri=uri, names=names)
    return [drafts[uri] for uri in sorted(drafts)]


def _merge_target(keys: list[str], by_label: dict[str, Draft], vocabulary: Vocabulary) -> Draft | None:
    """The ESCO entry an O*NET technology is: its full name equals the label (an ordinary word like "Chef" only
    when the ESCO entry is a technology too); a name without vendor only when not ambiguous ("Spark")."""
    full, *derived = keys
    esco = by_label.get(full)
    if esco is not None and (esco.kind == "technology" or not vocabulary.is_common(full)):
        return esco
    for key in derived:
        ambiguous = key in RULES and RULES[key].evidence_required
        if key in by_label and not ambiguous and not vocabulary.is_common(key):
            return by_label[key]
    return None


def _widely_used(tech: OnetTechnology) -> bool:
    """A hot technology, or one that at least `_WIDELY_USED` O*NET occupations use."""
    return tech.hot or len(tech.occupations) >= _WIDELY_USED


def _link_onet(data_dir: Path, esco: list[Draft], vocabulary: Vocabulary) -> list[Draft]:
    technologies = read_onet_technology(data_dir)
    vendors = find_vendors((t.name for t in technologies), vocabulary.is_common)
    by_label: dict[str, Draft] = {}
    by_alias: dict[str, Draft] = {}
    for draft in esco:
        by_label.setdefault(normalise_alias(draft.label), draft)
        if draft.label.endswith(")") and " (" in draft.label:
            by_label.setdefault(normalise_alias(draft.label.rsplit(" (", 1)[0]), draft)
        for alias in draft.names[1:]:
            by_alias.setdefault(normalise_alias(alias), draft)
    onet_drafts: list[Draft] = []
    used_ids: set[str] = set()
    for tech in technologies:
        extra = derived_names(tech.name, vendors)
        onet_id = f"onet:{slug(tech.name)}"
        while onet_id in used_ids:
            onet_id += "-2"
        used_ids.add(onet_id)
        keys = [normalise_alias(n) for n in [tech.name, *extra]]
        target = _merge_target(keys, by_label, vocabulary)
        if target is None:
            broader = by_alias.get(keys[0])
            target = Draft(onet_id, tech.name, "technology", "onet", names=[tech.name])
            if broader is not None:
                target.esco_uri, target.link = broader.id, "alias"
            onet_drafts.append(target)
        else:
            target.kind, target.source, target.link = "technology", "esco+onet", "merged"
            target.names.append(tech.name)
        target.onet.append(onet_id)
        target.hot = target.hot or tech.hot
        target.in_demand = target.in_demand or tech.in_demand
        known = {normalise_alias(name) for name in target.names}  # an ESCO name stays matched as it was
        if not _widely_used(tech):  # "Visual Studio", "Crystal Reports": the short name is the usual one
            target.shortened.update(n for n in shortened_names(tech.name, vendors) if normalise_alias(n) not in known)
        target.names.extend(extra)
        target.derived.update(extra)
        target.commodities |= tech.commodities
        target.occupations |= tech.occupations
    return esco + onet_drafts


def _add_common_names(drafts: list[Draft], common_names: dict[str, tuple[str, ...]]) -> None:
    """Attach each target's short names to the entry that has the target name (see `common_names`)."""
    by_name: dict[str, Draft] = {}
    for draft in drafts:
        for name in draft.names:
            by_name.setdefault(normalise_alias(name), draft)
    missing = [target for target in common_names if normalise_alias(target) not in by_name]
    if missing:
        raise ValueError(f"common_names targets not in the taxonomy (renamed by a data update?): {missing}")
    for target, names in common_names.items():
        by_name[normalise_alias(target)].names.extend(names)


def _owner_rank(draft: Draft, name: str, name_index: int) -> tuple[bool, bool, bool, int, str]:
    """Lowest wins. Among equals, a short acronym goes to the technology more occupations use ("CMS": web
    content management systems in 6 O*NET occupations before career management systems in 2)."""
    acronym = name.isupper() and len(name) <= 5
    used_by = -len(draft.occupations) if acronym else 0
    return (draft.kind != "technology", not draft.hot, name_index != 0, used_by, draft.id)


def _finalise(drafts: list[Draft], vocabulary: Vocabulary) -> list[TaxonomyEntry]:
    flagged: list[list[Name]] = []
    owners: dict[str, tuple[tuple[bool, bool, bool, int, str], int, int]] = {}
    for d_index, draft in enumerate(drafts):
        names: list[Name] = []
        seen: set[str] = set()
        for text in draft.names:
            key = normalise_alias(text)
            if key in seen:
                continue
            seen.add(key)
            flags = flag_name(
                text,
                technology=draft.kind == "technology",
                vocabulary=vocabulary,
                derived=text in draft.derived,
                shortened=text in draft.shortened,
                inferred_label=draft.inferred_label and text == draft.label,
            )
            if not flags & NameFlag.NOT_MATCHED:
                rank = _owner_rank(draft, text, len(names))
                if key not in owners or rank < owners[key][0]:
                    owners[key] = (rank, d_index, len(names))
            names.append(Name(text, flags))
        flagged.append(names)
    entries: list[TaxonomyEntry] = []
    for d_index, (draft, names) in enumerate(zip(drafts, flagged, strict=True)):
        final = [
            n
            if n.flags & NameFlag.NOT_MATCHED or owners[normalise_alias(n.text)][1:] == (d_index, i)
            else replace(n, flags=n.flags | NameFlag.NOT_MATCHED)
            for i, n in enumerate(names)
        ]
        entries.append(
            TaxonomyEntry(
                id=draft.id,
                label=draft.label,
                kind=draft.kind,
                source=draft.source,
                hot=draft.hot,
                in_demand=draft.in_demand,
                esco_uri=draft.esco_uri,
                onet=tuple(draft.onet),
                link=draft.link,
                names=tuple(final),
                commodities=tuple(sorted(draft.commodities)),
                occupations=tuple(sorted(draft.occupations)),
            )
        )
    return entries


def build(
    data_dir: Path, common_names: dict[str, tuple[str, ...]] = COMMON_NAMES
) -> tuple[list[TaxonomyEntry], dict[str, Any]]:
    descriptions = [row.description for row in read_esco_all(data_dir)]
    running = list(read_running_text(data_dir))
    splitter = LabelSplitter(descriptions, running)
    vocabulary = Vocabulary([*descriptions, *running])
    drafts = _link_onet(data_dir, _esco_drafts(data_dir, splitter), vocabulary)
    _add_common_names(drafts, common_names)
    entries = _finalise(drafts, vocabulary)
    inputs = [ESCO_ICT, ESCO_ALL, ONET_TECHNOLOGY, *ONET_RUNNING_TEXT]
    metadata = {
        "attribution": ATTRIBUTION,
        "inputs": {str(p): hashlib.sha256((data_dir / p).read_bytes()).hexdigest() for p in inputs},
        "counts": {source: sum(e.source == source for e in entries) for source in ("esco", "onet", "esco+onet")},
    }
    return entries, metadata


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--data-dir", type=Path, default=None, help="default: talent.data_paths.shared_data_dir()")
    args = parser.parse_args(argv)
    entries, metadata = build(args.data_dir or shared_data_dir())
    digest = dump_artifact(entries, metadata, args.out)
    size = args.out.stat().st_size
    sys.stdout.write(f"{args.out}: {len(entries)} entries, {size} bytes, sha256 {digest}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
