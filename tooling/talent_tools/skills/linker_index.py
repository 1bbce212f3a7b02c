"""Build the linker's index beside the taxonomy: `python -m talent_tools.skills.linker_index` (run by `make models`).

Every name the matcher may use is embedded alone by the served encoder (`talent.skills.linker.build_index`), and
each ESCO entry's description (`skills/esco/all/skills.csv`: label, synonyms and definition run together) is
embedded by the same model reading its first `DESCRIPTION_TOKENS` tokens. An O*NET technology has a description
only when the taxonomy ties it to an ESCO skill (`esco_uri`); the others are ranked by their names alone.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from talent.data_paths import shared_data_dir
from talent.encoder import Encoder
from talent.encoder.artifact import sha256_file
from talent.skills.linker import DESCRIPTION_TOKENS, build_index, index_path, product_ids, taxonomy_names
from talent.skills.taxonomy import DEFAULT_PATH, Taxonomy
from talent_tools.skills.sources import read_esco_all


def esco_descriptions(taxonomy: Taxonomy, data_dir: Path) -> dict[str, str]:
    """Taxonomy id -> the ESCO description of its entry, for every entry that has an ESCO URI."""
    by_uri = {row.uri: row.description for row in read_esco_all(data_dir)}
    return {e.id: by_uri[e.esco_uri] for e in taxonomy.entries if e.esco_uri and by_uri.get(e.esco_uri, "").strip()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Embed the taxonomy's names and ESCO descriptions for the linker")
    parser.add_argument("--taxonomy", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--encoder", type=Path, default=Path("models/encoder"))
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder (default: ../shared/data)")
    parser.add_argument("--out", type=Path, default=None, help="default: beside the taxonomy")
    args = parser.parse_args(argv)
    taxonomy = Taxonomy.load(args.taxonomy)
    descriptions = esco_descriptions(taxonomy, args.data or shared_data_dir())
    pairs = taxonomy_names(taxonomy)
    out = build_index(
        Encoder.load(args.encoder),
        pairs,
        args.out or index_path(args.taxonomy),
        sha256_file(args.taxonomy),
        product_ids(taxonomy),
        descriptions=descriptions,
        description_encoder=Encoder.load(args.encoder, max_length=DESCRIPTION_TOKENS),
    )
    sys.stdout.write(
        f"{out}: {len(pairs)} names and {len(descriptions)} descriptions of {len(taxonomy)} entries, "
        f"{out.stat().st_size} bytes\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
