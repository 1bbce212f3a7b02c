"""Progress of the long commands (benchmark embedding, evaluations, scoring many files).

On a terminal: a rich progress bar on stderr (count, rate, elapsed, time left). Otherwise (CI logs, pipes)
or with TALENT_QUIET=1: a plain line every `every` items, or nothing when quiet, so logs stay readable.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator, Sized
from typing import TypeVar

T = TypeVar("T")


def _interactive() -> bool:
    return sys.stderr.isatty() and os.environ.get("TALENT_QUIET", "") not in ("1", "true")


def tracked(items: Iterable[T], description: str, *, total: int | None = None, every: int = 200) -> Iterator[T]:
    """Yield `items`, showing how far along they are."""
    count = total if total is not None else (len(items) if isinstance(items, Sized) else None)
    if _interactive():
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
        )
        with Progress(*columns, transient=False) as progress:
            task = progress.add_task(description, total=count)
            for item in items:
                yield item
                progress.advance(task)
        return
    quiet = os.environ.get("TALENT_QUIET", "") in ("1", "true")
    started = time.perf_counter()
    for done, item in enumerate(items, 1):
        yield item
        if not quiet and done % every == 0:
            of = f"/{count}" if count is not None else ""
            sys.stderr.write(f"  {description}: {done}{of} ({time.perf_counter() - started:.0f} s)\n")
