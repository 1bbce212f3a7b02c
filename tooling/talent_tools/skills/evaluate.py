"""Span-level evaluation on SkillSpan: `python -m talent_tools.skills.evaluate [--split dev]`.

Each extractor's mentions become token spans (the tokens their characters touch). Rows: "skill" (mentions
of kind skill vs gold skill spans), "knowledge" (kinds knowledge and technology vs gold knowledge spans)
and "combined" (every mention, kind or not, vs gold spans of either type). "exact": same first and last
token; "overlap": at least one token shared. Precision counts matched predictions, recall matched gold.
Extractors: the alias matcher, the tagger alone and the served combination (what job postings are read with,
`for_postings`). The word-by-word decoding the tagger's row was once read against
(`talent.skills.tagger.decode_word_by_word`) is in docs/parsing.md's history rows; it left this run to keep CI's
evaluation step short.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from talent.skills.extract import MentionFinder, SkillExtractor, SpanLike, SpanTagger
from talent.skills.mentions import SkillMention
from talent_tools.progress import tracked
from talent_tools.skills.skillspan import SPLITS, Sentence, SpanType, load_split

ROWS = ("skill", "knowledge", "combined")
_KIND_TO_TYPE = {"skill": "skill", "knowledge": "knowledge", "technology": "knowledge"}
TokenSpan = tuple[int, int, SpanType | None]


def token_span(mention: SkillMention, offsets: tuple[tuple[int, int], ...]) -> TokenSpan | None:
    touched = [i for i, (s, e) in enumerate(offsets) if s < mention.end and mention.start < e]
    if not touched:
        return None
    return touched[0], touched[-1] + 1, _KIND_TO_TYPE.get(mention.kind or "")


def _prf(matched_pred: int, predicted: int, matched_gold: int, gold: int) -> dict[str, float | int]:
    precision = matched_pred / predicted if predicted else 0.0
    recall = matched_gold / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "predicted": predicted, "gold": gold}


def _match(a: tuple[int, int], b: tuple[int, int], exact: bool) -> bool:
    return a == b if exact else a[0] < b[1] and b[0] < a[1]


def _score(
    pairs: list[tuple[list[TokenSpan], frozenset[tuple[int, int, SpanType]]]], row: str, exact: bool
) -> dict[str, float | int]:
    counts = [0, 0, 0, 0]
    for predicted, gold in pairs:
        preds = [(s, e) for s, e, t in predicted if row == "combined" or t == row]
        golds = [(s, e) for s, e, t in gold if row == "combined" or t == row]
        counts[0] += sum(any(_match(p, g, exact) for g in golds) for p in preds)
        counts[1] += len(preds)
        counts[2] += sum(any(_match(p, g, exact) for p in preds) for g in golds)
        counts[3] += len(golds)
    return _prf(*counts)


def evaluate_sentences(extractor: MentionFinder, sentences: list[Sentence]) -> dict[str, Any]:
    pairs = []
    for sentence in tracked(sentences, "SkillSpan sentences", every=500):
        spans = {token_span(m, sentence.offsets) for m in extractor.find(sentence.text)}
        pairs.append(([s for s in spans if s is not None], sentence.gold))
    rows = {row: {"exact": _score(pairs, row, True), "overlap": _score(pairs, row, False)} for row in ROWS}
    return {"sentences": len(sentences), "rows": rows}


def evaluate_skillspan(
    extractor: MentionFinder, split: str = "dev-eval", data_dir: Path | None = None
) -> dict[str, Any]:
    result = evaluate_sentences(extractor, load_split(split, data_dir))
    return {"split": split, **result}


def format_table(results: dict[str, dict[str, Any]]) -> str:
    """One line per extractor and row: exact and overlap precision / recall / F1."""
    width = max(10, *(len(name) for name in results))
    header = (
        f"{'extractor':<{width}} {'row':<10} {'exact P':>8} {'R':>6} {'F1':>6} "
        f"{'overlap P':>10} {'R':>6} {'F1':>6} {'gold':>6}"
    )
    lines = [header, "-" * len(header)]
    for name, result in results.items():
        for row in ROWS:
            e, o = result["rows"][row]["exact"], result["rows"][row]["overlap"]
            lines.append(
                f"{name:<{width}} {row:<10} {e['precision']:>8.3f} {e['recall']:>6.3f} {e['f1']:>6.3f} "
                f"{o['precision']:>10.3f} {o['recall']:>6.3f} {o['f1']:>6.3f} {e['gold']:>6}"
            )
    return "\n".join(lines)


# Figures published in docs/parsing.md, printed beside this run's: exact combined F1 on SkillSpan dev-eval (the
# tagger trained on train + dev-fit, embedding table int8; "combined": the served posting extractor); token P / R
# on the DataTurks test split ("alias": the alias matcher alone, what resumes were read with before the listed items).
PUBLISHED_SKILLSPAN_F1 = {"alias": 0.204, "tagger": 0.558, "combined": 0.554}
PUBLISHED_DATATURKS_PR = {"alias": (0.412, 0.291), "alias + tagger": (0.383, 0.335)}
# The served linker on the ESCO linking files: acc@1, served@1 (no link counts as wrong), no link on LABEL NOT PRESENT.
SERVED_LINKER = "served (+ descriptions)"
PUBLISHED_LINKING = {
    "tech": {"accuracy@1": 0.606, "served_accuracy@1": 0.570, "no_link_when_not_present": 0.528},
    "house": {"accuracy@1": 0.598, "served_accuracy@1": 0.504, "no_link_when_not_present": 0.563},
}
# DataTurks rows: (row of the parser evaluation, name printed, published figure it is read beside).
DATATURKS_ROWS = (
    ("skills", "served: alias + listed items", "alias"),
    ("skills, alias + tagger", "alias + tagger + listed", "alias + tagger"),
)


def _published_skillspan(results: dict[str, dict[str, Any]]) -> str:
    cells = [
        f"{name} {result['rows']['combined']['exact']['f1']:.3f} (published {PUBLISHED_SKILLSPAN_F1[name]:.3f})"
        for name, result in results.items()
        if name in PUBLISHED_SKILLSPAN_F1
    ]
    return "exact combined F1, this run vs last published: " + "; ".join(cells)


def _linking(taxonomy: Any) -> tuple[dict[str, Any], str]:
    from talent.encoder import Encoder
    from talent.skills.full_extractor import INDEX_PATH, MODELS
    from talent.skills.linker import EmbeddingLinker
    from talent_tools.skills.linking_eval import evaluate_linking, format_linking, load_sets

    encoder = Encoder.load(MODELS / "encoder")
    sets = load_sets(taxonomy)
    served = EmbeddingLinker.load(INDEX_PATH, encoder)
    names = EmbeddingLinker.load(INDEX_PATH, encoder, description_weight=0.0)
    cosine = EmbeddingLinker.load(INDEX_PATH, encoder, lexical_weight=0.0, product_rule=False, description_weight=0.0)
    results = {
        "cosine only (before)": evaluate_linking(cosine.candidates, sets, 0.85),
        "names + rules (before)": evaluate_linking(names.candidates, sets, names.threshold),
        SERVED_LINKER: evaluate_linking(served.candidates, sets, served.threshold),
    }
    counts = ", ".join(f"{s.name} {len(s.cases)} spans" for s in sets)
    text = f"ESCO linking, SkillSpan validation spans ({counts}; 'served@1': no link counts as wrong)\n"
    return results, text + format_linking(results) + "\n" + _published_linking(results[SERVED_LINKER])


def _published_linking(served: dict[str, Any]) -> str:
    names = {"accuracy@1": "acc@1", "served_accuracy@1": "served@1", "no_link_when_not_present": "no link|LNP"}
    cells = [
        f"{file} "
        + ", ".join(f"{names[key]} {served['files'][file][key]:.3f} ({value:.3f})" for key, value in row.items())
        for file, row in PUBLISHED_LINKING.items()
    ]
    return "served linker, this run vs last published (in brackets): " + "; ".join(cells)


def _dataturks(full: MentionFinder) -> tuple[dict[str, Any], str]:
    from talent.skills.extract import default_extractor
    from talent_tools.evaluation.parser import evaluate_parser

    result = evaluate_parser("test", extractor=default_extractor(), tagger_extractor=full)
    lines = ["DataTurks resumes, test split, skills as annotated (token bag): P / R / F1, last published P / R"]
    for row, name, published in DATATURKS_ROWS:
        s = result["fields"][row]
        p, r = PUBLISHED_DATATURKS_PR[published]
        lines.append(
            f"  {name:<30} {s['precision']:.3f} / {s['recall']:.3f} / {s['f1']:.3f}   ({published} {p:.3f} / {r:.3f})"
        )
    return {name: result["fields"][row] for row, name, _ in DATATURKS_ROWS}, "\n".join(lines)


def _requirements(alias: MentionFinder, full: SkillExtractor) -> tuple[dict[str, Any], str]:
    """alias; combined (every link at the threshold); served: what postings are read with (`for_postings`:
    links anchored in the posting's words), sharing `full`'s models."""
    from talent.skills.full_extractor import for_postings
    from talent_tools.evaluation.requirement_precision import evaluate_requirements, format_requirements, load_postings

    postings = load_postings("dev-eval")
    chosen = {"alias": alias, "combined": full, "served": for_postings(full)}
    results = {name: evaluate_requirements(finder, postings) for name, finder in chosen.items()}
    return results, format_requirements(results)


class RememberedSpans:
    """A tagger's spans of each text, computed once per run: the tagger row, the served row and the requirement
    rows read the same texts (the tagger is most of their time)."""

    def __init__(self, tagger: SpanTagger) -> None:
        self._tagger = tagger
        self._spans: dict[str, Sequence[SpanLike]] = {}

    def spans(self, text: str) -> Sequence[SpanLike]:
        if text not in self._spans:
            self._spans[text] = self._tagger.spans(text)
        return self._spans[text]


def main(argv: list[str] | None = None) -> int:
    from talent.skills.full_extractor import TaggerOnly, for_postings, load_full_extractor
    from talent.skills.taxonomy import Taxonomy

    parser = argparse.ArgumentParser(description="Skill extractors on SkillSpan, the ESCO linking spans, DataTurks")
    parser.add_argument("--split", default="dev-eval", choices=SPLITS)
    parser.add_argument("--taxonomy", type=Path, default=None)
    parser.add_argument("--alias-only", action="store_true", help="skip the tagger rows (no `make models` needed)")
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    args = parser.parse_args(argv)
    taxonomy = Taxonomy.load(args.taxonomy) if args.taxonomy else Taxonomy.load()
    extractors: dict[str, MentionFinder] = {"alias": SkillExtractor(taxonomy)}
    if not args.alias_only:
        full = load_full_extractor(taxonomy=taxonomy)
        if full.tagger is not None:  # the rows read the same texts: each is tagged once
            full.tagger = RememberedSpans(full.tagger)
            extractors |= {"tagger": TaggerOnly(full.tagger), "combined": for_postings(full)}
    results = {name: evaluate_skillspan(extractor, split=args.split) for name, extractor in extractors.items()}
    sentences = next(iter(results.values()))["sentences"]
    report: dict[str, Any] = {"skillspan": results, "published_skillspan_f1": PUBLISHED_SKILLSPAN_F1}
    out = [f"SkillSpan {args.split}: {sentences} sentences\n{format_table(results)}\n{_published_skillspan(results)}"]
    if not args.alias_only:
        for key, (data, text) in (
            ("linking", _linking(taxonomy)),
            ("dataturks_test", _dataturks(full)),
            ("requirements", _requirements(extractors["alias"], full)),
        ):
            report[key] = data
            out.append(text)
        report["published_dataturks_pr"] = PUBLISHED_DATATURKS_PR
        report["published_linking"] = PUBLISHED_LINKING
    if args.json:
        from talent_tools.evaluation import json_report

        json_report.write(report)
    else:
        sys.stdout.write("\n\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
