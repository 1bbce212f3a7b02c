"""`talent parse | skills | job`: documents to structured profiles, skill mentions and job requirements."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from talent_tools.cli.console import console, err

if TYPE_CHECKING:
    from talent.skills.extract import MentionFinder

# The path → content type the ATS would declare; unknown suffixes are sniffed from the bytes.
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".txt": "text/plain",
    ".html": "text/html",
    ".htm": "text/html",
}


def _print(obj: Any, as_json: bool) -> None:
    if as_json:
        console.print_json(json.dumps(obj, default=str, ensure_ascii=False), indent=None)
    else:
        console.print_json(json.dumps(obj, default=str, ensure_ascii=False))


def parse(
    files: Annotated[list[Path], typer.Argument(help="Resume files (PDF, DOCX, TXT, HTML).")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    blind: Annotated[bool, typer.Option(help="Leave out personal fields (blind screening view).")] = False,
    document_date: Annotated[
        str | None, typer.Option(help="YYYY-MM-DD the resume was submitted; default: the file's metadata.")
    ] = None,
) -> None:
    """Print one profile per file, or an error object {file, error: {type, message}}; exit 1 if any failed."""
    from talent.documents.errors import DocumentError
    from talent.profile.parse import parse_document
    from talent.skills.extract import default_extractor

    when = date.fromisoformat(document_date) if document_date else None
    extractor = default_extractor()
    failed = 0
    for path in files:
        try:
            if not path.is_file():
                raise FileNotFoundError(f"{path}: no such file")
            profile = parse_document(
                path.read_bytes(),
                content_type=CONTENT_TYPES.get(path.suffix.lower()),
                filename=path.name,
                document_date=when,
                extractor=extractor,
            )
            body: dict[str, Any] = {
                "file": str(path),
                "profile": (profile.blind() if blind else profile).model_dump(mode="json"),
            }
        except DocumentError as exc:
            failed += 1
            body = {"file": str(path), "error": exc.as_dict()}
        except FileNotFoundError as exc:
            failed += 1
            body = {"file": str(path), "error": {"type": "not_found", "message": str(exc)}}
        _print(body, as_json)
    if failed:
        err.print(f"{failed} of {len(files)} file(s) failed")
        raise typer.Exit(1)


def skills(
    text_or_file: Annotated[
        str | None, typer.Argument(help="A file (PDF, DOCX, TXT, HTML) or the text itself.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
    jsonl: Annotated[
        Path | None,
        typer.Option(
            "--jsonl",
            help='A file (- for stdin) of one {"id": ..., "text": ...} per line; prints one line per input.',
        ),
    ] = None,
    alias_only: Annotated[
        bool, typer.Option("--alias-only", help="The alias matcher alone: no models needed, far faster, less found.")
    ] = False,
) -> None:
    """Print skill mentions with character spans and taxonomy ids, read with the served extractor of job postings
    (alias + tagger + linker; `make models` builds it); exit 1 if the input (or any --jsonl line) is bad."""
    from talent.documents.errors import DocumentError
    from talent.encoder.artifact import ModelArtifactError
    from talent_tools.skills.cli import served_finder, skills_command

    if (text_or_file is None) == (jsonl is None):
        _print({"error": {"type": "usage", "message": "give a text or file, or --jsonl FILE (not both)"}}, as_json)
        raise typer.Exit(2)
    if jsonl is not None and str(jsonl) != "-" and not jsonl.is_file():
        _print({"error": {"type": "not_found", "message": f"{jsonl}: no such file"}}, True)
        raise typer.Exit(1)
    try:
        finder = served_finder(alias_only)
    except ModelArtifactError as exc:
        message = f"{exc}; or pass --alias-only for the alias matcher alone"
        _print({"error": {"type": "model_missing", "message": message}}, as_json or jsonl is not None)
        raise typer.Exit(1) from exc
    if jsonl is not None:
        _skills_jsonl(jsonl, finder)
        return
    assert text_or_file is not None
    try:
        mentions = skills_command(text_or_file, finder)
    except DocumentError as exc:
        _print({"error": exc.as_dict()}, as_json)
        raise typer.Exit(1) from exc
    _print(mentions, as_json)


def _skills_jsonl(source: Path, finder: MentionFinder) -> None:
    """Always one compact JSON line per input (the batch form is for programs)."""
    import contextlib
    import sys

    from talent_tools.skills.cli import skills_jsonl

    failed = 0
    opened = (
        contextlib.nullcontext(sys.stdin) if str(source) == "-" else source.open(encoding="utf-8", errors="replace")
    )
    with opened as lines:
        for result in skills_jsonl(lines, finder):
            failed += "error" in result
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    if failed:
        err.print(f"{failed} line(s) could not be read")
        raise typer.Exit(1)


def job(
    file: Annotated[Path, typer.Argument(help="A job description (PDF, DOCX, TXT, HTML).")],
    as_json: Annotated[bool, typer.Option("--json", help="JSON output.")] = False,
) -> None:
    """Print the job's requirements: required/preferred skills, minimum years, education, seniority."""
    from talent.documents.errors import DocumentError
    from talent_tools.jobs.cli import job_command

    if not file.is_file():
        _print({"error": {"type": "not_found", "message": f"{file}: no such file"}}, as_json)
        raise typer.Exit(1)
    try:
        requirements = job_command(file)
    except DocumentError as exc:
        _print({"error": exc.as_dict()}, as_json)
        raise typer.Exit(1) from exc
    _print(requirements, as_json)
