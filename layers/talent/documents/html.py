"""HTML intake with selectolax (lexbor): visible text with block structure; inline-hidden text reported apart.

Hidden means, from the element's own attributes and inline style (external CSS is not evaluated): the
`hidden` attribute, display:none, visibility:hidden, opacity:0, font-size under 4 pt, white text without a
dark inline background around it, or text pushed off-screen (text-indent/left/top beyond -999px).
"""

from __future__ import annotations

import re
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from talent.documents.budget import Deadline
from talent.documents.css import Style, parse_style
from talent.documents.errors import DocumentTooLarge, EmptyDocument
from talent.documents.models import MIB, HiddenText, Limits, RawExtraction
from talent.documents.normalise import clean_text
from talent.documents.text import decode

_DROP = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object", "canvas", "select", "button")
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "caption",
    ]
)
_CELLS = frozenset(("td", "th"))
_WS = re.compile(r"\s+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-]{2,40})""", re.IGNORECASE)
_CHECK_EVERY = 2000


def extract_html(content: bytes, limits: Limits, deadline: Deadline) -> RawExtraction:
    if len(content) > limits.html_max_bytes:
        raise DocumentTooLarge(
            f"the HTML file is {len(content) / MIB:.1f} MiB (limit {limits.html_max_bytes / MIB:.0f} MiB): "
            "ask the candidate for a PDF or DOCX"
        )
    source, warnings = _decode(content)
    tree = LexborHTMLParser(source)
    metadata = {}
    for meta in tree.css("meta"):
        if (meta.attributes.get("name") or "").lower() == "generator" and meta.attributes.get("content"):
            metadata["generator"] = str(meta.attributes["content"])[:200]
            break
    tree.strip_tags(list(_DROP))  # removes each element with its content
    walk = _Walk(deadline)
    walk.run(tree.body or tree.root)
    text = clean_text("".join(walk.out))
    if not text.strip():
        detail = " (all of it is hidden)" if walk.hidden else ""
        raise EmptyDocument(f"the HTML page contains no text{detail}: ask the candidate for the resume")
    if walk.hidden:
        warnings.append(f"{len(walk.hidden)} element(s) of hidden text found and excluded from the text")
    return RawExtraction(text=text, hidden=walk.hidden, warnings=warnings, metadata=metadata)


def _decode(content: bytes) -> tuple[str, list[str]]:
    decoded = decode(content)
    if decoded.encoding in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        return decoded.text, []
    declared = _META_CHARSET.search(content[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            return content.decode(name, "replace"), []
        except LookupError:
            pass
    return decoded.text, [f"HTML was not UTF-8; decoded as {decoded.encoding}"]


class _Walk:
    def __init__(self, deadline: Deadline) -> None:
        self.deadline = deadline
        self.out: list[str] = []
        self.hidden: list[HiddenText] = []

    def run(self, root: Any) -> None:
        # (node, dark background, inside <pre>, closing?) -- iterative: deep nesting must not hit the recursion limit
        stack: list[tuple[Any, bool, bool, bool]] = [(root, False, False, False)]
        seen = 0
        while stack:
            node, dark, pre, closing = stack.pop()
            seen += 1
            if seen % _CHECK_EVERY == 0:
                self.deadline.check()
            tag = node.tag
            if closing:
                if tag in _BLOCKS:
                    self._newline()
                continue
            if tag == "-text":
                raw = node.text(deep=False) or ""
                self.out.append(raw if pre else _WS.sub(" ", raw))
                continue
            if not isinstance(tag, str) or tag.startswith("-"):
                continue
            attributes = node.attributes
            style = parse_style(attributes.get("style"))
            kind = _hidden_kind(node, attributes, style, dark)
            if kind is not None:
                text = _WS.sub(" ", node.text(deep=True, separator=" ") or "").strip()
                if text:
                    self.hidden.append(HiddenText(kind=kind, text=text))
                continue
            if tag == "br":
                self.out.append("\n")
                continue
            if tag in _CELLS and node.prev is not None and _has_cell_before(node):
                self.out.append(" | ")
            if tag in _BLOCKS:
                self._newline()
                if tag == "li":
                    self.out.append("\u2022 ")
            dark = style.dark_background if style.dark_background is not None else dark
            pre = pre or tag == "pre"
            stack.append((node, dark, pre, True))
            stack.extend((child, dark, pre, False) for child in reversed(list(node.iter(include_text=True))))

    def _newline(self) -> None:
        """One line break between blocks, however many block boundaries meet there."""
        for chunk in reversed(self.out):
            if chunk.strip(" \t"):
                if not chunk.endswith("\n"):
                    self.out.append("\n")
                return


def _has_cell_before(node: Any) -> bool:
    sibling = node.prev
    while sibling is not None:
        if sibling.tag in _CELLS:
            return True
        sibling = sibling.prev
    return False


def _hidden_kind(node: Any, attributes: dict[str, str | None], style: Style, dark: bool) -> Any:
    if "hidden" in attributes or (node.tag == "input" and (attributes.get("type") or "").lower() == "hidden"):
        return "invisible"
    if style.invisible:
        return "invisible"
    if style.offscreen:
        return "offpage"
    if style.tiny:
        return "tiny_text"
    background_dark = style.dark_background if style.dark_background is not None else dark
    if style.white and not background_dark:
        return "white_text"
    return None
