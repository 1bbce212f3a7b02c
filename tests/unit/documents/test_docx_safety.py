"""Hostile DOCX packages are refused from the ZIP directory, before python-docx or lxml read them."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from docx.oxml.parser import parse_xml

from talent.documents import CorruptDocument, EncryptedDocument, Limits, UnsupportedFormat, ZipBomb, extract
from talent.documents.models import MIB
from tests.unit.documents.docxs import rezip, simple

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    + b"]><lolz>&lol9;</lolz>"
)


def test_a_part_expanding_past_the_uncompressed_limit_is_a_zip_bomb() -> None:
    # Given a DOCX carrying 51 MiB of zeros (default limit 50 MiB), which deflate to about 50 KiB
    content = rezip(simple(), add={"word/media/padding.bin": bytes(51 * MIB)})
    assert len(content) < MIB
    # When it is extracted, then it is refused as a zip bomb
    with pytest.raises(ZipBomb, match="MiB") as caught:
        extract(content, content_type=DOCX)
    assert caught.value.code == "zip_bomb"


def test_a_compression_ratio_over_the_limit_is_a_zip_bomb() -> None:
    # Given a DOCX whose parts compress far better than documents do, under a small size budget
    content = rezip(simple(), add={"word/media/padding.bin": bytes(2 * MIB)})
    # When it is extracted with a 20:1 ratio limit, then it is refused
    with pytest.raises(ZipBomb, match="compresses"):
        extract(content, content_type=DOCX, limits=Limits(docx_max_ratio=20))


def test_too_many_entries_is_a_zip_bomb() -> None:
    # Given a DOCX with 2,001 extra entries (default limit 2,000)
    content = rezip(simple(), add={f"word/media/{i}.txt": b"x" for i in range(2001)})
    # When it is extracted, then it is refused
    with pytest.raises(ZipBomb, match="files"):
        extract(content, content_type=DOCX)


def test_a_nested_archive_is_a_zip_bomb() -> None:
    # Given a DOCX that carries a ZIP archive inside
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("a.txt", "a")
    content = rezip(simple(), add={"word/media/payload.zip": inner.getvalue()})
    # When it is extracted, then it is refused
    with pytest.raises(ZipBomb, match="another archive"):
        extract(content, content_type=DOCX)


def test_an_embedded_office_package_is_allowed() -> None:
    # Given a DOCX with an embedded workbook where Word puts charts' data
    content = rezip(simple(), add={"word/embeddings/Microsoft_Excel_Worksheet.xlsx": b"PK\x05\x06" + bytes(18)})
    # When it is extracted, then the text is read
    assert "accountant" in extract(content, content_type=DOCX).text


def test_a_document_type_declaration_in_a_part_is_refused_before_parsing() -> None:
    # Given a DOCX whose document.xml is a billion-laughs entity bomb
    content = rezip(simple(), replace={"word/document.xml": LAUGHS})
    # When it is extracted, then it is refused quickly as corrupt, naming the DTD
    started = time.perf_counter()
    with pytest.raises(CorruptDocument, match="DTD"):
        extract(content, content_type=DOCX)
    assert time.perf_counter() - started < 5


def test_a_declaration_hidden_after_a_long_comment_is_still_found() -> None:
    # Given a DTD pushed 70 KB down the part by a comment
    payload = b'<?xml version="1.0"?><!--' + b"x" * 70_000 + b"-->" + LAUGHS[len(b'<?xml version="1.0"?>') :]
    content = rezip(simple(), replace={"word/document.xml": payload})
    # When it is extracted, then it is still refused
    with pytest.raises(CorruptDocument):
        extract(content, content_type=DOCX)


def test_python_docx_parser_never_expands_entities() -> None:
    # Given the XML parser python-docx uses (a second line of defence behind the DTD check)
    # When it parses an internal entity, an external entity and a billion-laughs bomb
    internal = parse_xml(b'<!DOCTYPE r [<!ENTITY a "expanded">]><r>&a;</r>')
    external = parse_xml(b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/hostname">]><r>&x;</r>')
    # Then no entity is replaced by its value, and the bomb is stopped by libxml2
    assert internal.text is None and "expanded" not in str(list(internal))
    assert external.text is None
    with pytest.raises(Exception, match="amplification"):
        parse_xml(LAUGHS)


def test_encrypted_zip_entries_are_an_encrypted_document() -> None:
    # Given a DOCX whose entries carry the ZIP "encrypted" flag
    raw = bytearray(simple())
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as archive:
        offsets = [info.header_offset for info in archive.infolist()]
    directory = raw.find(b"PK\x01\x02")
    while directory != -1:
        raw[directory + 8] |= 0x01
        directory = raw.find(b"PK\x01\x02", directory + 4)
    for offset in offsets:
        raw[offset + 6] |= 0x01
    # When it is extracted, then it is encrypted
    with pytest.raises(EncryptedDocument):
        extract(bytes(raw), content_type=DOCX)


def test_a_password_protected_word_file_is_encrypted() -> None:
    # Given an OLE2 container holding an EncryptedPackage stream (how Word saves password-protected DOCX)
    content = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptedPackage".encode("utf-16-le") + bytes(500)
    # When it is extracted, then the recruiter is told to ask for an unlocked copy
    with pytest.raises(EncryptedDocument, match="unlocked copy"):
        extract(content, content_type=DOCX)


def test_a_legacy_word_97_file_is_unsupported() -> None:
    # Given an OLE2 container without encryption (.doc)
    content = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000)
    # When it is extracted with the .doc type, then it is unsupported, with what to ask for
    with pytest.raises(UnsupportedFormat, match="DOCX or PDF"):
        extract(content, content_type="application/msword")


def test_a_truncated_docx_is_corrupt() -> None:
    # Given the first half of a DOCX
    content = simple()
    # When it is extracted, then it is corrupt
    with pytest.raises(CorruptDocument):
        extract(content[: len(content) // 2], content_type=DOCX)


def test_a_zip_without_word_parts_is_unsupported() -> None:
    # Given an ordinary ZIP archive
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("resume.txt", "text")
    # When it is extracted, then it is unsupported
    with pytest.raises(UnsupportedFormat, match="archive"):
        extract(out.getvalue(), content_type=None)
