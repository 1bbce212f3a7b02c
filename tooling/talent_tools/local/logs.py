"""Logging for the local stack's own components (`talent dev --log-level`): to stderr, one line each, with
the fields passed as `extra` (mapping, error, records...) kept, which the default format drops."""

from __future__ import annotations

import logging
import sys

# Attributes every LogRecord has: anything else on a record came in through `extra`.
_STANDARD = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}
LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class ExtraFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extra = {k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")}
        return line + "".join(f" {k}={v!r}" for k, v in sorted(extra.items()))


def configure(level: str, stream: object = None) -> logging.Handler:
    """Send the tooling's own loggers (`talent_tools.*`) to stderr at `level`; returns the handler."""
    handler = logging.StreamHandler(stream or sys.stderr)  # type: ignore[arg-type]
    handler.setFormatter(ExtraFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", "%H:%M:%S"))
    tooling = logging.getLogger("talent_tools")
    tooling.handlers = [handler]
    tooling.setLevel(level.upper())
    tooling.propagate = False
    return handler
