from __future__ import annotations

from talent.profile.parse import parse_resume

from .samples import DOC_DATE, INDEED_STYLE, PLAIN_STYLE


def _jobs(text: str) -> list[tuple[str | None, str | None, int | None]]:
    return [(e.title, e.employer, e.months) for e in parse_resume(text, document_date=DOC_DATE).experience]


def test_title_then_employer_then_dates_layout() -> None:
    assert _jobs(INDEED_STYLE) == [
        ("Senior Data Engineer", "Northwind Traders Inc", 52),
        ("Data Engineer", "Contoso Ltd", 50),
    ]


def test_dates_between_employer_and_title_layout() -> None:
    assert _jobs(PLAIN_STYLE) == [("Accountant", "Company Name", 17), ("Senior Accountant", "Fabrikam Corp", 135)]


def test_title_at_employer_on_one_line() -> None:
    text = "Experience\nBackend Developer at Tailspin Toys, Jan 2020 - Dec 2021\nWrote services.\n"
    assert _jobs(text) == [("Backend Developer", "Tailspin Toys", 24)]


def test_the_description_is_the_text_under_the_header() -> None:
    first = parse_resume(INDEED_STYLE, document_date=DOC_DATE).experience[0]
    assert first.description == "Built streaming pipelines in Python and Kafka."


def test_present_is_current_and_measured_from_the_document_date() -> None:
    profile = parse_resume(INDEED_STYLE, document_date=DOC_DATE)
    current = profile.experience[0]
    assert current.current and current.end is None
    # March 2020 .. June 2024 inclusive
    assert current.months == 52


def test_overlapping_jobs_are_counted_once() -> None:
    text = (
        "Experience\n"
        "Analyst at Acme Corp, Jan 2020 - Dec 2020\nReports.\n"
        "Consultant at Globex Inc, Jul 2020 - Jun 2021\nAdvice.\n"
    )
    profile = parse_resume(text, document_date=DOC_DATE)
    assert [e.months for e in profile.experience] == [12, 12]
    assert profile.total_experience_months == 18


def test_the_same_dates_in_a_description_are_not_a_second_job() -> None:
    text = (
        "WORK EXPERIENCE\n\nQA Engineer\n\nInitech Ltd -\n\nMay 2018 to June 2019\n\n"
        "Worked on billing (May 2018 to June 2019) with a team of four.\n"
    )
    assert _jobs(text) == [("QA Engineer", "Initech Ltd", 14)]


def test_a_job_without_dates_is_kept_but_not_counted() -> None:
    text = "WORK EXPERIENCE\n\nSupport Engineer\n\nUmbrella Systems\n\nEDUCATION\n\nBSc Physics\n"
    profile = parse_resume(text, document_date=DOC_DATE)
    assert _jobs(text) == [("Support Engineer", "Umbrella Systems", None)]
    assert profile.total_experience_months == 0
    assert "experience entries without dates are not counted in total months" in profile.warnings


def test_title_comma_employer_with_dates_in_brackets():
    from datetime import date

    from talent.profile.parse import parse_resume

    # Given a header "Title, Employer (years)" as many plain-text resumes write it
    text = "EXPERIENCE\nSenior Data Engineer, Northwind Analytics (2021 - present)\n- Built pipelines.\n"
    # When parsed
    (entry,) = parse_resume(text, document_date=date(2026, 1, 1)).experience
    # Then title and employer are split and no bracket is left behind
    assert (entry.title, entry.employer, entry.current) == ("Senior Data Engineer", "Northwind Analytics", True)


def test_manager_comma_department_stays_one_title():
    from datetime import date

    from talent.profile.parse import parse_resume

    text = "EXPERIENCE\nManager, Sales (2019 - 2021)\nAcme Corp\n- Led a team.\n"
    (entry,) = parse_resume(text, document_date=date(2026, 1, 1)).experience
    assert entry.title is not None and "Sales" in entry.title
