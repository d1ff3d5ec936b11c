"""``kanalregister init``: the command that starts another body's register (see ``adopt``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .i18n import tr

# The exit code of answers the checks reject (cli.py documents every exit code).
EXIT_ERRORS = 1


@click.command("init")
@click.option("--answers", "answers_file", type=click.Path(exists=True, dir_okay=False,
                                                            path_type=Path),
              help="YAML file with the answers (for scripts); asks nothing")
@click.option("--force", is_flag=True,
              help="replace a register that is not the demo")
def init(answers_file: Path | None, force: bool) -> None:
    """Start the register of another public body: its facts, no channels yet."""
    from .adopt import (
        QUESTIONS,
        AdoptError,
        complete,
        is_demo,
        prepare,
        read_answers,
        trial,
        write,
    )

    root = Path.cwd()
    channels = root / "channels"
    if not force and channels.is_dir() and not is_demo(channels):
        raise click.UsageError(tr("init.refuse", {"channels": channels}))
    given: dict[str, Any] = {}
    if answers_file is not None:
        try:
            given = read_answers(answers_file)
        except AdoptError as exc:
            raise click.UsageError(str(exc)) from exc
    else:
        click.echo(tr("init.intro"))
        for question in QUESTIONS:
            known, _ = complete(given)
            default = question.default(known) if question.default else None
            given[question.key] = click.prompt(question.text, default=default or "",
                                               show_default=bool(default))
    answers, missing = complete(given)
    if missing:
        raise click.UsageError(tr("init.missing", {"keys": ", ".join(missing)}))
    organisation, settings = prepare(answers, channels)
    report = trial(organisation, settings["site_url"])
    if report.errors:
        for finding in report.sorted():
            click.echo(finding.format_text(), err=True)
        click.echo(tr("init.not_written"), err=True)
        sys.exit(EXIT_ERRORS)
    try:
        plan = write(root, channels, organisation, settings, force=force)
    except AdoptError as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(tr("init.done", {"organisation": plan.organisation.relative_to(root),
                                "config": plan.config.relative_to(root),
                                "removed": len(plan.removed)}))
    click.echo(tr("init.next", {"site_url": settings["site_url"]}))
