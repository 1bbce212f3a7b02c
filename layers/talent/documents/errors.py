"""One exception per reason a document cannot be used, each with a stable code and a message a recruiter can act on."""

from __future__ import annotations

from typing import ClassVar


class DocumentError(Exception):
    """Base of every intake failure: `code` is stable snake_case (APIs, metrics); `message` is for the recruiter."""

    code: ClassVar[str] = "document_error"
    default_message: ClassVar[str] = "the document could not be read: ask the candidate for a PDF or DOCX copy"

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)

    def as_dict(self) -> dict[str, str]:
        return {"type": self.code, "message": self.message}


class EncryptedDocument(DocumentError):
    code = "encrypted"
    default_message = "encrypted PDF: ask the candidate for an unlocked copy"


class CorruptDocument(DocumentError):
    code = "corrupt"
    default_message = "the file is damaged and cannot be opened: ask the candidate to export it again"


class EmptyDocument(DocumentError):
    code = "empty"
    default_message = "the document contains no text: ask the candidate for the resume with its content"


class NeedsOcr(DocumentError):
    code = "needs_ocr"
    default_message = (
        "the document is a scan or an image without a text layer: run OCR or ask the candidate for a text PDF or DOCX"
    )


class UnsupportedFormat(DocumentError):
    code = "unsupported_format"
    default_message = "this file type is not supported: ask the candidate for a PDF, DOCX, HTML or plain-text resume"


class TypeMismatch(DocumentError):
    code = "type_mismatch"
    default_message = "the file's content does not match its declared type: check the upload"


class DocumentTooLarge(DocumentError):
    code = "too_large"
    default_message = "the document is too large: ask the candidate for a shorter or compressed copy"


class TooManyPages(DocumentError):
    code = "too_many_pages"
    default_message = "the document has too many pages for a resume: ask the candidate for the resume alone"


class ZipBomb(DocumentError):
    code = "zip_bomb"
    default_message = (
        "the DOCX expands to far more data than a resume holds (possible zip bomb): it was not opened; "
        "ask the candidate for a PDF"
    )


class ExtractionTimeout(DocumentError):
    code = "timeout"
    default_message = "reading the document took too long: ask the candidate for a simpler PDF or DOCX"


ALL_ERRORS: tuple[type[DocumentError], ...] = (
    EncryptedDocument,
    CorruptDocument,
    EmptyDocument,
    NeedsOcr,
    UnsupportedFormat,
    TypeMismatch,
    DocumentTooLarge,
    TooManyPages,
    ZipBomb,
    ExtractionTimeout,
)
