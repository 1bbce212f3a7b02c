"""DOCX fixtures built in memory with python-docx, plus raw ZIP surgery for hostile packages."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import datetime

import docx
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph

TEXT_BOX = """
<w:r {ns} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
    xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
    xmlns:v="urn:schemas-microsoft-com:vml">
  <mc:AlternateContent>
    <mc:Choice Requires="wps">
      <w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp>
        <wps:spPr>{fill}</wps:spPr>
        <wps:txbx><w:txbxContent>{paragraphs}</w:txbxContent></wps:txbx>
      </wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>
    </mc:Choice>
    <mc:Fallback>
      <w:pict><v:shape><v:textbox><w:txbxContent>{paragraphs}</w:txbxContent></v:textbox></v:shape></w:pict>
    </mc:Fallback>
  </mc:AlternateContent>
</w:r>
"""


def build(make: Callable[[Document], object], *, modified: datetime | None = None) -> bytes:
    document = docx.Document()
    make(document)
    if modified is not None:
        document.core_properties.modified = modified
        document.core_properties.created = modified
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def add_text_box(paragraph: Paragraph, lines: list[str], *, fill_rgb: str | None = None, white: bool = False) -> None:
    """A DrawingML text box (with its VML fallback repeating the same text, as Word writes it)."""
    colour = '<w:rPr><w:color w:val="FFFFFF"/></w:rPr>' if white else ""
    paragraphs = "".join(f"<w:p><w:r>{colour}<w:t>{line}</w:t></w:r></w:p>" for line in lines)
    fill = f'<a:solidFill><a:srgbClr val="{fill_rgb}"/></a:solidFill>' if fill_rgb else ""
    xml = TEXT_BOX.format(ns=nsdecls("w", "wp", "a"), fill=fill, paragraphs=paragraphs)
    paragraph._p.append(parse_xml(xml))


def shade(paragraph: Paragraph, fill_rgb: str) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill_rgb}"/>'))


def rezip(content: bytes, *, add: dict[str, bytes] | None = None, replace: dict[str, bytes] | None = None) -> bytes:
    """The same package with entries added or replaced (deflated)."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
        for name, data in (add or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def simple(text: str = "Experienced accountant with ten years in audit and tax.") -> bytes:
    return build(lambda d: d.add_paragraph(text))
