"""Personal data of the fixture candidates, and a scan of log text for it.

The markers are the candidates' names, email addresses and phone numbers (as written and in E.164, the
form the parser normalises to) from the sample resumes in events/documents and the inline resumes of the
sample ATS events. tests/conftest.py collects every test's captured stdout, stderr and log records plus
the log files of the servers the tests start, and fails the session when one of these appears.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterable
from pathlib import Path

import phonenumbers

ROOT = Path(__file__).resolve().parent.parent
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"\+?\d[\d ().-]{6,}\d")


def _resumes(root: Path) -> Iterable[str]:
    for path in sorted((root / "events" / "documents").glob("*.txt")):
        yield path.read_text(encoding="utf-8")
    for path in sorted((root / "events" / "ats").glob("*.json")):
        resume = json.loads(path.read_text(encoding="utf-8"))["data"].get("resume") or {}
        inline = (resume.get("location") or {}).get("content_base64")
        if inline:
            yield base64.b64decode(inline).decode("utf-8", errors="replace")


def personal_markers(root: Path = ROOT) -> set[str]:
    markers: set[str] = set()
    for text in _resumes(root):
        name = next((line.strip() for line in text.splitlines() if line.strip()), "")
        if name:
            markers.add(name)  # the fixtures' convention: the first line is the candidate's name
        markers.update(EMAIL.findall(text))
        for raw in PHONE.findall(text):
            markers.add(raw)
            parsed = phonenumbers.parse(raw, "US")
            markers.add(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))
    return markers


def find_personal_data(text: str, markers: Iterable[str]) -> list[str]:
    """Each marker found in `text`, with the line it was found on."""
    hits = []
    for line in text.splitlines():
        for marker in markers:
            if marker in line:
                hits.append(f"{marker!r} in: {line.strip()[:300]}")
    return hits
