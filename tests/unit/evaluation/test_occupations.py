"""OccupationIndex on a tiny O*NET folder written by the test: exact titles, votes, the fallback and the SOC grades."""

from __future__ import annotations

from pathlib import Path

import pytest

from talent_tools.evaluation.ranking.occupations import OccupationIndex, normalise, relevance


def _write(path: Path, header: str, rows: list[str]) -> None:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


@pytest.fixture
def index(tmp_path: Path) -> OccupationIndex:
    _write(
        tmp_path / "Occupation Data.txt",
        "O*NET-SOC Code\tTitle\tDescription",
        [
            "29-1141.00\tRegistered Nurses\tCare.",
            "13-2011.00\tAccountants and Auditors\tBooks.",
            "11-2022.00\tSales Managers\tSell.",
            "29-1229.03\tUrologists\tUrology.",
            "11-9199.00\tManagers, All Other\tManage.",
            "11-9199.10\tWind Energy Development Managers\tWind.",
            "25-1011.00\tBusiness Teachers, Postsecondary\tTeach.",
            "25-1054.00\tPhysics Teachers, Postsecondary\tTeach.",
        ],
    )
    _write(
        tmp_path / "Sample of Reported Titles.txt",
        "O*NET-SOC Code\tReported Job Title\tShown in My Next Move",
        ["29-1141.00\tER RN (Emergency Room Registered Nurse)\tY", "13-2011.00\tStaff Accountant\tY"],
    )
    _write(
        tmp_path / "Alternate Titles.txt",
        "O*NET-SOC Code\tAlternate Title\tShort Title\tSource(s)",
        [
            "29-1229.03\tOwner\tn/a\t10",
            "25-1011.00\tTeacher\tn/a\t02",
            "25-1054.00\tTeacher\tn/a\t02",
            "11-2022.00\tSales Manager\tn/a\t02",
            "11-9199.10\tWind Farm Developer\tn/a\t10",
            "11-9199.10\tField Supervisor\tn/a\t10",
            "29-1141.00\tStaff Accountant\tn/a\t10",
        ],
    )
    return OccupationIndex.load(tmp_path)


def test_normalise_is_lower_case_words_singular_with_abbreviations_spelled_out() -> None:
    assert normalise("Sr. Registered Nurses & Mgr") == "senior registered nurse and manager"


def test_the_occupation_title_matches_in_the_singular(index: OccupationIndex) -> None:
    assert index.match("Registered Nurse") == "29-1141.00"


def test_each_parenthesised_form_of_a_reported_title_matches(index: OccupationIndex) -> None:
    assert index.match("ER RN") == "29-1141.00"
    assert index.match("emergency room registered nurse") == "29-1141.00"


def test_a_reported_title_outvotes_an_alternate_title(index: OccupationIndex) -> None:
    assert index.match("Staff Accountant") == "13-2011.00"


def test_each_job_an_occupation_title_names_matches(index: OccupationIndex) -> None:
    assert index.match("Auditor") == "13-2011.00"


def test_a_tie_across_broad_groups_is_no_match(index: OccupationIndex) -> None:
    assert index.match("Teacher") is None


def test_generic_words_alone_never_match(index: OccupationIndex) -> None:
    assert index.match("Owner") is None
    assert index.match("Vice President") is None


def test_the_fallback_cuts_what_follows_and_drops_seniority(index: OccupationIndex) -> None:
    found = index.explain("Junior Sales Manager Job in San Diego")
    assert found is not None and (found.code, found.how) == ("11-2022.00", "stripped")
    assert index.match("Senior Registered Nurse II") == "29-1141.00"


def test_the_fallback_takes_a_reported_ending_of_two_words(index: OccupationIndex) -> None:
    found = index.explain("Payroll Staff Accountant")
    assert found is not None and (found.code, found.how) == ("13-2011.00", "suffix")


def test_a_specialty_reached_by_an_alternate_title_only_is_folded_into_its_occupation(
    index: OccupationIndex,
) -> None:
    assert index.match("Wind Farm Developer") == "11-9199.00"
    assert index.match("Wind Energy Development Manager") == "11-9199.10"


def test_an_alternate_title_is_no_fallback_ending(index: OccupationIndex) -> None:
    assert index.match("Wind Farm Developer") == "11-9199.00"
    assert index.match("Offshore Wind Farm Developer") is None


def test_a_fallback_claims_no_specialty(index: OccupationIndex) -> None:
    found = index.explain("Senior Wind Energy Development Manager")
    assert found is not None and (found.code, found.how) == ("11-9199.00", "stripped")


def test_vague_and_generic_words_make_no_match(index: OccupationIndex) -> None:
    assert index.match("Field Supervisor") is None
    assert index.match("Senior Field Supervisor") is None


def test_placeholder_places_before_a_title_are_ignored(index: OccupationIndex) -> None:
    assert index.match("City , State Registered Nurse") == "29-1141.00"


def test_first_takes_the_first_title_that_maps(index: OccupationIndex) -> None:
    found = index.first(["Volunteer", "Sales Manager", "Registered Nurse"])
    assert found is not None and found.code == "11-2022.00"


def test_relevance_follows_the_soc_tree() -> None:
    assert relevance("29-1141.00", "29-1141.00") == 4
    assert relevance("29-1141.00", "29-1141.01") == 3
    assert relevance("29-1141.00", "29-1171.00") == 2
    assert relevance("29-1141.00", "29-2061.00") == 1
    assert relevance("29-1141.00", "13-2011.00") == 0
