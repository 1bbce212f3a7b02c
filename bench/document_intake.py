"""Benchmark: PDF intake time per page over the real corpus, beside other extractors (prints numbers, asserts nothing).

    python bench/document_intake.py [--repeat 1]

Files: every PDF in documents/ and resumes/livecareer/pdf/ under ../shared/data. Extractors, in the same run
and on the same bytes: talent.documents.extract (reading order, hidden text, language included), raw pypdfium2
text (no layout: the floor), and pypdf / pdfminer.six when installed. Also the outcome of talent intake over
every file in documents/ (PDF, DOCX, TXT). Prints timings and counts only, never document content.
"""

from __future__ import annotations

import argparse
import collections
import io
import logging
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium

from talent.data_paths import shared_data_dir
from talent.documents import DocumentError, extract

Extractor = Callable[[bytes], int]  # returns the page count


def say(line: str) -> None:
    sys.stdout.write(line + "\n")


def talent_intake(content: bytes) -> int:
    return extract(content, content_type="application/pdf").pages


def pdfium_raw(content: bytes) -> int:
    pdf = pdfium.PdfDocument(content)
    for page in pdf:
        page.get_textpage().get_text_range()
    return len(pdf)


def optional_extractors() -> dict[str, Extractor]:
    found: dict[str, Extractor] = {}
    try:
        from pypdf import PdfReader

        def with_pypdf(content: bytes) -> int:
            reader = PdfReader(io.BytesIO(content))
            for page in reader.pages:
                page.extract_text()
            return len(reader.pages)

        found["pypdf"] = with_pypdf
    except ImportError:
        say("pypdf: not installed (pip install pypdf)")
    try:
        from pdfminer.high_level import extract_text as pdfminer_text
        from pdfminer.pdfpage import PDFPage

        def with_pdfminer(content: bytes) -> int:
            pdfminer_text(io.BytesIO(content))
            return sum(1 for _ in PDFPage.get_pages(io.BytesIO(content)))

        found["pdfminer.six"] = with_pdfminer
    except ImportError:
        say("pdfminer.six: not installed (pip install pdfminer.six)")
    return found


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def time_per_page(name: str, run: Extractor, files: list[bytes], repeat: int) -> None:
    per_page: list[float] = []
    failures = 0
    for content in files:
        best = float("inf")
        pages = 1
        for _ in range(repeat):
            started = time.perf_counter()
            try:
                pages = max(run(content), 1)
            except Exception:  # noqa: BLE001 - a benchmark counts failures of any extractor
                failures += 1
                break
            best = min(best, (time.perf_counter() - started) * 1000)
        if best < float("inf"):
            per_page.append(best / pages)
    say(
        f"{name:<14} files={len(per_page):>4} failed={failures:>3} ms/page median={statistics.median(per_page):7.1f} "
        f"p90={percentile(per_page, 0.9):7.1f} max={max(per_page):7.1f}"
    )


def outcomes(paths: list[Path]) -> None:
    codes: collections.Counter[str] = collections.Counter()
    formats: collections.Counter[str] = collections.Counter()
    for path in paths:
        try:
            document = extract(path.read_bytes(), content_type=None, filename=path.name)
        except DocumentError as error:
            codes[error.code] += 1
            continue
        codes["extracted"] += 1
        formats[document.format] += 1
        codes["with hidden text"] += bool(document.hidden_text)
        codes[f"language={document.language}"] += 1
    share = codes["extracted"] / len(paths)
    say(f"outcomes over {len(paths)} files: extracted {share:.1%}; " + ", ".join(f"{k}={v}" for k, v in codes.items()))
    say("formats: " + ", ".join(f"{k}={v}" for k, v in formats.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per file; the best is kept")
    args = parser.parse_args()
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # it logs every font quirk of every file
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    data = shared_data_dir()
    documents = sorted(p for p in (data / "documents").rglob("*") if p.is_file() and p.suffix != ".csv")
    livecareer = sorted((data / "resumes/livecareer/pdf").glob("*/*.pdf"))
    pdfs = [p.read_bytes() for p in [*documents, *livecareer] if p.suffix == ".pdf"]
    say(
        f"PDFs: {len(pdfs)} ({sum(1 for p in documents if p.suffix == '.pdf')} documents/, "
        f"{len(livecareer)} livecareer)"
    )
    extract(pdfs[0], content_type="application/pdf")  # warm-up: langdetect profiles load once (~0.3 s)
    extractors: dict[str, Extractor] = {"talent": talent_intake, "pdfium-raw": pdfium_raw, **optional_extractors()}
    for name, run in extractors.items():
        time_per_page(name, run, pdfs, args.repeat)
    outcomes(documents + livecareer)


if __name__ == "__main__":
    main()
