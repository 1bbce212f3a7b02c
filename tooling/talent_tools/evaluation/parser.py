"""Resume parser evaluation on the DataTurks annotations (robustness over real documents: `parser_robustness`).

Splits are fixed by a hash of each resume's content: 60% dev (rules were tuned on it), 40% test.
Fields:
- name, email: exact match after normalising case and whitespace; a resume without a gold value is left
  out of that field. The gold "Email Address" in this set is nearly always Indeed's "Email me on Indeed"
  relay link (indeed.com/r/...), so a resume's email is correct when its gold value is among the parser's
  emails and Indeed relay links (a resume has one or two of them).
- skills, companies, designations, degrees, colleges: bag (set) of lower-cased word tokens of all predicted
  vs all gold values of a resume, micro-averaged over the resumes that have gold values for the field.
  Gold "Skills" spans are whole skills sections ("Java (3 years), SQL (Less than 1 year)"), so a second row
  counts content tokens only (stop words, digits and durations left out of both sides). Predicted skills are
  the evidence of the profile's linked skills and its listed items (`listed_skills`).
  Two reference rows show what the gold measures: "skills, alias + tagger" (`--tagger`: the learned span
  tagger's mentions added; the tagger reads postings, not resumes, in the served path) and
  "skills-section text" (every word of the sections the parser headed "skills", whatever they say: not a
  prediction, the scope of the gold labels).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from talent.data_paths import shared_data_dir
from talent.profile.lexicon import word_set
from talent.profile.models import ResumeProfile
from talent.profile.parse import parse_resume
from talent.profile.skill_evidence import MentionFinder
from talent_tools.evaluation import json_report
from talent_tools.progress import tracked

Split = Literal["dev", "test", "all"]
DEV_SHARE = 60
# The DataTurks resumes were collected in 2018-2019; "present" is measured from this date.
DATATURKS_DATE = date(2019, 1, 1)
TOKEN_FIELDS = {
    "skills": "Skills",
    "companies": "Companies worked at",
    "designations": "Designation",
    "degrees": "Degree",
    "colleges": "College Name",
}
_FILLER = word_set(
    """
    a an and the of in on for to with at by or from as is are be using use less than
    more year years month months yrs exposure knowledge good basic working experience
    """
)


@dataclass(frozen=True)
class GoldResume:
    content: str
    labels: dict[str, list[str]]

    def gold(self) -> dict[str, list[str]]:
        """The gold values of every scored field ("name", "email" and the token fields)."""
        labels = {"name": "Name", "email": "Email Address", **TOKEN_FIELDS}
        return {field: self.labels.get(label, []) for field, label in labels.items()}

    @property
    def split(self) -> Literal["dev", "test"]:
        bucket = int(hashlib.sha256(self.content.encode("utf-8")).hexdigest()[:8], 16) % 100
        return "dev" if bucket < DEV_SHARE else "test"


def load_dataturks(path: Path | None = None) -> list[GoldResume]:
    path = path or shared_data_dir() / "annotations" / "dataturks_resumes_train.jsonl"
    resumes = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        content: str = row["content"]
        labels: dict[str, list[str]] = {}
        for annotation in row.get("annotation") or []:
            for point in annotation["points"]:
                # `end` is inclusive; stripping absorbs the whitespace slips in some spans.
                value = content[point["start"] : point["end"] + 1].strip()
                for label in annotation["label"]:
                    if value:
                        labels.setdefault(label, []).append(value)
        resumes.append(GoldResume(content, labels))
    return resumes


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def _norm_contact(text: str) -> str:
    text = re.sub(r"\s+", "", text.lower())
    text = re.sub(r"^(?:indeed:)?(?:https?://)?(?:www\.)?", "", text)
    return text.rstrip("/.,;")


def _tokens(values: Iterable[str], *, content_only: bool = False) -> set[str]:
    tokens = set(re.findall(r"[a-z0-9]+", " ".join(values).lower()))
    if content_only:
        tokens = {t for t in tokens if t not in _FILLER and not t.isdigit()}
    return tokens


def predictions(profile: ResumeProfile) -> dict[str, list[str]]:
    personal = profile.personal
    return {
        "name": [personal.name] if personal.name else [],
        "email": personal.emails + [link.url for link in personal.links if link.kind == "indeed"],
        "skills": [ev.text for skill in profile.skills for ev in skill.evidence]
        + [item.text for item in profile.listed_skills],
        "companies": [e.employer for e in profile.experience if e.employer],
        "designations": [e.title for e in profile.experience if e.title]
        + ([profile.headline] if profile.headline else []),
        "degrees": [e.degree for e in profile.education if e.degree],
        "colleges": [e.institution for e in profile.education if e.institution],
    }


def _exact(
    pairs: list[tuple[list[str], list[str]]], norm: Callable[[str], str], *, any_of: bool = False
) -> dict[str, float]:
    """A hit: the first prediction equals a gold value (`any_of`: any of the few predictions does)."""
    scored = [(p, g) for p, g in pairs if g]
    hits = sum(1 for p, g in scored if {norm(v) for v in (p if any_of else p[:1])} & {norm(v) for v in g})
    return {"accuracy": hits / len(scored) if scored else 0.0, "n": len(scored)}


def _token_scores(pairs: list[tuple[list[str], list[str]]], *, content_only: bool = False) -> dict[str, float]:
    tp = fp = fn = 0
    n = 0
    for predicted, gold in pairs:
        if not gold:
            continue
        n += 1
        p, g = _tokens(predicted, content_only=content_only), _tokens(gold, content_only=content_only)
        tp, fp, fn = tp + len(p & g), fp + len(p - g), fn + len(g - p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "n": n}


def score_fields(pairs: dict[str, list[tuple[list[str], list[str]]]]) -> dict[str, dict[str, float]]:
    """(predicted, gold) values per field and resume → the table's scores (see the module docstring)."""
    fields: dict[str, dict[str, float]] = {
        "name": _exact(pairs["name"], _norm),
        "email": _exact(pairs["email"], _norm_contact, any_of=True),
    }
    fields |= {name: _token_scores(pairs[name]) for name in TOKEN_FIELDS}
    fields["skills (content tokens)"] = _token_scores(pairs["skills"], content_only=True)
    return fields


def _section_text(content: str, profile: ResumeProfile, name: str) -> list[str]:
    return [content[s.start : s.end] for s in profile.sections_found if s.name == name]


def evaluate_parser(
    split: Split = "dev",
    *,
    extractor: MentionFinder | Literal["default"] | None = "default",
    path: Path | None = None,
    tagger_extractor: MentionFinder | None = None,
) -> dict[str, Any]:
    """Scores of `parse_resume` on one split of the DataTurks annotations (see the module docstring).

    `extractor="default"` uses the taxonomy alias extractor when its artifact is built; None skips skills.
    `tagger_extractor` (alias + tagger) adds the "skills, alias + tagger" row.
    """
    if extractor == "default":
        extractor = default_extractor()
    resumes = [r for r in load_dataturks(path) if split in ("all", r.split)]
    pairs: dict[str, list[tuple[list[str], list[str]]]] = {}
    elapsed = 0.0  # the default parse only, not the reference rows
    for resume in tracked(resumes, f"DataTurks {split} resumes", every=50):
        started = time.perf_counter()
        profile = parse_resume(resume.content, document_date=DATATURKS_DATE, extractor=extractor)
        elapsed += time.perf_counter() - started
        predicted = predictions(profile)
        gold = resume.gold()
        for field, values in gold.items():
            pairs.setdefault(field, []).append((predicted[field], values))
        pairs.setdefault("section", []).append((_section_text(resume.content, profile, "skills"), gold["skills"]))
        if tagger_extractor is not None:
            tagged = parse_resume(resume.content, document_date=DATATURKS_DATE, extractor=tagger_extractor)
            pairs.setdefault("tagged", []).append((predictions(tagged)["skills"], gold["skills"]))
    fields = score_fields(pairs)
    if "tagged" in pairs:
        fields["skills, alias + tagger"] = _token_scores(pairs["tagged"])
    fields["skills-section text (ref.)"] = _token_scores(pairs["section"])
    return {
        "split": split,
        "resumes": len(resumes),
        "skills_extractor": extractor is not None,
        "ms_per_resume": 1000 * elapsed / max(1, len(resumes)),
        "fields": fields,
    }


def format_table(results: list[dict[str, Any]]) -> str:
    header = f"{'field':<26}" + "".join(f"{r['split'] + ' (n=' + str(r['resumes']) + ')':>32}" for r in results)
    rows = [header, f"{'':<26}" + f"{'exact / P  R  F1  [n]':>32}" * len(results)]
    for field in results[0]["fields"]:
        cells = []
        for r in results:
            s = r["fields"][field]
            if "accuracy" in s:
                cells.append(f"{s['accuracy']:.3f} [{int(s['n'])}]")
            else:
                cells.append(f"{s['precision']:.3f} {s['recall']:.3f} {s['f1']:.3f} [{int(s['n'])}]")
        rows.append(f"{field:<26}" + "".join(f"{c:>32}" for c in cells))
    return "\n".join(rows)


def default_extractor() -> MentionFinder:
    """The taxonomy alias extractor; a missing or corrupt artifact raises TaxonomyError saying how to rebuild it."""
    from talent.skills.extract import default_extractor as skills_default

    return skills_default()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Resume parser evaluation (DataTurks) and robustness.")
    parser.add_argument("--robustness", action="store_true", help="also parse documents/ and the livecareer PDFs")
    parser.add_argument(
        "--tagger", action="store_true", help="add the 'skills, alias + tagger' row (needs `make models`; minutes)"
    )
    parser.add_argument(
        "--side-by-side",
        type=Path,
        metavar="PYTHON",
        help="also run pyresparser (from PyPI) with this venv's python on the same inputs (see side_by_side)",
    )
    parser.add_argument("--json", action="store_true", help="print the results as one JSON object")
    args = parser.parse_args(argv)
    extractor = default_extractor()
    tagger = None
    if args.tagger:
        from talent.skills.full_extractor import load_full_extractor

        tagger = load_full_extractor()
    results = [evaluate_parser(split, extractor=extractor, tagger_extractor=tagger) for split in ("dev", "test")]
    report: dict[str, Any] = {"dataturks": results}
    out = ["our parser, DataTurks", format_table(results)]
    if args.robustness:
        from talent_tools.evaluation.parser_robustness import format_robustness, robustness, robustness_files

        report["robustness"] = robustness(robustness_files(), extractor)
        out += ["our parser, robustness", format_robustness(report["robustness"])]
    if args.side_by_side:
        from talent_tools.evaluation.parser_robustness import format_robustness
        from talent_tools.evaluation.side_by_side import PARSER, side_by_side

        theirs, their_robustness = side_by_side(args.side_by_side)
        report["side_by_side"] = {"parser": PARSER, "dataturks": theirs, "robustness": their_robustness}
        out += [f"{PARSER} (PyPI; trained on these DataTurks resumes), DataTurks", format_table(theirs)]
        out += [f"{PARSER}, robustness", format_robustness(their_robustness)]
    if args.json:
        json_report.write(report)
    else:
        print("\n\n".join(out))  # noqa: T201 - the evaluation's output is these tables
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
