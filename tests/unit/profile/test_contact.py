from __future__ import annotations

import pytest

from talent.profile.parse import parse_resume

from .samples import DOC_DATE, INDEED_STYLE, PLAIN_STYLE


@pytest.mark.parametrize(
    ("line", "e164"),
    [
        ("Phone: (202) 555-0173", "+12025550173"),
        ("Phone: 202.555.0173", "+12025550173"),
        ("Phone: +1 202 555 0173", "+12025550173"),
        ("Tel +44 20 7946 0958", "+442079460958"),
    ],
)
def test_phone_formats_become_e164(line: str, e164: str) -> None:
    profile = parse_resume(f"Sam Okafor\n{line}\nSkills\nPlanning\n", document_date=DOC_DATE)
    assert [p.e164 for p in profile.personal.phones] == [e164]


def test_phones_without_country_code_use_the_region_the_text_suggests() -> None:
    text = "Sam Okafor\nBengaluru, Karnataka\nMobile: 98765 43210\nSkills\nPlanning\n"
    (phone,) = parse_resume(text, document_date=DOC_DATE).personal.phones
    assert phone.e164 == "+919876543210"
    assert phone.raw == "98765 43210"


def test_emails_and_links_are_found() -> None:
    personal = parse_resume(PLAIN_STYLE, document_date=DOC_DATE).personal
    assert personal.emails == ["priya.raman@example.com"]
    assert [(link.kind, link.url) for link in personal.links] == [("linkedin", "linkedin.com/in/priya-raman-example")]


def test_a_wrapped_indeed_relay_link_is_joined() -> None:
    text = "Sam Okafor\nEmail me on Indeed: indeed.com/r/Sam-\nOkafor/0123456789abcdef\n\nSKILLS\nPlanning\n"
    links = parse_resume(text, document_date=DOC_DATE).personal.links
    assert [(link.kind, link.url) for link in links] == [("indeed", "indeed.com/r/Sam-Okafor/0123456789abcdef")]


@pytest.mark.parametrize("sample", [INDEED_STYLE, PLAIN_STYLE])
def test_the_name_is_the_first_name_like_line(sample: str) -> None:
    name = parse_resume(sample, document_date=DOC_DATE).personal.name
    assert name == sample.splitlines()[0]


def test_a_job_title_on_the_first_line_is_a_headline_not_a_name() -> None:
    profile = parse_resume("SENIOR ACCOUNTANT\nSummary\nClosing books.\n", document_date=DOC_DATE)
    assert profile.personal.name is None
    assert profile.headline == "SENIOR ACCOUNTANT"


def test_the_location_comes_from_the_header() -> None:
    assert parse_resume(INDEED_STYLE, document_date=DOC_DATE).personal.location == "Springfield, Illinois"
