"""`python -m talent_tools.cli` is the `talent` command."""

from talent_tools.cli.main import app

app()
