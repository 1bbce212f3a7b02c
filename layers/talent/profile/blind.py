"""Blind screening: drop the personal fields and redact their strings from the free text that remains."""

from __future__ import annotations

import re
from typing import Any

from talent.profile.models import PersonalFields, ResumeProfile

REDACTED = "[redacted]"
_KEEP = frozenset({"schema_version", "document", "personal", "blinded"})


def _patterns(personal: PersonalFields) -> list[re.Pattern[str]]:
    literals: list[str] = [*personal.emails, *(link.url for link in personal.links)]
    for phone in personal.phones:
        literals.append(phone.raw)
        if phone.e164:
            literals.append(phone.e164)
    if personal.location:
        literals.append(personal.location)
    patterns = [re.compile(re.escape(s), re.IGNORECASE) for s in sorted(set(literals), key=len, reverse=True) if s]
    if personal.name:
        # Each part of the name on its own too: "Ms Doe" or "JANE" in a summary identify as well.
        parts = {p.strip(".") for p in personal.name.split()} | {personal.name}
        for part in sorted(parts, key=len, reverse=True):
            if len(part) >= 2:
                patterns.append(re.compile(rf"(?<!\w){re.escape(part)}(?!\w)", re.IGNORECASE))
    return patterns


def redact(value: Any, patterns: list[re.Pattern[str]]) -> Any:
    """Every match of `patterns` in the strings of a dumped model (lists and dicts walked) replaced."""
    if isinstance(value, str):
        for pattern in patterns:
            value = pattern.sub(REDACTED, value)
        return value
    if isinstance(value, list):
        return [redact(v, patterns) for v in value]
    if isinstance(value, dict):
        return {k: redact(v, patterns) for k, v in value.items()}
    return value


def blind_profile(profile: ResumeProfile) -> ResumeProfile:
    patterns = _patterns(profile.personal)
    data = profile.model_dump()
    blinded = {k: (v if k in _KEEP else redact(v, patterns)) for k, v in data.items()}
    blinded["personal"] = PersonalFields().model_dump()
    blinded["blinded"] = True
    return ResumeProfile.model_validate(blinded)
