"""Where a running `talent dev` stack can be reached: written on start, read by other commands."""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import BaseModel

from talent_tools.local.template import PhysicalNames

STATE_FILE = "stack.json"
DEFAULT_STATE_DIR = Path(".local")


class StackState(BaseModel):
    pid: int
    bootstrap: str
    aws_endpoint: str
    api_url: str | None = None
    refs: dict[str, str] = {}
    attrs: dict[str, str] = {}  # "LogicalId.Attribute" -> value

    @classmethod
    def of(cls, bootstrap: str, aws_endpoint: str, api_url: str | None, names: PhysicalNames) -> StackState:
        return cls(
            pid=os.getpid(),
            bootstrap=bootstrap,
            aws_endpoint=aws_endpoint,
            api_url=api_url,
            refs=dict(names.refs),
            attrs={f"{logical}.{attr}": value for (logical, attr), value in names.attrs.items()},
        )

    def names(self) -> PhysicalNames:
        attrs = {}
        for key, value in self.attrs.items():
            logical, attr = key.split(".", 1)
            attrs[(logical, attr)] = value
        return PhysicalNames(refs=dict(self.refs), attrs=attrs)


def write_state(state: StackState, state_dir: Path) -> Path:
    path = state_dir / STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(state.model_dump_json(indent=2), encoding="utf-8")
    return path


def clear_state(state_dir: Path) -> None:
    (state_dir / STATE_FILE).unlink(missing_ok=True)


def read_state(state_dir: Path = DEFAULT_STATE_DIR) -> StackState | None:
    """The running stack's state, or None when there is none (or its process is gone)."""
    path = state_dir / STATE_FILE
    if not path.exists():
        return None
    state = StackState.model_validate(json.loads(path.read_text(encoding="utf-8")))
    try:
        os.kill(state.pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return None
    return state
