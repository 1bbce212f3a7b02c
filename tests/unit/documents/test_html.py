"""HTML intake: structure to lines, scripts and styles dropped, inline-hidden text reported."""

from __future__ import annotations

import pytest

from talent.documents import DocumentTooLarge, EmptyDocument, Limits, extract

HTML = "text/html"


def page(body: str, head: str = "") -> bytes:
    return f"<!DOCTYPE html><html><head><title>CV</title>{head}</head><body>{body}</body></html>".encode()


def test_block_elements_become_lines_and_inline_elements_do_not() -> None:
    # Given headings, paragraphs with inline markup, a list and a line break
    body = "<h1>Jane Roe</h1><p>Senior <b>accountant</b> in <i>audit</i>.</p><ul><li>IFRS</li><li>SAP</li></ul>a<br>b"
    # When it is extracted
    text = extract(page(body), content_type=HTML).text
    # Then blocks are lines, inline elements stay inside them, list items are bulleted
    assert text == "Jane Roe\nSenior accountant in audit.\n\u2022 IFRS\n\u2022 SAP\na\nb"


def test_scripts_styles_and_the_head_are_dropped() -> None:
    # Given a page with a script, a style sheet and a title
    content = page("<p>Auditor.</p><script>var secret = 1;</script>", head="<style>p { color: red }</style>")
    # When it is extracted, then only the body's visible text remains
    assert extract(content, content_type=HTML).text == "Auditor."


def test_table_cells_are_joined_on_their_row() -> None:
    # Given a table of two rows
    body = "<table><tr><td>Accountant</td><td>2019 - 2023</td></tr><tr><td>Clerk</td><td>2015</td></tr></table>"
    # When it is extracted, then each row is a line with cells separated
    assert extract(page(body), content_type=HTML).text == "Accountant | 2019 - 2023\nClerk | 2015"


@pytest.mark.parametrize(
    ("markup", "kind"),
    [
        ('<span style="display:none">kubernetes</span>', "invisible"),
        ('<span style="visibility: hidden">kubernetes</span>', "invisible"),
        ("<span hidden>kubernetes</span>", "invisible"),
        ('<span style="opacity:0">kubernetes</span>', "invisible"),
        ('<span style="font-size:0">kubernetes</span>', "tiny_text"),
        ('<span style="font-size: 2px">kubernetes</span>', "tiny_text"),
        ('<span style="color:#fff">kubernetes</span>', "white_text"),
        ('<span style="color: rgb(255, 255, 255)">kubernetes</span>', "white_text"),
        ('<span style="position:absolute; left:-9999px">kubernetes</span>', "offpage"),
    ],
)
def test_inline_hidden_text_is_reported_and_excluded(markup: str, kind: str) -> None:
    # Given a paragraph with a hidden span
    content = page(f"<p>Accountant with audit experience. {markup}</p>")
    # When it is extracted
    document = extract(content, content_type=HTML)
    # Then the span is reported under its kind and is not in the text
    assert [(h.kind, h.text) for h in document.hidden_text] == [(kind, "kubernetes")]
    assert "kubernetes" not in document.text


def test_white_text_on_a_dark_background_is_visible() -> None:
    # Given a white heading inside a dark banner
    content = page('<div style="background-color:#1f3a5f"><h2 style="color:white">Experience</h2></div>')
    # When it is extracted, then it is text
    document = extract(content, content_type=HTML)
    assert document.text == "Experience"
    assert document.hidden_text == []


def test_a_page_with_only_hidden_text_is_empty() -> None:
    # Given a page whose only text is display:none
    content = page('<div style="display:none">python java</div>')
    # When it is extracted, then it is empty, and says why
    with pytest.raises(EmptyDocument, match="hidden"):
        extract(content, content_type=HTML)


def test_html_over_its_own_size_limit_is_too_large() -> None:
    # Given a 2 KiB page and a 1 KiB HTML limit
    content = page("<p>" + "word " * 400 + "</p>")
    # When it is extracted, then it is too large
    with pytest.raises(DocumentTooLarge):
        extract(content, content_type=HTML, limits=Limits(html_max_bytes=1024))


def test_deeply_nested_markup_does_not_hit_the_recursion_limit() -> None:
    # Given 20,000 nested elements
    content = page("<div>" * 20_000 + "Deep accountant" + "</div>" * 20_000)
    # When it is extracted, then the text is found
    assert "Deep accountant" in extract(content, content_type=HTML).text


def test_a_windows_1252_page_declared_by_meta_is_decoded() -> None:
    # Given a cp1252 page with a meta charset
    content = '<html><head><meta charset="windows-1252"></head><body><p>Café manager \u2013 résumé</p></body></html>'
    # When it is extracted, then accents and dashes survive
    assert extract(content.encode("cp1252"), content_type=HTML).text == "Café manager \u2013 résumé"
