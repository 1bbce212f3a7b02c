"""`talent dev`: the embedded local stack (broker, moto, functions behind their mappings, HR API)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from talent_tools.cli.console import console, fail


def dev(
    once: Annotated[bool, typer.Option(help="Push the sample events through, print what was stored, exit.")] = False,
    demo: Annotated[bool, typer.Option(help="Publish the sample ATS events in events/ats after start.")] = True,
    durable: Annotated[bool, typer.Option(help="Keep Kafka data in the local S3 (survives a broker restart).")] = False,
    self_managed: Annotated[
        bool, typer.Option(help="Run the template's SelfManagedKafka mappings instead of the MSK ones.")
    ] = False,
    api_port: Annotated[int, typer.Option(help="Port of the HR API on 127.0.0.1 (0: any free port).")] = 0,
    metrics_port: Annotated[
        int, typer.Option(help="Port of the Prometheus endpoint on 127.0.0.1 (0: any free port; docker/ scrapes 9464).")
    ] = 0,
    state_dir: Annotated[
        Path | None, typer.Option(help="Where the stack's state, logs and local keys live (default: .local).")
    ] = None,
    log_level: Annotated[
        str, typer.Option(help="Level of the stack's own log (runners, API adapter) on stderr: DEBUG..ERROR.")
    ] = "WARNING",
    environments: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Execution environments (worker processes) per function, made as invocations overlap; "
            "ReservedConcurrentExecutions wins where the template sets it (default: one per CPU core).",
        ),
    ] = None,
    rie: Annotated[
        bool,
        typer.Option(
            help="Invoke every function through the Lambda Runtime Interface Emulator's HTTP invoke API in front "
            "of its pool, the way a function container is invoked.",
        ),
    ] = False,
) -> None:
    """Start everything on 127.0.0.1 and keep it up until Ctrl-C or SIGTERM (or exit after the demo with --once)."""
    from talent_tools.local.dev_session import DevSession
    from talent_tools.local.logs import LEVELS, configure
    from talent_tools.local.shutdown import StopRequested, stop_on_signals

    if log_level.upper() not in LEVELS:
        raise fail(f"--log-level must be one of {', '.join(LEVELS)}, not {log_level!r}")
    configure(log_level)
    root = Path.cwd()
    if not (root / "template.yaml").is_file():
        raise fail("run `talent dev` from the project root (template.yaml not found)")
    try:
        with (
            stop_on_signals(),
            DevSession(
                root,
                durable=durable,
                kafka_source="SelfManaged" if self_managed else "MSK",
                api_port=api_port,
                metrics_port=metrics_port,
                console=console,
                state_dir=state_dir,
                environments=environments,
                over_rie=rie,
            ) as session,
        ):
            if demo:
                session.run_demo()
            if once:
                return
            console.print("[bold]stack is up[/]; Ctrl-C or SIGTERM stops it")
            session.wait_forever()
    except StopRequested as stop:  # raised while starting or running the demo: the session has stopped
        console.print(f"stopped ({stop})")
