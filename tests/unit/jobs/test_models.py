"""The job requirements contract: versioned, strict, and the education scale ordered like the profile's."""

from __future__ import annotations

from typing import get_args

import pytest
from pydantic import ValidationError

from talent.jobs.models import EducationLevel, JobRequirements
from talent.jobs.parse import parse_job
from talent.profile.models import EducationLevel as ProfileEducationLevel
from tests.unit.jobs.fakes import FakeExtractor


def test_the_contract_round_trips_through_json() -> None:
    # Given a parsed posting / When dumped to JSON and read back / Then it is unchanged
    job = parse_job("Requirements:\n- SQL, 3+ years of experience\n- BS in Math", extractor=FakeExtractor("SQL"))
    assert JobRequirements.model_validate_json(job.model_dump_json()) == job


def test_unknown_fields_are_rejected() -> None:
    # Given a payload with a field the contract does not have / When validated / Then it fails
    with pytest.raises(ValidationError):
        JobRequirements.model_validate({"title": "Analyst", "salary": 10})


def test_the_education_scale_is_the_profiles_in_the_same_order() -> None:
    # Given the profile's education levels / Then the job scale holds the same values in the same order
    profile_levels = [level for level in get_args(ProfileEducationLevel) if level != "other"]
    assert [level.value for level in EducationLevel] == profile_levels
