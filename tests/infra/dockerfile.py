"""A minimal Dockerfile reader: enough to ask which instructions a file contains."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import NamedTuple


class Instruction(NamedTuple):
    keyword: str  # upper case: FROM, RUN, COPY, ...
    arguments: str  # continuation lines joined, comments dropped


def instructions(path: Path) -> list[Instruction]:
    logical: list[str] = []
    pending = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        logical.append(pending + line)
        pending = ""
    if pending:
        logical.append(pending)
    parsed = []
    for line in logical:
        keyword, _, arguments = line.partition(" ")
        parsed.append(Instruction(keyword.upper(), re.sub(r"\s+", " ", arguments).strip()))
    return parsed


def exec_form(arguments: str) -> list[str] | None:
    """The JSON array of an exec-form CMD/ENTRYPOINT, or None for the shell form."""
    try:
        value = json.loads(arguments)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, list) else None


def pip_install_extras(path: Path) -> set[str]:
    """Extras named by `pip install <path>[extra,...]` in RUN instructions."""
    extras: set[str] = set()
    for instruction in instructions(path):
        if instruction.keyword != "RUN" or "pip install" not in instruction.arguments:
            continue
        for group in re.findall(r"\.?/?\[([A-Za-z0-9_,\- ]+)\]", instruction.arguments):
            extras.update(name.strip() for name in group.split(","))
    return extras


def ignored_by(dockerignore: Path, path: str) -> bool:
    """Whether the build context leaves `path` out: the last .dockerignore pattern matching it or a parent
    folder wins, `!` patterns re-include (Docker's rules; `**` any number of folders, `*` within one)."""
    ignored = False
    for raw in dockerignore.read_text(encoding="utf-8").splitlines():
        pattern = raw.strip()
        if not pattern or pattern.startswith("#"):
            continue
        negate = pattern.startswith("!")
        glob = pattern.lstrip("!").strip("/")
        regex = re.escape(glob).replace(r"\*\*/", "(?:.*/)?").replace(r"\*\*", ".*").replace(r"\*", "[^/]*")
        regex = regex.replace(r"\?", "[^/]")
        parts = path.strip("/").split("/")
        if any(re.fullmatch(regex, "/".join(parts[:n])) for n in range(1, len(parts) + 1)):
            ignored = not negate
    return ignored
