"""`talent job FILE --json`: a file in, the requirements contract out."""

from __future__ import annotations

from pathlib import Path

import pytest

from talent.documents.errors import DocumentError
from talent.jobs.models import JobRequirements
from talent_tools.jobs.cli import job_command
from tests.unit.jobs.fakes import FakeExtractor


def test_a_text_file_gives_the_requirements_as_json(tmp_path: Path) -> None:
    # Given a plain-text job description
    path = tmp_path / "job.txt"
    path.write_text("Data Analyst\nRequirements:\n- SQL\n- 3-5 years of experience\n", encoding="utf-8")
    # When the command runs
    result = job_command(path, extractor=FakeExtractor("SQL"))
    # Then it returns the versioned contract, valid against the model
    assert result["schema_version"] == "job-requirements.v1"
    assert JobRequirements.model_validate(result).min_years_experience == 3


def test_a_corrupt_pdf_is_refused_with_intakes_typed_error(tmp_path: Path) -> None:
    # Given a PDF that is only a header / When the command runs / Then it fails with a typed error
    path = tmp_path / "job.pdf"
    path.write_bytes(b"%PDF-1.7")
    with pytest.raises(DocumentError):
        job_command(path, extractor=FakeExtractor())


def test_a_text_file_is_read_through_document_intake(tmp_path: Path) -> None:
    # Given a plain-text job description and the real document intake
    path = tmp_path / "job.txt"
    path.write_text("Nice to have:\n- SQL\n", encoding="utf-8")
    # When the command runs / Then intake's text is parsed
    result = job_command(path, extractor=FakeExtractor("SQL"))
    assert [s["label"] for s in result["preferred_skills"]] == ["SQL"]
