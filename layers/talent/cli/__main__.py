"""`python -m talent.cli` is the `talent` command."""

from talent.cli.main import app

app()
