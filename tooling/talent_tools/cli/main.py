"""`talent`: run the local stack, invoke functions, produce events, export schemas."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from talent_tools.cli import dev, evaluate, invoke, produce, provision, runner, schema, scoring, token, understand

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__)
app.add_typer(schema.app, name="schema")
app.add_typer(evaluate.app, name="eval")
app.command("dev")(dev.dev)
app.command("invoke")(invoke.invoke)
app.command("produce")(produce.produce)
app.command("provision")(provision.provision)
app.command("runner")(runner.runner)
app.command("token")(token.token)
app.command("parse")(understand.parse)
app.command("skills")(understand.skills)
app.command("job")(understand.job)
app.command("score")(scoring.score)
app.command("rank")(scoring.rank)
app.command("classify")(scoring.classify)


def _version(value: bool) -> None:
    if value:
        from talent import __version__

        typer.echo(f"talent {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", help="No progress bars or progress lines (as TALENT_QUIET=1 does).")
    ] = False,
) -> None:
    """`talent`: run the local stack, invoke functions, produce events, export schemas."""
    if quiet:
        os.environ["TALENT_QUIET"] = "1"  # read by talent_tools.progress, here and in the processes started


@app.command("train")
def train(
    config: Annotated[Path, typer.Option(help="Training configuration (TOML).")] = Path(
        "training/configs/screening.toml"
    ),
    out: Annotated[Path, typer.Option(help="Where the run's models, metrics and plots go.")] = Path("build/train"),
    device: Annotated[str | None, typer.Option(help="cpu (default) or cuda.")] = None,
    publish: Annotated[
        str | None, typer.Option(metavar="s3://BUCKET/KEY", help="The pointer to write when the gate promotes.")
    ] = None,
    feedback_lake: Annotated[
        str | None, typer.Option(metavar="s3://LAKE_BUCKET", help="HR decisions in the event lake as training queries.")
    ] = None,
    family_kind: Annotated[
        str | None, typer.Option(help="Job-family classifier: terms (the config's default), head or finetune.")
    ] = None,
    fast_dev_run: Annotated[bool, typer.Option(help="150 resumes, a few epochs and steps.")] = False,
) -> None:
    """Train, evaluate, register in MLflow and promote the screening models (needs the training venv:
    `make train-venv`, then .venv-train/bin/talent train)."""
    try:
        from talent_training.pipeline.run import main
    except ImportError as exc:
        raise typer.BadParameter(
            "`talent train` needs the training packages: `make train-venv` and run .venv-train/bin/talent train"
        ) from exc
    args = ["--config", str(config), "--out", str(out)]
    for flag, value in (
        ("--device", device),
        ("--publish", publish),
        ("--feedback-lake", feedback_lake),
        ("--family-kind", family_kind),
    ):
        args += [flag, value] if value else []
    args += ["--fast-dev-run"] if fast_dev_run else []
    raise typer.Exit(main(args))
