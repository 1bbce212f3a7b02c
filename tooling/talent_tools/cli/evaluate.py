"""`talent eval parser | skills | jobs | ranker | classifier`: the evaluations on ../shared/data, printed as tables
(or, with --json, as one JSON object with the same numbers)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(no_args_is_help=True, help="Evaluations on the public data in ../shared/data.")
JsonFlag = Annotated[bool, typer.Option("--json", help="Print the results as one JSON object instead of tables.")]


@app.command("parser")
def parser(
    robustness: Annotated[bool, typer.Option(help="Also parse every real document and livecareer PDF.")] = True,
    tagger: Annotated[bool, typer.Option(help="Add the alias + tagger skills row (needs `make models`).")] = False,
    side_by_side: Annotated[
        Path | None,
        typer.Option(
            metavar="PYTHON",
            help="Also run pyresparser (PyPI) on the same inputs with this venv's python (`make .venv-oss`).",
        ),
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """Resume parser on the DataTurks annotations (dev and test splits), plus robustness."""
    from talent_tools.evaluation.parser import main

    args = ["--robustness"] if robustness else []
    args += ["--tagger"] if tagger else []
    args += ["--side-by-side", str(side_by_side)] if side_by_side else []
    args += ["--json"] if json_output else []
    raise typer.Exit(main(args))


@app.command("skills")
def skills(
    split: Annotated[
        str, typer.Option(help="SkillSpan split: dev-eval (the held-out half of dev), dev-fit, dev, train.")
    ] = "dev-eval",
    alias_only: Annotated[
        bool, typer.Option(help="Only the alias matcher's SkillSpan rows (no tagger, linker or DataTurks; seconds).")
    ] = False,
    taxonomy: Annotated[Path | None, typer.Option(help="Another taxonomy artifact (default: the built one).")] = None,
    json_output: JsonFlag = False,
) -> None:
    """Skill extractors: SkillSpan spans, ESCO linking, DataTurks resumes, job requirements."""
    from talent_tools.skills.evaluate import main

    args = ["--split", split] + (["--alias-only"] if alias_only else []) + (["--json"] if json_output else [])
    args += ["--taxonomy", str(taxonomy)] if taxonomy is not None else []
    raise typer.Exit(main(args))


@app.command("jobs")
def jobs(
    limit: Annotated[int | None, typer.Option(help="Evaluate only the first N postings of each set.")] = None,
    data_dir: Annotated[Path | None, typer.Option(help="The public data (default: ../shared/data).")] = None,
    json_output: JsonFlag = False,
) -> None:
    """Required-vs-preferred, minimum years and robustness of the job parser on the postings."""
    from talent_tools.evaluation.jobs import main

    args = ["--limit", str(limit)] if limit is not None else []
    args += ["--data-dir", str(data_dir)] if data_dir is not None else []
    args += ["--json"] if json_output else []
    main(args)


@app.command("ranker")
def ranker(
    fast: Annotated[
        bool, typer.Option(help="The fit suite on small fixed-seed samples (what `make eval` runs).")
    ] = False,
    feedback_lake: Annotated[
        str, typer.Option(metavar="s3://BUCKET", help="Add the HR feedback row from this event lake.")
    ] = "",
    benchmark: Annotated[Path | None, typer.Option(help="The benchmark table (default: the built one).")] = None,
    model: Annotated[Path | None, typer.Option(help="A ranker folder (default: the served one).")] = None,
    json_output: JsonFlag = False,
) -> None:
    """The fit suite: family, occupation-level, fit AUC, sensitivity and job-title rows, ranker vs baselines."""
    from talent_tools.ranking.evaluate import main

    args = ["--fast"] if fast else []
    args += ["--feedback-lake", feedback_lake] if feedback_lake else []
    args += ["--benchmark", str(benchmark)] if benchmark is not None else []
    args += ["--model", str(model)] if model is not None else []
    args += ["--json"] if json_output else []
    raise typer.Exit(main(args))


@app.command("classifier")
def classifier(
    compare: Annotated[
        list[Path] | None, typer.Option(help="Another classifier folder to evaluate beside it (repeatable).")
    ] = None,
    json_output: JsonFlag = False,
) -> None:
    """Job-family classifier top-1 / top-3, F1 per family, calibration, confusion matrix (held-out resumes)."""
    from talent_tools.ranking.family_classifier_evaluation import main

    args = [arg for folder in compare or [] for arg in ("--compare", str(folder))]
    raise typer.Exit(main(args + (["--json"] if json_output else [])))
