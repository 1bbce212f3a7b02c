"""An open-source parser from PyPI on the same inputs as ours, scored the same way.

`talent eval parser --side-by-side PYTHON` runs `bench/open_source_parser/run.py` with PYTHON (a venv holding
`bench/open_source_parser/requirements.txt`; `make eval` builds `.venv-oss`) over the DataTurks texts and the
robustness files, then scores its fields with the functions that score ours: the same splits, the same
exact-match and token rules, the same robustness columns. Differences a reader must know:
- pyresparser's model was trained on the DataTurks resumes (its `custom_train.py` reads the same
  `traindata.json`), so its DataTurks scores are optimistic; its robustness numbers are not.
- it returns no experience entries, only the lines of the experience section: ">= 1 job" counts a
  non-empty experience section; it has no typed refusals, so every error is counted as a crash;
  "ms/page" is over inputs with a page count (PDFs), "profile ms" is the whole parse per file.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from talent_tools.evaluation.parser import TOKEN_FIELDS, Split, load_dataturks, score_fields
from talent_tools.evaluation.parser_robustness import robustness_files

RUNNER = Path(__file__).resolve().parents[3] / "bench" / "open_source_parser" / "run.py"
PARSER = "pyresparser"


class SideBySideError(RuntimeError):
    """The open-source parser's venv or runner is missing, or the runner failed."""


def run_open_source(
    python: Path, texts: dict[str, str], files: list[Path], parser: str = PARSER, timeout: float = 3600
) -> dict[str, dict[str, Any]]:
    """One result row per input id (the text's key or the file's path), from the runner's JSON lines."""
    if not RUNNER.is_file():
        raise SideBySideError(f"{RUNNER} not found: run from a checkout of the repository")
    if not python.is_file():
        raise SideBySideError(
            f"{python} not found: make .venv-oss/.installed (pip install -r bench/open_source_parser/requirements.txt)"
        )
    with tempfile.TemporaryDirectory() as scratch:
        listing = Path(scratch) / "texts.jsonl"
        listing.write_text(
            "".join(json.dumps({"id": key, "content": text}) + "\n" for key, text in texts.items()), encoding="utf-8"
        )
        command = [str(python), str(RUNNER), "--parser", parser, "--text-jsonl", str(listing), *map(str, files)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)  # noqa: S603
    if done.returncode != 0:
        raise SideBySideError(f"{parser} runner exited {done.returncode}: {done.stderr.strip()[-500:]}")
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    return {str(row["id"]): row for row in rows}


def _predictions(row: dict[str, Any]) -> dict[str, list[str]]:
    fields = row.get("fields") or {}
    return {
        "name": [fields["name"]] if fields.get("name") else [],
        "email": list(fields.get("emails") or []),
        **{name: list(fields.get(name) or []) for name in TOKEN_FIELDS},
    }


def dataturks_scores(rows: dict[str, dict[str, Any]], split: Split) -> dict[str, Any]:
    """The open-source rows of one DataTurks split, scored like `evaluate_parser` scores ours."""
    pairs: dict[str, list[tuple[list[str], list[str]]]] = {}
    resumes = [(str(i), r) for i, r in enumerate(load_dataturks()) if split in ("all", r.split)]
    for key, resume in resumes:
        predicted = _predictions(rows[key])
        for field, values in resume.gold().items():
            pairs.setdefault(field, []).append((predicted[field], values))
    return {"split": split, "resumes": len(resumes), "fields": score_fields(pairs)}


def robustness_rows(rows: dict[str, dict[str, Any]], groups: dict[str, list[Path]]) -> list[dict[str, Any]]:
    """The open-source rows of each robustness group, in `parser_robustness.format_robustness`'s columns."""
    out = []
    for group, files in groups.items():
        results = [rows[str(path)] for path in files]
        parsed = [r for r in results if r["ok"]]
        errors: dict[str, int] = {}
        for r in results:
            if not r["ok"]:
                kind = str(r["error"]).split(":", 1)[0]
                errors[kind] = errors.get(kind, 0) + 1
        per_page = [1000 * r["seconds"] / r["pages"] for r in parsed if r.get("pages")]
        n = max(1, len(files))
        out.append(
            {
                "group": group,
                "files": len(files),
                "parsed": len(parsed) / n,
                "with_experience": sum(bool(r["fields"].get("experience_entries")) for r in parsed) / n,
                "with_5_skills": sum(len(r["fields"].get("skills") or []) >= 5 for r in parsed) / n,
                "median_ms_per_page": statistics.median(per_page) if per_page else 0.0,
                "median_profile_ms": statistics.median(1000 * r["seconds"] for r in parsed) if parsed else 0.0,
                "refused": {},
                "crashes": sum(errors.values()),
                "errors": errors,
            }
        )
    return out


def side_by_side(python: Path, parser: str = PARSER) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(DataTurks dev and test scores, robustness rows) of the open-source parser."""
    texts = {str(i): r.content for i, r in enumerate(load_dataturks())}
    groups = robustness_files()
    rows = run_open_source(python, texts, [p for files in groups.values() for p in files], parser)
    return [dataturks_scores(rows, "dev"), dataturks_scores(rows, "test")], robustness_rows(rows, groups)
