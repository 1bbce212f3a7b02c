"""What intake returns (ExtractedDocument), what it enforces (Limits), and what each format reader hands back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

MIB = 1024 * 1024

DocumentFormat = Literal["pdf", "docx", "html", "text"]
HiddenKind = Literal["white_text", "tiny_text", "invisible", "offpage", "vanish"]
DateSource = Literal["event", "metadata", "none"]


class Limits(BaseModel):
    """Every bound intake enforces. Defaults fit resumes and job descriptions with a wide margin."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_bytes: int = Field(default=10 * MIB, gt=0)
    max_pages: int = Field(default=30, gt=0)
    docx_max_uncompressed: int = Field(default=50 * MIB, gt=0, description="sum of the ZIP entries' declared sizes")
    docx_max_ratio: float = Field(default=100.0, gt=1, description="uncompressed / compressed, per entry and overall")
    docx_max_entries: int = Field(default=2000, gt=0)
    html_max_bytes: int = Field(default=5 * MIB, gt=0)
    max_text_chars: int = Field(default=1_000_000, gt=0, description="cap on decoded/extracted text length")
    ocr_min_chars_per_page: int = Field(
        default=20, ge=0, description="a page with images and fewer visible characters than this needs OCR"
    )
    time_budget_s: float = Field(default=20.0, gt=0, description="wall-clock budget for one extraction")


class HiddenText(BaseModel):
    """Text present in the file but not visible to a reader (keyword stuffing); excluded from `text`."""

    model_config = ConfigDict(frozen=True)

    kind: HiddenKind
    text: str
    page: int | None = Field(default=None, description="1-based page for PDF; None where the format has no pages")


class ExtractedDocument(BaseModel):
    """The text of a document in reading order, with what was found about it.

    `text` layout: lines end with "\\n"; a blank line separates blocks (paragraphs, table rows of long
    cells, columns, sections); PDF pages are separated by "\\f" (form feed). Runs of spaces and tabs are one
    space, lines carry no leading/trailing spaces, and there are never two blank lines in a row. Hidden text
    (see `hidden_text`) is not in `text`.
    """

    model_config = ConfigDict(frozen=True)

    text: str
    pages: int = Field(ge=1, description="PDF: page count; DOCX: pages Word last recorded (1 if absent); else 1")
    format: DocumentFormat
    language: str = Field(description="ISO 639-1 code, or 'unknown' when there is too little text to tell")
    language_confidence: float = Field(ge=0.0, le=1.0)
    hidden_text: list[HiddenText] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    document_date: date | None = None
    date_source: DateSource = "none"
    metadata: dict[str, str] = Field(
        default_factory=dict,
        description="producing application only (producer, creator, application); no personal fields",
    )
    extraction_ms: float = Field(ge=0.0)


@dataclass
class RawExtraction:
    """What a format reader returns before language, dates and timing are added."""

    text: str
    pages: int = 1
    hidden: list[HiddenText] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)
    metadata_date: date | None = None
