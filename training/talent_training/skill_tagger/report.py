"""SkillSpan dev tables for alias / tagger / combined, and the linker's threshold curve.

`python -m talent_training.skill_tagger.report --taxonomy models/skills/taxonomy.json.gz` (after `make models`).
Uses the skills owner's `talent_tools.skills.evaluate.evaluate_skillspan`, so the numbers match theirs.

Threshold curve: the tagger spans that the combined extractor sends to the linker (those overlapping no alias
mention) are linked at every threshold; for each we report the share linked and the exact-span precision of the
linked spans against SkillSpan gold. A second, silver check of the linked *ids*: tagger spans that overlap an
alias mention but differ from it in surface are linked, and we count how often the linker agrees with the alias
matcher's taxonomy id.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from talent.encoder import Encoder
from talent.skills.extract import SkillExtractor
from talent.skills.full_extractor import TaggerOnly
from talent.skills.linker import EmbeddingLinker, index_path
from talent.skills.mentions import SkillMention
from talent.skills.tagger import OnnxSkillTagger
from talent.skills.taxonomy import DEFAULT_PATH, Taxonomy
from talent_tools.skills.evaluate import evaluate_skillspan, format_table
from talent_tools.skills.skillspan import load_split

THRESHOLDS = (0.0, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


class TaggerFirst:
    """An alternative combination, for comparison only: the tagger's span boundaries win on overlap (the alias
    mention only lends its id), and alias mentions the tagger missed are added."""

    def __init__(self, taxonomy: Taxonomy, tagger: OnnxSkillTagger) -> None:
        self.alias, self.tagger = SkillExtractor(taxonomy), TaggerOnly(tagger)

    def find(self, text: str) -> list[SkillMention]:
        tagged = self.tagger.find(text)
        found = []
        for span in tagged:
            hits = [m for m in self.alias.find(text) if m.start < span.end and span.start < m.end]
            found.append(span.model_copy(update={"skill_id": hits[0].skill_id, "extractor": "both"}) if hits else span)
        alone = [m for m in self.alias.find(text) if not any(m.start < t.end and t.start < m.end for t in tagged)]
        return sorted(found + alone, key=lambda m: (m.start, m.end))


def threshold_curve(taxonomy: Taxonomy, tagger: OnnxSkillTagger, linker: EmbeddingLinker) -> list[dict[str, Any]]:
    alias = SkillExtractor(taxonomy)
    unmatched: list[tuple[str, bool]] = []  # (surface, exactly a gold span?)
    silver: list[tuple[str, set[str]]] = []  # (surface, ids of the alias mentions it overlaps)
    for sentence in load_split("dev-eval"):
        mentions = alias.find(sentence.text)
        gold = {(a, b) for a, b, _ in sentence.gold}
        for span in tagger.spans(sentence.text):
            surface = sentence.text[span.start : span.end]
            hits = [m for m in mentions if m.start < span.end and span.start < m.end]
            if not hits:
                touched = [i for i, (s, e) in enumerate(sentence.offsets) if s < span.end and span.start < e]
                unmatched.append((surface, (touched[0], touched[-1] + 1) in gold if touched else False))
            elif all(m.text != surface for m in hits):
                silver.append((surface, {m.skill_id for m in hits if m.skill_id}))
    _, unmatched_sims = linker.nearest([s for s, _ in unmatched])
    silver_ids, silver_sims = linker.nearest([s for s, _ in silver])
    curve = []
    for t in THRESHOLDS:
        linked = [ok for (_, ok), sim in zip(unmatched, unmatched_sims, strict=True) if sim >= t]
        agree = [sid in ids for (_, ids), sid, sim in zip(silver, silver_ids, silver_sims, strict=True) if sim >= t]
        curve.append(
            {
                "threshold": t,
                "linked_share": round(len(linked) / max(len(unmatched), 1), 3),
                "linked_span_precision": round(sum(linked) / max(len(linked), 1), 3),
                "silver_linked_share": round(len(agree) / max(len(silver), 1), 3),
                "silver_id_agreement": round(sum(agree) / max(len(agree), 1), 3),
            }
        )
    return [{"spans_to_link": len(unmatched), "silver_spans": len(silver)}, *curve]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--taxonomy", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--encoder", type=Path, default=Path("models/encoder"))
    parser.add_argument("--tagger", type=Path, default=Path("models/skill_tagger"))
    parser.add_argument("--threshold", type=float, default=None, help="link threshold (default: the linker's)")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args(argv)
    taxonomy = Taxonomy.load(args.taxonomy)
    tagger = OnnxSkillTagger.load(args.tagger)
    linker = EmbeddingLinker.load(index_path(args.taxonomy), Encoder.load(args.encoder))
    threshold = linker.threshold if args.threshold is None else args.threshold
    combined = SkillExtractor(taxonomy, tagger, linker=linker, link_threshold=threshold)
    results = {
        "alias": evaluate_skillspan(SkillExtractor(taxonomy)),
        "tagger": evaluate_skillspan(TaggerOnly(tagger)),
        "combined": evaluate_skillspan(combined),
        "tag-first": evaluate_skillspan(TaggerFirst(taxonomy, tagger)),
    }
    curve = threshold_curve(taxonomy, tagger, linker)
    sys.stdout.write(format_table(results) + "\n\nlink threshold curve (SkillSpan dev)\n")
    sys.stdout.write("".join(json.dumps(row) + "\n" for row in curve))
    if args.json:
        args.json.write_text(json.dumps({"tables": results, "curve": curve, "threshold": threshold}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
