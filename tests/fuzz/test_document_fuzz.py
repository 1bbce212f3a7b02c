"""Property tests: whatever the bytes, intake returns an ExtractedDocument or raises a DocumentError, in time.

Deterministic (derandomize=True, no example database) so CI runs the same cases every time. CI runs 200
examples per property; `bench/fuzz_campaign.py` runs the same properties with TALENT_FUZZ_EXAMPLES set
high (10,000+ cases in all).
"""

from __future__ import annotations

import io
import json
import os
import time
import zipfile
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from talent.data_paths import shared_data_dir
from talent.documents import DocumentError, ExtractedDocument, Limits, extract
from tests.unit.documents.docxs import build, rezip
from tests.unit.documents.pdfs import Image, Pdf, Rect, Text

BUDGET_S = 5.0
EXAMPLES = int(os.environ.get("TALENT_FUZZ_EXAMPLES", "200"))
LIMITS = Limits(time_budget_s=BUDGET_S)
DECLARED = st.sampled_from(
    [
        None,
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "text/html",
        "text/plain",
        "application/octet-stream",
        "image/png",
    ]
)
FUZZ = settings(
    derandomize=True,
    database=None,
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


OUTCOMES: Counter[str] = Counter()  # "parsed" or the error code, per case: the campaign's report


@pytest.fixture(scope="module", autouse=True)
def _report_outcomes() -> Iterator[None]:
    yield
    if os.environ.get("TALENT_FUZZ_REPORT"):
        Path(os.environ["TALENT_FUZZ_REPORT"]).write_text(json.dumps(dict(OUTCOMES), indent=2, sort_keys=True))


def outcome(content: bytes, content_type: str | None) -> ExtractedDocument | DocumentError:
    """The property itself: only these two outcomes, well within the time budget."""
    started = time.perf_counter()
    try:
        result: ExtractedDocument | DocumentError = extract(content, content_type=content_type, limits=LIMITS)
        OUTCOMES["parsed"] += 1
    except DocumentError as error:
        assert error.code and error.message
        OUTCOMES[error.code] += 1
        result = error
    assert time.perf_counter() - started < 2 * BUDGET_S
    return result


@lru_cache(maxsize=1)
def generated_seeds() -> tuple[bytes, ...]:
    pdf = Pdf(
        pages=[
            [Text(50, 700, "Senior accountant with audit experience"), Text(400, 690, "Skills"), Rect(0, 0, 50, 50)],
            [Image(0, 0, 300, 300), Text(72, 700, "OCR layer text", render_mode=3), Text(72, 650, "x", size=2)],
        ],
        info={"ModDate": "D:20230412093000Z"},
    ).build()
    docx = build(lambda d: (d.add_paragraph("Accountant"), d.add_table(rows=2, cols=2)))
    html = b"<html><body><p style='color:#fff'>hidden</p><table><tr><td>a</td><td>b</td></tr></table></body></html>"
    return (pdf, docx, html, "Jürgen \u2013 résumé\r\nAccountant".encode("cp1252"))


@lru_cache(maxsize=1)
def real_seeds() -> tuple[bytes, ...]:
    """A fixed sample of real files: every format in documents/ plus livecareer PDFs."""
    data = shared_data_dir()
    documents = sorted(p for p in (data / "documents").rglob("*") if p.is_file() and p.suffix != ".csv")
    livecareer = sorted((data / "resumes/livecareer/pdf").glob("*/*.pdf"))
    chosen: list[Path] = documents[::4] + livecareer[::24]
    return tuple(p.read_bytes() for p in chosen)


@FUZZ
@given(content=st.binary(max_size=4096), content_type=DECLARED)
def test_random_bytes_never_crash(content: bytes, content_type: str | None) -> None:
    outcome(content, content_type)


@FUZZ
@given(
    prefix=st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04", b"<html><body>", b"\xef\xbb\xbf", b"\xd0\xcf\x11\xe0"]),
    body=st.binary(max_size=4096),
    content_type=DECLARED,
)
def test_random_bytes_behind_a_magic_number_never_crash(prefix: bytes, body: bytes, content_type: str | None) -> None:
    outcome(prefix + body, content_type)


@FUZZ
@given(
    seed=st.integers(0, 3),
    cut=st.floats(0.0, 1.0),
    flips=st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 255)), max_size=8),
    content_type=DECLARED,
)
def test_truncated_and_flipped_generated_files_never_crash(
    seed: int, cut: float, flips: list[tuple[float, int]], content_type: str | None
) -> None:
    outcome(mutate(generated_seeds()[seed], cut, flips), content_type)


@FUZZ
@given(count=st.integers(0, 10**12), content_type=st.sampled_from([None, "application/pdf"]))
def test_any_declared_page_count_is_handled(count: int, content_type: str | None) -> None:
    content = Pdf(pages=[[Text(72, 700, "Accountant with audit experience in many firms")]], declared_page_count=count)
    outcome(content.build(), content_type)


@pytest.mark.data
@settings(FUZZ, max_examples=EXAMPLES * 3 // 5)
@given(
    index=st.integers(0, 10_000),
    cut=st.floats(0.0, 1.0),
    flips=st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 255)), max_size=4),
)
def test_truncated_and_flipped_real_files_never_crash(index: int, cut: float, flips: list[tuple[float, int]]) -> None:
    seeds = real_seeds()
    outcome(mutate(seeds[index % len(seeds)], cut, flips), None)


DOCX_PARTS = ["word/document.xml", "word/styles.xml", "[Content_Types].xml", "docProps/core.xml", "docProps/app.xml"]
XML_TOKENS = st.sampled_from(
    [
        b"<w:p>",
        b"</w:p>",
        b"<w:tbl><w:tr><w:tc>",
        b"<w:r><w:rPr><w:vanish/></w:rPr><w:t>x</w:t></w:r>",
        b'<w:sz w:val="x"/>',
        b'<w:color w:val="FFFFF"/>',
        b"<mc:AlternateContent><mc:Fallback/>",
        b"<w:txbxContent>",
        b'<w:numPr><w:numId w:val="99"/></w:numPr>',
        b'<w:pStyle w:val="missing"/>',
        b"<!DOCTYPE x>",
        b"&#0;",
        b"\x00",
    ]
)
HTML_TOKENS = st.sampled_from(
    [
        "<div>",
        "</div>",
        "<p style='display:none'>",
        "<span style='color:#fff;background:#000'>",
        "<td>",
        "<table><tr>",
        "<br>",
        "<script>",
        "<li>",
        "<pre>",
        "<b hidden>",
        "<font style='font-size:0.1em'>",
        "Accountant ",
        "résumé ",
        "&nbsp;",
        "<!--",
        "-->",
        "\x00",
    ]
)


@FUZZ
@given(
    part=st.sampled_from(DOCX_PARTS),
    edits=st.lists(st.tuples(st.floats(0.0, 1.0), XML_TOKENS | st.integers(1, 40)), min_size=1, max_size=5),
)
def test_docx_with_mangled_xml_parts_never_crashes(part: str, edits: list[tuple[float, bytes | int]]) -> None:
    seed = generated_seeds()[1]
    with zipfile.ZipFile(io.BytesIO(seed)) as archive:
        xml = bytearray(archive.read(part))
    for where, edit in edits:
        position = int(where * len(xml))
        if isinstance(edit, bytes):
            xml[position:position] = edit
        else:
            del xml[position : position + edit]
    outcome(rezip(seed, replace={part: bytes(xml)}), None)


@FUZZ
@given(tokens=st.lists(HTML_TOKENS, max_size=60), content_type=st.sampled_from([None, "text/html", "text/plain"]))
def test_tag_soup_never_crashes(tokens: list[str], content_type: str | None) -> None:
    outcome(("<html><body>" + "".join(tokens)).encode("utf-8"), content_type)


def mutate(content: bytes, cut: float, flips: list[tuple[float, int]]) -> bytes:
    data = bytearray(content[: max(1, int(len(content) * cut))])
    for where, value in flips:
        data[min(len(data) - 1, int(where * len(data)))] = value
    return bytes(data)
