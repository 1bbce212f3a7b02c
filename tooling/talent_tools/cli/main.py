"""`talent`: run the local stack, invoke functions, produce events, export schemas."""

from __future__ import annotations

import typer

from talent_tools.cli import dev, evaluate, invoke, produce, schema, scoring, token, understand

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__)
app.add_typer(schema.app, name="schema")
app.add_typer(evaluate.app, name="eval")
app.command("dev")(dev.dev)
app.command("invoke")(invoke.invoke)
app.command("produce")(produce.produce)
app.command("token")(token.token)
app.command("parse")(understand.parse)
app.command("skills")(understand.skills)
app.command("job")(understand.job)
app.command("score")(scoring.score)
app.command("rank")(scoring.rank)
app.command("classify")(scoring.classify)


@app.command("train", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def train(context: typer.Context) -> None:
    """Train, evaluate, register in MLflow and promote the screening models (training venv). Options:
    python -m talent_training.pipeline.run --help."""
    try:
        from talent_training.pipeline.run import main
    except ImportError as exc:
        raise typer.BadParameter(
            "`talent train` needs the training packages: `make train-venv` and run .venv-train/bin/talent train"
        ) from exc
    raise typer.Exit(main(list(context.args)))
