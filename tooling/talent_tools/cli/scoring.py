"""`talent score | rank | classify`: the ONNX models on files, without the stack (inference extra only)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from talent_tools.cli.console import console, err
from talent_tools.cli.understand import CONTENT_TYPES

TOP_CONTRIBUTIONS = 3


class JobsFileError(ValueError):
    pass


def _read_jobs(path: Path) -> list[tuple[str, str]]:
    """JOBS.jsonl: one object a line, `{"id": ..., "text": ...}` or `{"id": ..., "path": ...}`."""
    from talent_tools.jobs.cli import read_job_text

    jobs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            raise JobsFileError(f"{path}:{number}: not JSON ({exc.msg})") from exc
        if not isinstance(doc, dict) or "id" not in doc or ("text" in doc) == ("path" in doc):
            raise JobsFileError(f'{path}:{number}: expected {{"id": ..., "text": ...}} or {{"id": ..., "path": ...}}')
        text = doc["text"] if "text" in doc else read_job_text(path.parent / doc["path"])
        jobs.append((str(doc["id"]), str(text)))
    if not jobs:
        raise JobsFileError(f"{path}: no jobs")
    return jobs


def _profile(path: Path) -> Any:
    from talent.profile.parse import parse_document
    from talent.skills.extract import default_extractor

    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    return parse_document(
        path.read_bytes(),
        content_type=CONTENT_TYPES.get(path.suffix.lower()),
        filename=path.name,
        extractor=default_extractor(),
    )


def _error(exc: Exception) -> dict[str, str]:
    as_dict = getattr(exc, "as_dict", None)
    if callable(as_dict):
        return dict(as_dict())
    return {"type": "not_found" if isinstance(exc, FileNotFoundError) else type(exc).__name__, "message": str(exc)}


def _profiles(resumes: list[Path]) -> tuple[list[tuple[Path, Any]], list[dict[str, Any]]]:
    from talent.documents.errors import DocumentError
    from talent_tools.progress import tracked

    good, bad = [], []
    for path in tracked(resumes, "resumes parsed", every=50):
        try:
            good.append((path, _profile(path)))
        except (DocumentError, FileNotFoundError) as exc:
            bad.append({"resume": str(path), "error": _error(exc)})
    return good, bad


def _scored(job_id: str, path: Path, result: Any) -> dict[str, Any]:
    return {
        "job_id": job_id,
        "resume": str(path),
        "score": round(result.score, 6),
        "baseline": round(result.baseline, 6),
        "contributions": {k: round(v, 6) for k, v in result.contributions.items()},
        "matched_skills": result.matched_skills,
        "missing_skills": result.missing_skills,
        "model_version": result.model_version,
        "feature_spec_version": result.feature_spec_version,
        "input_sha256": result.input_sha256,
    }


def score(
    resumes: Annotated[list[Path], typer.Argument(help="Resume files (PDF, DOCX, TXT, HTML).")],
    jobs: Annotated[Path, typer.Option("--jobs", help='JSON lines: {"id", "text"} or {"id", "path"} per job.')],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per (job, resume) line.")] = False,
) -> None:
    """Score every resume against every job: score, per-feature contributions, matched and missing skills."""
    from talent.ranking.screening_model import load_screening_model

    try:
        job_texts = _read_jobs(jobs)
    except (JobsFileError, OSError) as exc:
        err.print(str(exc))
        raise typer.Exit(2) from exc
    model = load_screening_model()
    profiles, failures = _profiles(resumes)
    candidates = [(model.featurizer.candidate(p), ()) for _, p in profiles]  # each resume embedded once
    for job_id, text in job_texts:
        results = model.score_views(model.job(text), candidates)
        for (path, _), result in zip(profiles, results, strict=True):
            line = _scored(job_id, path, result)
            if as_json:
                console.print_json(json.dumps(line), indent=None)
            else:
                console.print(f"{job_id}\t{path}\t{result.score:.4f}")
    for failure in failures:
        console.print_json(json.dumps(failure), indent=None) if as_json else err.print(failure)
    if failures:
        raise typer.Exit(1)


def rank(
    resumes: Annotated[list[Path], typer.Argument(help="Resume files (PDF, DOCX, TXT, HTML).")],
    job: Annotated[Path, typer.Option("--job", help="The job description file.")],
    top: Annotated[int, typer.Option("--top", min=1, help="Show the best K.")] = 10,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per ranked resume, best first: rank + `score`'s fields.")
    ] = False,
) -> None:
    """A ranked table for one job: score, strongest contributions, matched and missing skills."""
    from rich.table import Table

    from talent.ranking.explain import describe
    from talent.ranking.screening_model import load_screening_model
    from talent_tools.jobs.cli import read_job_text

    if not job.is_file():
        err.print(f"{job}: no such file")
        raise typer.Exit(2)
    model = load_screening_model()
    profiles, failures = _profiles(resumes)
    results = model.score_many(model.job(read_job_text(job)), [(p, ()) for _, p in profiles])
    ordered = sorted(zip(profiles, results, strict=True), key=lambda pr: -pr[1].score)[:top]
    if as_json:
        for position, ((path, _), result) in enumerate(ordered, 1):
            console.print_json(json.dumps({"rank": position, **_scored(job.name, path, result)}), indent=None)
        for failure in failures:
            console.print_json(json.dumps(failure), indent=None)
        if failures:
            raise typer.Exit(1)
        return
    table = Table(title=f"{job.name}: {len(profiles)} resume(s), model {model.ranker.version}")
    for column in ("rank", "resume", "score", "top contributions", "matched skills", "missing skills"):
        table.add_column(column)
    for position, ((path, _), result) in enumerate(ordered, 1):
        table.add_row(
            str(position),
            path.name,
            f"{result.score:.3f}",
            describe(result.contributions, TOP_CONTRIBUTIONS),
            ", ".join(result.matched_skills[:6]) or "-",
            ", ".join(result.missing_skills[:6]) or "-",
        )
    console.print(table)
    for failure in failures:
        err.print(failure)
    if failures:
        raise typer.Exit(1)


def classify(
    files: Annotated[list[Path], typer.Argument(help="Resume or job files (PDF, DOCX, TXT, HTML).")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per file.")] = False,
) -> None:
    """Job-family probabilities of each resume (its blind profile text)."""
    from talent.ranking.featurizer_from_models import load_classifier, load_featurizer

    classifier = load_classifier()
    featurizer = load_featurizer()  # built with the same (cached) classifier
    profiles, failures = _profiles(files)
    for path, profile in profiles:
        probabilities = featurizer.candidate(profile).family
        if probabilities is None:  # load_featurizer() always has the classifier; never score without it
            raise RuntimeError("the featurizer has no job-family classifier")
        ranked = sorted(zip(classifier.families, probabilities.tolist(), strict=True), key=lambda fp: -fp[1])
        body = {"file": str(path), "family": ranked[0][0], "probabilities": {f: round(p, 4) for f, p in ranked}}
        if as_json:
            console.print_json(json.dumps(body), indent=None)
        else:
            console.print(f"{path}\t" + ", ".join(f"{f} {p:.2f}" for f, p in ranked[:3]))
    for failure in failures:
        console.print_json(json.dumps({"file": failure["resume"], "error": failure["error"]}), indent=None)
    if failures:
        raise typer.Exit(1)
