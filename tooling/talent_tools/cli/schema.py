"""`talent schema export`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from talent_tools.cli.console import console

app = typer.Typer(no_args_is_help=True, help="Event contracts for integrators.")


@app.command("export")
def export(
    out: Annotated[Path, typer.Option(help="Directory to write the JSON Schemas to.")] = Path("docs/schemas"),
) -> None:
    """Write one JSON Schema per event type, generated from the pydantic models."""
    from talent_tools.contracts.schema_export import export as write_schemas

    for path in write_schemas(out):
        console.print(f"wrote {path}")


@app.command("openapi")
def openapi(
    out: Annotated[Path, typer.Option(help="Where to write the HR API's OpenAPI document.")] = Path(
        "docs/openapi.json"
    ),
) -> None:
    """Write the HR API's OpenAPI document, generated from its routes and models."""
    from talent_tools.api.openapi import write_openapi

    console.print(f"wrote {write_openapi(out)}")
