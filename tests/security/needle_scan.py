"""Finding a candidate's name, email or phone in any blob: plain, or inside base64 at any offset and depth
(a Kafka value is base64 in the Lambda record, and an inline resume is base64 again inside it)."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator

# Avery Quinn's resume, inline in events/ats/application.submitted.1.json
NAME, EMAIL, PHONE = "Avery Quinn", "avery.quinn@example.org", "+1 555 0100"


def base64_forms(needle: str) -> list[bytes]:
    """The needle as it appears inside any base64 text, whatever its offset there (three alignments)."""
    raw = needle.encode()
    forms = []
    for shift in range(3):
        encoded = base64.b64encode(b"\0" * shift + raw)
        # Drop the characters that mix in the padding bytes before, and the last group's partial characters.
        start = (shift * 4 + 2) // 3
        end = ((shift + len(raw)) // 3) * 4
        forms.append(encoded[start:end])
    return forms


NEEDLES: dict[str, list[bytes]] = {needle: [needle.encode(), *base64_forms(needle)] for needle in (NAME, EMAIL, PHONE)}


BASE64_RUN = re.compile(rb"[A-Za-z0-9+/]{16,}={0,2}")


def decoded_layers(blob: bytes, depth: int = 3) -> Iterator[bytes]:
    """The blob, and what every base64 run in it decodes to, recursively: a Kafka value is base64 in the
    Lambda record, and an inline resume is base64 again inside it."""
    yield blob
    if depth == 0:
        return
    for run in BASE64_RUN.findall(blob):
        try:
            inner = base64.b64decode(run + b"=" * (-len(run) % 4), validate=True)
        except ValueError:
            continue
        yield from decoded_layers(inner, depth - 1)


def hits(blob: bytes) -> list[str]:
    layers = list(decoded_layers(blob))
    return [needle for needle, forms in NEEDLES.items() if any(form in layer for layer in layers for form in forms)]
