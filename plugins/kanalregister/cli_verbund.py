"""The Verbund's commands: ``fetch``, ``verbund-check`` (also ``check`` in a folder with
``verbund.yml``) and ``verify`` across members (its exit codes are in cli.py)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .i18n import tr
from .verbund import CONFIG_FILE, is_verbund

# The features are imported inside each function: importing the CLI loads none of them.
if TYPE_CHECKING:
    from .findings import Findings
    from .verbund.data import Verbund
    from .verbund.fetch import FetchOptions, Outcome
    from .verify import Verdict

def fetch_options() -> FetchOptions:
    """The limits of ``kanalregister fetch`` (tests replace this to reach 127.0.0.1)."""
    from .verbund.fetch import FetchOptions

    return FetchOptions()


def run_fetch(project: Path, *, today: dt.date) -> tuple[list[str], Findings, bool]:
    """Fetch every member; the lines to print, the findings of the stored data afterwards,
    and whether any member failed or was invalid."""
    from .finding_codes import Reporter
    from .findings import Findings
    from .verbund.data import load_verbund
    from .verbund.fetch import fetch_all

    reporter = Reporter()
    verbund, found = load_verbund(project, today=today, reporter=reporter)
    report = Findings()
    if verbund is None:
        report.extend(found)
        return [], report, True
    outcomes = fetch_all(project, verbund.config, fetch_options())
    lines = [_line(o) for o in outcomes]
    problems = sum(o.state.result in ("failed", "invalid") for o in outcomes)
    lines.append(tr("cli.fetch_summary", {"ok": len(outcomes) - problems,
                                          "total": len(outcomes), "problems": problems}))
    _, after = load_verbund(project, today=today, reporter=reporter)
    report.extend(after)
    return lines, report, problems > 0


def _line(outcome: Outcome) -> str:
    state = outcome.state
    params = {"member": outcome.member.id, "channels": outcome.channels,
              "reason": state.reason or ""}
    return tr(f"cli.fetch_{state.result}", params)


def verbund_findings(project: Path, *, today: dt.date) -> tuple[Verbund | None, Findings]:
    """Everything ``check`` reports in a Verbund project: the stored data and the conflicts
    between members."""
    from .finding_codes import Reporter
    from .findings import Findings
    from .register.platforms import load_registry
    from .verbund.conflicts import conflicts
    from .verbund.data import load_verbund

    reporter = Reporter()
    verbund, found = load_verbund(project, today=today, reporter=reporter)
    report = Findings()
    report.extend(found)
    if verbund is not None:
        report.extend(conflicts(verbund, load_registry(), reporter=reporter))
    return verbund, report


def require_verbund(project: Path) -> str | None:
    """The message when ``project`` is not a Verbund project, else None."""
    if is_verbund(project):
        return None
    return tr("cli.not_verbund", {"path": project / CONFIG_FILE})


def verify_across(project: Path, text: str) -> tuple[Verdict, list[str], dict[str, object]]:
    """The verdict across every member, its text lines and its JSON (exit codes: cli.py)."""
    from .register.platforms import load_registry
    from .verify_text import format_text
    from .verify_verbund import verbund_verifier

    verbund, _report = verbund_findings(project, today=dt.date.today())
    if verbund is None:
        raise click.UsageError(require_verbund(project) or f"{project / CONFIG_FILE}: "
                               "unbrauchbar ('kanalregister check' im Verbund-Ordner)")
    verdict = verbund_verifier(verbund, load_registry()).verify(text)
    lines = format_text(verdict, verbund=verbund.config.name)
    data: dict[str, object] = {**verdict.to_json(), "verbund": verbund.config.name}
    return verdict, lines, data


_project_option = click.option(
    "--project", type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path("."), show_default=True, help="Verbund project folder (with verbund.yml)")


@click.command("fetch")
@_project_option
@click.option("--today", help="reference date YYYY-MM-DD for the age of exports")
def fetch_command(project: Path, today: str | None) -> None:
    """Download the members' kanaele.json into daten/ (https only, conditional requests);
    a member that fails keeps its last good data. Exit code 1 when a member failed or sent
    an invalid export."""
    message = require_verbund(project)
    if message:
        raise click.UsageError(message)
    lines, report, problems = run_fetch(project, today=parse_day(today))
    for line in lines:
        click.echo(line)
    for finding in report.sorted():
        click.echo(finding.format_text())
    sys.exit(1 if problems or report.errors else 0)


@click.command("verbund-check")
@_project_option
@click.option("--today", help="reference date YYYY-MM-DD for the age of exports")
def verbund_check_command(project: Path, today: str | None) -> None:
    """Check a Verbund project: stored data, stale exports and conflicts between members
    ('kanalregister check' does the same in a folder with verbund.yml)."""
    sys.exit(print_verbund_check(project, today))


def print_verbund_check(project: Path, today: str | None) -> int:
    """Print the Verbund's findings; the exit code (1 with errors)."""
    message = require_verbund(project)
    if message:
        raise click.UsageError(message)
    _, report = verbund_findings(project, today=parse_day(today))
    for finding in report.sorted():
        click.echo(finding.format_text())
    click.echo(tr("cli.summary", {"errors": len(report.errors),
                                  "warnings": len(report.warnings)}))
    return 1 if report.errors else 0


def parse_day(text: str | None) -> dt.date:
    """``--today`` as a date (default: today)."""
    from .settings import SettingsError, parse_today

    try:
        return parse_today(text, source="--today") or dt.date.today()
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from exc
