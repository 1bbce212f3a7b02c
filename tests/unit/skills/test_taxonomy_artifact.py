"""The taxonomy artifact: verified on load, refused when it does not match, rebuilt deterministically."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from talent.skills.taxonomy import (
    DEFAULT_PATH,
    Name,
    NameFlag,
    Taxonomy,
    TaxonomyChecksumMismatch,
    TaxonomyEntry,
    TaxonomyError,
    checksum_path,
    dump_artifact,
    sha256_of,
)

README = DEFAULT_PATH.parent / "README.md"


def entry(skill_id: str = "onet:git", label: str = "Git") -> TaxonomyEntry:
    return TaxonomyEntry(skill_id, label, "technology", "onet", True, False, None, ("onet:git",), None,
                         (Name(label, NameFlag(0)), Name("git scm", NameFlag.GENERIC)), ("Version control",),
                         ("15-1252.00",))  # fmt: skip


def test_committed_artifact_matches_the_checksum_recorded_in_readme() -> None:
    # Given the committed artifact, its sidecar and the README / Then all three agree
    recorded = re.search(r"sha256 `([0-9a-f]{64})`", README.read_text(encoding="utf-8"))
    assert recorded is not None
    assert recorded.group(1) == checksum_path(DEFAULT_PATH).read_text().split()[0] == sha256_of(DEFAULT_PATH)


def test_dump_then_load_round_trips_entries(tmp_path: Path) -> None:
    out = tmp_path / "t.json.gz"
    dump_artifact([entry()], {"inputs": {}}, out)
    loaded = Taxonomy.load(out)
    assert loaded.get("onet:git") == entry()
    assert loaded.get("onet:git").aliases == ("git scm",)  # type: ignore[union-attr]
    assert loaded.metadata["inputs"] == {}


def test_dump_is_deterministic(tmp_path: Path) -> None:
    assert dump_artifact([entry()], {}, tmp_path / "a.json.gz") == dump_artifact([entry()], {}, tmp_path / "b.json.gz")


def test_artifact_that_does_not_match_its_checksum_is_refused(tmp_path: Path) -> None:
    # Given an artifact whose bytes changed after the checksum was recorded
    out = tmp_path / "t.json.gz"
    dump_artifact([entry()], {}, out)
    dump_artifact([entry("onet:svn", "SVN")], {}, tmp_path / "other.json.gz")
    shutil.copy(tmp_path / "other.json.gz", out)
    # When loaded / Then it is refused with a message naming both checksums and the fix
    with pytest.raises(TaxonomyChecksumMismatch, match=r"expected .*rebuild"):
        Taxonomy.load(out)


def test_explicit_checksum_overrides_the_sidecar(tmp_path: Path) -> None:
    out = tmp_path / "t.json.gz"
    dump_artifact([entry()], {}, out)
    with pytest.raises(TaxonomyChecksumMismatch):
        Taxonomy.load(out, sha256="0" * 64)


def test_missing_artifact_or_sidecar_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError, match="build_taxonomy"):
        Taxonomy.load(tmp_path / "absent.json.gz")
    out = tmp_path / "t.json.gz"
    dump_artifact([entry()], {}, out)
    checksum_path(out).unlink()
    with pytest.raises(TaxonomyError, match="no recorded checksum"):
        Taxonomy.load(out)


def test_artifact_that_is_not_gzip_json_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "t.json.gz"
    out.write_bytes(b"not gzip")
    with pytest.raises(TaxonomyError, match="not gzip'd JSON"):
        Taxonomy.load(out, sha256=sha256_of(out))


def test_committed_taxonomy_links_esco_and_onet(taxonomy: Taxonomy) -> None:
    # Given O*NET "Python" and ESCO "Python (computer programming)" / Then they are one entry with both ids
    python = next(e for e in taxonomy.entries if e.label == "Python (computer programming)")
    assert python.source == "esco+onet" and python.link == "merged"
    assert python.onet == ("onet:python",) and python.hot
    assert python.esco_uri == python.id
