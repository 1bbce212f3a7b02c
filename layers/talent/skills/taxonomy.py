"""The compiled skill taxonomy: entries from ESCO and O*NET, loaded once at cold start from a checked artifact.

The artifact (`models/skills/taxonomy.json.gz`, built by `python -m talent_tools.skills.build_taxonomy`) is gzip'd
JSON with one row per entry; each entry's names carry matcher flags decided at build time. A sidecar
`<artifact>.sha256` records the checksum; `Taxonomy.load` refuses an artifact that does not match it.
Rows stay as parsed and become `TaxonomyEntry` objects only when asked for, which keeps cold start short.
"""

from __future__ import annotations

import enum
import gzip
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from talent.data_paths import MODELS_DIR
from talent.skills.mentions import SkillKind

FORMAT = "talent.skills.taxonomy/1"
DEFAULT_PATH = MODELS_DIR / "skills" / "taxonomy.json.gz"
ENTRY_FIELDS = (
    "id",
    "label",
    "kind",
    "source",
    "hot",
    "in_demand",
    "esco_uri",
    "onet",
    "link",
    "names",
    "commodities",
    "occupations",
)
_LIST_SEPARATOR = "|"


class NameFlag(enum.IntFlag):
    """How the matcher treats one name of an entry (bits stored in the artifact)."""

    CASE_SENSITIVE = 1
    NEEDS_EVIDENCE = 2
    GENERIC = 4
    NOT_MATCHED = 8


class TaxonomyError(RuntimeError):
    """The taxonomy artifact cannot be used; the message says what to do."""


class TaxonomyChecksumMismatch(TaxonomyError):
    pass


@dataclass(frozen=True, slots=True)
class Name:
    text: str
    flags: NameFlag


@dataclass(frozen=True, slots=True)
class TaxonomyEntry:
    id: str
    label: str
    kind: SkillKind
    source: str
    hot: bool
    in_demand: bool
    esco_uri: str | None
    onet: tuple[str, ...]
    link: str | None
    names: tuple[Name, ...]
    commodities: tuple[str, ...]
    occupations: tuple[str, ...]

    @property
    def aliases(self) -> tuple[str, ...]:
        return tuple(n.text for n in self.names[1:])


def _split(joined: str) -> tuple[str, ...]:
    return tuple(joined.split(_LIST_SEPARATOR)) if joined else ()


def _entry(row: list[Any]) -> TaxonomyEntry:
    (id_, label, kind, source, hot, in_demand, esco_uri, onet, link, names, commodities, occupations) = row
    return TaxonomyEntry(
        id=id_,
        label=label,
        kind=kind,
        source=source,
        hot=bool(hot),
        in_demand=bool(in_demand),
        esco_uri=esco_uri,
        onet=_split(onet),
        link=link,
        names=tuple(Name(text, NameFlag(flags)) for text, flags in names),
        commodities=_split(commodities),
        occupations=_split(occupations),
    )


def _row(e: TaxonomyEntry) -> list[Any]:
    names = [[n.text, int(n.flags)] for n in e.names]
    join = _LIST_SEPARATOR.join
    return [e.id, e.label, e.kind, e.source, int(e.hot), int(e.in_demand), e.esco_uri, join(e.onet), e.link, names,
            join(e.commodities), join(e.occupations)]  # fmt: skip


class Taxonomy:
    def __init__(self, rows: list[list[Any]], metadata: dict[str, Any] | None = None) -> None:
        self._rows = rows
        self._cache: dict[int, TaxonomyEntry] = {}
        self._index = {row[0]: i for i, row in enumerate(rows)}
        self.metadata = metadata or {}

    @classmethod
    def from_entries(cls, entries: list[TaxonomyEntry], metadata: dict[str, Any] | None = None) -> Taxonomy:
        return cls([_row(e) for e in entries], metadata)

    def __len__(self) -> int:
        return len(self._rows)

    def entry(self, index: int) -> TaxonomyEntry:
        found = self._cache.get(index)
        if found is None:
            found = self._cache[index] = _entry(self._rows[index])
        return found

    def get(self, skill_id: str) -> TaxonomyEntry | None:
        index = self._index.get(skill_id)
        return None if index is None else self.entry(index)

    @property
    def entries(self) -> list[TaxonomyEntry]:
        return [self.entry(i) for i in range(len(self._rows))]

    def names(self) -> Iterator[tuple[int, str, int]]:
        """(entry index, name, flags) of every name, without building entries."""
        for index, row in enumerate(self._rows):
            for text, flags in row[9]:
                yield index, text, flags

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH, *, sha256: str | None = None) -> Taxonomy:
        """Load and verify an artifact against `sha256` (default: the recorded `<path>.sha256`)."""
        path = Path(path)
        if not path.is_file():
            raise TaxonomyError(
                f"taxonomy artifact {path} not found: build it with python -m talent_tools.skills.build_taxonomy"
            )
        raw = path.read_bytes()
        expected = sha256 or read_recorded_checksum(path)
        actual = hashlib.sha256(raw).hexdigest()
        if actual != expected:
            raise TaxonomyChecksumMismatch(
                f"taxonomy artifact {path} has sha256 {actual}, expected {expected}: "
                "it is corrupt or from another build; rebuild it or restore the recorded one"
            )
        try:
            document = json.loads(gzip.decompress(raw))
        except (OSError, EOFError, ValueError) as exc:
            raise TaxonomyError(f"taxonomy artifact {path} is not gzip'd JSON: rebuild it") from exc
        if document.get("format") != FORMAT or document.get("fields") != list(ENTRY_FIELDS):
            raise TaxonomyError(f"taxonomy artifact {path} has format {document.get('format')!r}, expected {FORMAT}")
        rows = document.pop("entries")
        return cls(rows, document)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def checksum_path(artifact: Path) -> Path:
    return artifact.with_name(artifact.name + ".sha256")


def read_recorded_checksum(artifact: Path) -> str:
    sidecar = checksum_path(artifact)
    if not sidecar.is_file():
        raise TaxonomyError(
            f"no recorded checksum {sidecar}: rebuild with python -m talent_tools.skills.build_taxonomy"
        )
    return sidecar.read_text(encoding="utf-8").split()[0]


def dump_artifact(entries: list[TaxonomyEntry], metadata: dict[str, Any], out: Path) -> str:
    """Write the artifact deterministically (sorted keys, gzip mtime 0) and its sidecar; return the sha256."""
    document = {"format": FORMAT, "fields": list(ENTRY_FIELDS), **metadata, "entries": [_row(e) for e in entries]}
    payload = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    digest = sha256_of(out)
    checksum_path(out).write_text(f"{digest}  {out.name}\n", encoding="utf-8")
    return digest
