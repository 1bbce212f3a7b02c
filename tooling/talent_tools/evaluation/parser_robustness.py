"""The resume parser over real documents: how many are read and parsed, how many refused, how fast.

`talent eval parser --robustness` runs it beside the DataTurks field scores (`talent_tools.evaluation.parser`)
over the files in `../shared/data`: the `documents/` resumes and job postings and the livecareer PDFs. The
target is zero crashes: an intake refusal (a typed `DocumentError`, such as needs_ocr) is counted by its
code, anything else raised is a crash.
"""

from __future__ import annotations

import statistics
import time
from datetime import date
from pathlib import Path
from typing import Any

from talent.data_paths import shared_data_dir
from talent.documents import DocumentError, extract
from talent.profile.parse import parse_resume
from talent.profile.skill_evidence import MentionFinder
from talent_tools.progress import tracked

# The robustness files carry no event date; without a metadata date "present" ends here.
ROBUSTNESS_DATE = date(2020, 1, 1)


def robustness(groups: dict[str, list[Path]], extractor: MentionFinder | None) -> list[dict[str, Any]]:
    """Per group of files: share read and parsed, with >= 1 experience entry, with >= 5 skills; timings.

    Intake refusals (typed `DocumentError`s such as needs_ocr) are counted by code; anything else is a crash.
    """
    rows = []
    for group, files in groups.items():
        ok = with_experience = with_skills = crashes = 0
        per_page: list[float] = []
        profile_ms: list[float] = []
        refused: dict[str, int] = {}
        for path in tracked(files, f"{group} documents", every=100):
            started = time.perf_counter()
            try:
                document = extract(path.read_bytes(), content_type=None, filename=path.name)
                parsed = time.perf_counter()
                profile = parse_resume(
                    document.text,
                    document_date=document.document_date or ROBUSTNESS_DATE,
                    extractor=extractor,
                    pages=document.pages,
                )
            except DocumentError as exc:
                refused[exc.code] = refused.get(exc.code, 0) + 1
                continue
            except Exception:  # noqa: BLE001 - counted: the corpus target is zero crashes
                crashes += 1
                continue
            done = time.perf_counter()
            ok += 1
            with_experience += bool(profile.experience)
            with_skills += len(profile.skills) >= 5
            per_page.append(1000 * (done - started) / document.pages)
            profile_ms.append(1000 * (done - parsed))
        n = max(1, len(files))
        rows.append(
            {
                "group": group,
                "files": len(files),
                "parsed": ok / n,
                "with_experience": with_experience / n,
                "with_5_skills": with_skills / n,
                "median_ms_per_page": statistics.median(per_page) if per_page else 0.0,
                "median_profile_ms": statistics.median(profile_ms) if profile_ms else 0.0,
                "refused": refused,
                "crashes": crashes,
            }
        )
    return rows


def robustness_files(data_dir: Path | None = None) -> dict[str, list[Path]]:
    root = data_dir or shared_data_dir()
    documents = [p for p in sorted((root / "documents").rglob("*")) if p.is_file() and p.name != "MANIFEST.csv"]
    postings = [p for p in documents if "job_descriptions" in p.parts]
    return {
        "documents/ resumes": [p for p in documents if p not in postings],
        "documents/ job postings": postings,
        "livecareer PDFs": sorted((root / "resumes" / "livecareer" / "pdf").rglob("*.pdf")),
    }


def format_robustness(rows: list[dict[str, Any]]) -> str:
    lines = [
        f"{'files':<24}{'n':>5}{'parsed':>8}{'>=1 job':>9}{'>=5 skills':>11}{'ms/page':>9}{'profile ms':>11}  refused"
    ]
    for r in rows:
        lines.append(
            f"{r['group']:<24}{r['files']:>5}{r['parsed']:>8.3f}{r['with_experience']:>9.3f}{r['with_5_skills']:>11.3f}"
            f"{r['median_ms_per_page']:>9.1f}{r['median_profile_ms']:>11.1f}  {r['refused'] or '-'}"
            + (f" crashes={r['crashes']}" if r["crashes"] else "")
        )
    return "\n".join(lines)
