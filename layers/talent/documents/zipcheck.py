"""Check a DOCX's ZIP directory before anything decompresses it: zip bombs, nested archives, XML with a DTD.

Only the central directory is read (ZipInfo), plus the first bytes of each XML part to refuse document type
declarations: Word never writes a DTD, and a DTD is how XML entity-expansion ("billion laughs") and external
entity attacks start. CPython's zipfile never returns more bytes than an entry declares, so the declared
sizes checked here also bound what python-docx will inflate later.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib

from talent.documents.errors import CorruptDocument, EncryptedDocument, ZipBomb
from talent.documents.models import MIB, Limits

# What zipfile raises on damaged archives: bad headers, unsupported versions/methods, broken deflate streams,
# and RuntimeError for members flagged encrypted in the local header only.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    struct.error,
    EOFError,
    OSError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)
_ARCHIVES = (".zip", ".gz", ".tgz", ".7z", ".rar", ".jar", ".bz2", ".xz", ".cab")
_OFFICE = (".docx", ".docm", ".xlsx", ".xlsm", ".pptx", ".pptm")
# Word embeds charts and OLE objects as whole Office packages here; they are never opened, only counted.
_EMBEDDINGS = "word/embeddings/"
_PROLOG_BYTES = 65536
_ROOT_START = re.compile(rb"<[A-Za-z_]")
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)


def check_docx_zip(content: bytes, limits: Limits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            entries = archive.infolist()
            _check_directory(entries, limits)
            for info in entries:
                if info.filename.endswith((".xml", ".rels")) and info.file_size:
                    _check_prolog(archive, info)
    except ZIP_ERRORS as exc:
        raise CorruptDocument("the DOCX file is damaged or truncated: ask the candidate to save it again") from exc


def _check_directory(entries: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(entries) > limits.docx_max_entries:
        raise ZipBomb(
            f"the DOCX holds {len(entries):,} files (limit {limits.docx_max_entries:,}): it was not opened; "
            "ask the candidate for a PDF"
        )
    total = sum(info.file_size for info in entries)
    packed = sum(info.compress_size for info in entries)
    if total > limits.docx_max_uncompressed:
        raise ZipBomb(
            f"the DOCX expands to {total / MIB:,.0f} MiB (limit {limits.docx_max_uncompressed / MIB:,.0f} MiB): "
            "it was not opened; ask the candidate for a PDF"
        )
    if packed and total / packed > limits.docx_max_ratio:
        raise ZipBomb(
            f"the DOCX compresses {total / packed:,.0f}:1 (limit {limits.docx_max_ratio:g}:1), "
            "as zip bombs do: it was not opened; ask the candidate for a PDF"
        )
    for info in entries:
        if info.flag_bits & 0x1:
            raise EncryptedDocument("the DOCX's parts are encrypted: ask the candidate for an unlocked copy")
        if info.file_size > 1 * MIB and info.file_size > limits.docx_max_ratio * max(info.compress_size, 1):
            raise ZipBomb(f"a part of the DOCX compresses over {limits.docx_max_ratio:g}:1: it was not opened")
        name = info.filename.lower()
        nested = name.endswith(_ARCHIVES) or (name.endswith(_OFFICE) and not name.startswith(_EMBEDDINGS))
        if nested:
            raise ZipBomb("the DOCX contains another archive, which Word does not produce: it was not opened")


def _check_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Refuse a DOCTYPE anywhere before the root element (comments can push it past any fixed window)."""
    with archive.open(info) as stream:
        head = stream.read(_PROLOG_BYTES)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        head = head.replace(b"\x00", b"")
    head = _COMMENT.sub(b"", head)
    root = _ROOT_START.search(head)
    prolog = head[: root.start()] if root else head
    if b"<!DOCTYPE" in prolog.upper() or (root is None and len(head) >= _PROLOG_BYTES // 2):
        raise CorruptDocument(
            "the DOCX contains XML type declarations (a DTD), which Word never writes and which can hide entity "
            "attacks: it was not opened; ask the candidate to re-save it from Word or send a PDF"
        )
