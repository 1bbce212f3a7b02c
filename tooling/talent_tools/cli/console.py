"""Shared console output for CLI commands."""

from __future__ import annotations

import typer
from rich.console import Console

console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a clear error and return the Exit to raise (non-zero)."""
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    return typer.Exit(code)
