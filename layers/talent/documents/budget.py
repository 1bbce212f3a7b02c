"""A wall-clock budget that long loops check, so no document can hold a worker for ever."""

from __future__ import annotations

import time

from talent.documents.errors import ExtractionTimeout


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.started = time.perf_counter()

    def elapsed_ms(self) -> float:
        return (time.perf_counter() - self.started) * 1000.0

    def check(self) -> None:
        """Raise ExtractionTimeout once the budget is spent. Cheap enough to call every few hundred items."""
        if time.perf_counter() - self.started > self.seconds:
            raise ExtractionTimeout(
                f"reading the document took more than {self.seconds:g} s: ask the candidate for a simpler PDF or DOCX"
            )
