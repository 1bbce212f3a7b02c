"""Document intake: PDF, DOCX, HTML and plain text to text in reading order, with typed errors for what cannot be used.

from talent.documents import extract, DocumentError
try:
    doc = extract(content, content_type="application/pdf", filename="cv.pdf")
except DocumentError as error:
    ...  # error.code (stable snake_case) and error.message (for the recruiter)
"""

from talent.documents.errors import (
    CorruptDocument,
    DocumentError,
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    ExtractionTimeout,
    NeedsOcr,
    TooManyPages,
    TypeMismatch,
    UnsupportedFormat,
    ZipBomb,
)
from talent.documents.extract import extract
from talent.documents.models import DateSource, DocumentFormat, ExtractedDocument, HiddenKind, HiddenText, Limits

__all__ = [
    "CorruptDocument",
    "DateSource",
    "DocumentError",
    "DocumentFormat",
    "DocumentTooLarge",
    "EmptyDocument",
    "EncryptedDocument",
    "ExtractedDocument",
    "ExtractionTimeout",
    "HiddenKind",
    "HiddenText",
    "Limits",
    "NeedsOcr",
    "TooManyPages",
    "TypeMismatch",
    "UnsupportedFormat",
    "ZipBomb",
    "extract",
]
