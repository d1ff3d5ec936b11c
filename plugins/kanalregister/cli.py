"""The command line: click commands only, and the only place with exit codes.

Exit codes: 0 clean, 1 findings with errors, 2 usage or configuration problem;
``verify``: 0 official (a paused channel too), 5 official only on the listed channels (a name
without a platform), 3 formerly official (archived), 4 not official (not listed, or planned
and not yet in operation), 6 a known fake, 2 no account (unusable input or an e-mail
address);
``export``: 0, or 2 when no Wikidata item is known for ``--format quickstatements``;
``links``: 1 only when a link is broken or an account's live status shows a problem (moved,
suspended, an unverified register link, a broken Bluesky handle); unverifiable platforms do
not fail;
``init`` (cli_init.py): 1 when the checks reject the answers, 2 when it refuses to replace a
register that is not the demo or answers are missing.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .cli_init import init as init_command
from .cli_verbund import fetch_command, verbund_check_command
from .findings import Findings, Severity
from .i18n import LANGUAGES, set_language, tr
from .links import report as linkreport
from .links.model import KINDS as LINK_KINDS
from .paths import SCHEMA_FILE
from .settings import Settings, SettingsError, parse_today

if TYPE_CHECKING:
    from .newchannel.questions import Question
    from .pipeline import Outcome

# Each command imports the feature it runs inside its own body: "kanalregister --version" or a
# command's --help does not load the register, the checks and pydantic first.

FORMATS = click.Choice(["text", "json", "github"])
EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2
EXIT_ONLY_ON = 5
VERIFY_EXITS = {"official": 0, "only-on": EXIT_ONLY_ON, "archived": 3, "not-listed": 4,
                "planned": 4, "email": EXIT_USAGE, "unusable": EXIT_USAGE,
                "known-fake": 6}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kanalregister")
@click.option("--lang", type=click.Choice(LANGUAGES),
              help="language of messages and hints (default: KANALREGISTER_LANG, else de)")
def main(lang: str | None) -> None:
    """Kanalregister: check and publish a register of official social-media channels."""
    set_language(lang)


def _settings(path: Path | None, today: str | None) -> Settings:
    """Settings from the project in the current directory, or for the channels at ``path``."""
    from .project import ProjectError, load_settings

    root = Path.cwd()
    try:
        parsed = parse_today(today, source="--today")
    except SettingsError as exc:
        raise click.UsageError(str(exc)) from exc
    try:
        return load_settings(root, channels=path.resolve() if path else None, today=parsed)
    except ProjectError as exc:
        raise click.UsageError(str(exc)) from exc


def _run(settings: Settings, *, scan_markdown: bool) -> Outcome:
    from .pipeline import ConfigError, run

    if not settings.channels_dir.is_dir():
        raise click.UsageError(f"no channels folder at {settings.channels_dir}")
    try:
        return run(settings, scan_markdown=scan_markdown)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc


def _print(report: Findings, fmt: str, *, summary: bool) -> None:
    findings = report.sorted()
    if fmt == "json":
        click.echo(report.to_json())
        return
    if fmt == "github":
        for finding in findings:
            click.echo(finding.format_github())
    else:
        for finding in findings:
            click.echo(finding.format_text())
    if summary and findings and fmt == "text":
        click.echo("")
        click.echo(tr("cli.summary_header"))
        for code, severity, count in report.counts():
            click.echo(f"{code:<8} {tr('severity.' + severity.value):<8} {count:>5}")
    errors, warnings = len(report.errors), len(report.warnings)
    # Machine formats keep stdout parseable; the count goes to stderr there.
    click.echo(tr("cli.summary", {"errors": errors, "warnings": warnings}), err=fmt != "text")


def _exit(report: Findings) -> None:
    sys.exit(EXIT_ERRORS if any(f.severity is Severity.ERROR for f in report.findings)
             else EXIT_OK)


_path_argument = click.argument(
    "path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
_format_option = click.option("--format", "fmt", type=FORMATS, default="text", show_default=True,
                              help="text for people, json for tools, github for annotations")
_today_option = click.option("--today", help="reference date YYYY-MM-DD (default: today)")


def _report_command(path: Path | None, fmt: str, today: str | None, *, full: bool) -> None:
    """validate (channel files) and check (everything, with a summary) share this."""
    outcome = _run(_settings(path, today), scan_markdown=full)
    _print(outcome.report, fmt, summary=full)
    _exit(outcome.report)


@main.command()
@_path_argument
@_format_option
@_today_option
def validate(path: Path | None, fmt: str, today: str | None) -> None:
    """Validate the channel files (default: channels/ of the project in this folder)."""
    _report_command(path, fmt, today, full=False)


@main.command()
@_path_argument
@_format_option
@_today_option
def check(path: Path | None, fmt: str, today: str | None) -> None:
    """Run every check: channels, organisation and the Markdown in docs/, with a summary.
    In a Verbund project (verbund.yml here): the members' data and their conflicts."""
    from .verbund import is_verbund

    if path is None and is_verbund(Path.cwd()):
        from .cli_verbund import parse_day, verbund_findings

        _verbund, report = verbund_findings(Path.cwd(), today=parse_day(today))
        _print(report, fmt, summary=True)
        _exit(report)
    _report_command(path, fmt, today, full=True)


@main.command()
@click.argument("text", metavar="URL_OR_HANDLE")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="text for people, json for tools")
@click.option("--channels", "path", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="channels folder (default: channels/ of the project in this folder)")
@click.option("--project", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="a Verbund project (with verbund.yml): answer across all its members "
                   "(default in a folder with verbund.yml)")
def verify(text: str, fmt: str, path: Path | None, project: Path | None) -> None:
    """Is this account official? Give a profile, post or tab URL, @user@server, a bare @name
    or word, or a channel's name.

    Exit code 0 official (a paused channel too: its status is in the JSON); 5 official only on
    the channels listed (a name without a platform: anywhere else it is not official); 3
    formerly official (archived); 4 not official (not in the register, or planned and not yet
    in operation); 6 a known fake; 2 when the text names no account (also an e-mail address).
    """
    from .verbund import is_verbund

    if project is not None or (path is None and is_verbund(Path.cwd())):
        from .cli_verbund import verify_across

        verdict, lines, data = verify_across(project or Path.cwd(), text)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2) if fmt == "json"
                   else "\n".join(lines))
        sys.exit(VERIFY_EXITS[verdict.answer])
    from .verify import Verifier
    from .verify_text import format_text

    settings = _settings(path, None)
    outcome = _run(settings, scan_markdown=False)
    if outcome.report.errors:
        click.echo(tr("cli.verify_broken", {"errors": len(outcome.report.errors)}), err=True)
    verdict = Verifier(outcome.catalog, site_url=settings.site_url).verify(text)
    if fmt == "json":
        data = {**verdict.to_json(), "report_problem": settings.report_problem}
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for line in format_text(verdict, report_problem=settings.report_problem):
            click.echo(line)
    sys.exit(VERIFY_EXITS[verdict.answer])


class _NewCommand(click.Command):
    """``new`` with one option per interview question (--url, --unit, --approval-date …),
    made when the command runs or shows its help, not when the CLI is imported."""

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        if not getattr(self, "_questions_added", False):
            from .newchannel.questions import QUESTIONS

            options = [click.Option([q.option, q.key], help=q.text) for q in QUESTIONS]
            self.params[:0] = options
            self._questions_added = True
        return super().get_params(ctx)


class _LazyChoice(click.Choice[str]):
    """A choice whose values come from a feature module, imported when first needed."""

    def __init__(self, load: Callable[[], Sequence[str]]) -> None:
        self._load = load
        self.case_sensitive = True

    @property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]
        return tuple(self._load())


def _report_formats() -> list[str]:
    from .report.formats import FORMATS

    return sorted(FORMATS)


def _ask(question: Question, choices: list[str], default: str | None, read: Any) -> Any:
    """Prompt until ``read`` accepts the answer; an empty answer takes the default."""
    if choices:
        separator = "; " if any("," in c for c in choices) else ", "
        click.echo(click.wrap_text(separator.join(choices),
                                   initial_indent="  " + tr("new.choices") + " ",
                                   subsequent_indent="    "))

    from .newchannel.questions import AnswerError

    def proc(text: str) -> Any:
        try:
            return read(text)
        except AnswerError as exc:
            raise click.BadParameter(str(exc)) from exc

    text = question.text
    if default is None:
        try:
            read("")
            text += " " + tr("new.skip")
        except AnswerError:
            pass  # required: an empty answer is refused and asked again
    value = click.prompt(text, default=default or "", show_default=bool(default),
                         value_proc=proc)
    if question.key == "url":
        click.echo("  → " + tr("new.account", {"platform": value.platform,
                                                "account": value.account}))
    return value


@main.command(cls=_NewCommand)
@click.option("--yes", "--non-interactive", "non_interactive", is_flag=True,
              help="ask nothing: take defaults, fail (exit 2) naming missing options")
@click.option("--dry-run", is_flag=True, help="print the file instead of writing it")
@_today_option
def new(non_interactive: bool, dry_run: bool, today: str | None, **given: str | None) -> None:
    """Add a channel: asks for what the options leave open, checks every answer at once and
    writes channels/<unit>/<platform>-<account>.yml (never over an existing file)."""
    from .newchannel import interview as newchannel
    from .pipeline import ConfigError
    from .register.loader import relative

    settings = _settings(None, today)
    try:
        ws = newchannel.Workspace.open(settings)
        answers = newchannel.interview(ws, given, ask=None if non_interactive else _ask)
    except (ConfigError, newchannel.NoOrganisation) as exc:
        raise click.UsageError(str(exc)) from exc
    except newchannel.AnswerError as exc:
        raise click.BadParameter(str(exc), param_hint=_option(exc.key)) from exc
    except newchannel.MissingAnswers as exc:
        raise click.UsageError(tr("new.missing", {
            "options": ", ".join(_option(k) for k in exc.keys)})) from exc
    target, text = newchannel.draft(ws, answers)
    shown = relative(target, settings.base_dir)
    report = Findings()
    report.extend(newchannel.check_draft(ws, target, text))
    for finding in report.sorted():
        click.echo(finding.format_text(), err=True)
    if report.errors:
        click.echo(tr("new.not_written", {"path": shown}), err=True)
        sys.exit(EXIT_ERRORS)
    if dry_run:
        click.echo(text, nl=False)
        return
    if not non_interactive:
        click.echo(f"\n{text}")
        click.confirm(tr("new.confirm", {"path": shown}), default=True, abort=True)
    try:
        newchannel.write(target, text)
    except FileExistsError as exc:
        raise click.UsageError(tr("new.error.exists", {"path": shown})) from exc
    click.echo(tr("new.wrote", {"path": shown}))
    if answers["status"].value == "planned":
        click.echo(tr("new.next"))


def _option(key: str) -> str:
    return "--" + key.replace("_", "-")


@main.command()
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help=f"write to this file (the project's copy is {SCHEMA_FILE})")
@click.option("--check", is_flag=True,
              help="exit 1 if the file at --output (default: the project's copy) is stale")
def schema(output: Path | None, check: bool) -> None:
    """Print the JSON schema of channel files, for editors' completion and inline errors."""
    from .pipeline import ConfigError, platform_registry
    from .register.schema import schema_json

    settings = _settings(None, None)
    try:
        text = schema_json(platform_registry(settings))
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    if check:
        target = output or settings.base_dir / SCHEMA_FILE
        if not target.is_file() or target.read_text("utf-8") != text:
            click.echo(tr("cli.schema_stale", {"target": target}),
                       err=True)
            sys.exit(EXIT_ERRORS)
        click.echo(tr("cli.schema_current", {"target": target}))
    elif output is not None:
        output.write_text(text, "utf-8")
        click.echo(tr("cli.schema_written", {"output": output}))
    else:
        click.echo(text, nl=False)


@main.command("report")
@_path_argument
@click.option("--year", type=int, help="counts as of 31 December of YYYY, started and closed "
                                       "in YYYY (default: today)")
@click.option("--format", "fmt", type=_LazyChoice(_report_formats), default="md",
              show_default=True, help="md for the council's report, csv or json for tools")
@_today_option
def report_command(path: Path | None, year: int | None, fmt: str, today: str | None) -> None:
    """The annual report: channels by platform, unit and status, started and closed per
    year, and the reviews due per unit."""
    from .report.formats import FORMATS as REPORT_FORMATS
    from .report.formats import annual_report

    settings = _settings(path, today)
    if year is not None and not 1990 <= year <= settings.today.year:
        raise click.BadParameter(f"{year} is not a past or the current year",
                                 param_hint="--year")
    outcome = _run(settings, scan_markdown=False)
    if outcome.report.errors:
        click.echo(tr("cli.report_broken", {"errors": len(outcome.report.errors)}), err=True)
    result = annual_report(outcome.catalog, settings, year=year)
    click.echo(REPORT_FORMATS[fmt](result), nl=False)


@main.command("export")
@_path_argument
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "quickstatements"]),
              default="json", show_default=True,
              help="json or csv as published on the site; quickstatements for Wikidata")
@click.option("--item", help="Wikidata item of the organisation, e.g. Q64 (default: "
                             "'wikidata' in _organisation.yml)")
def export_command(path: Path | None, fmt: str, item: str | None) -> None:
    """Print the register as open data, or as a QuickStatements batch that adds the
    channels' accounts to the organisation's Wikidata item."""
    from datetime import UTC, datetime

    from .exports.opendata import register_csv, register_json
    from .exports.quickstatements import quickstatements

    settings = _settings(path, None)
    outcome = _run(settings, scan_markdown=False)
    if outcome.report.errors:
        click.echo(f"Warnung: {len(outcome.report.errors)} Fehler im Register; Dateien, die "
                   "nicht geladen werden konnten, fehlen im Export ('kanalregister validate')",
                   err=True)
    catalog, site_url = outcome.catalog, settings.site_url
    if fmt == "json":
        generated = datetime.now(UTC).replace(microsecond=0).isoformat()
        click.echo(register_json(catalog, site_url=site_url, generated=generated), nl=False)
        return
    if fmt == "csv":
        click.echo(register_csv(catalog, site_url=site_url), nl=False)
        return
    org = catalog.organisation
    item = item or (org.wikidata if org else None)
    if not item:
        raise click.UsageError("kein Wikidata-Objekt: 'wikidata: Q…' in _organisation.yml "
                               "eintragen oder --item Q… angeben")
    try:
        batch, skipped = quickstatements(catalog, item, site_url=site_url)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--item") from exc
    for left_out in skipped:
        click.echo(f"{left_out.path}: nicht im Batch – {left_out.reason}", err=True)
    click.echo(batch, nl=False)


LINK_FORMATS = {"text": linkreport.as_text, "json": linkreport.as_json,
                "markdown": linkreport.as_markdown}


@main.command()
@_path_argument
@click.option("--only", type=click.Choice(LINK_KINDS), multiple=True,
              help="check only channel profiles, imprint/privacy URLs, links in docs/ or the live "
                   "status of Mastodon and Bluesky accounts "
                   "(repeatable; default: all)")
@click.option("--format", "fmt", type=click.Choice(sorted(LINK_FORMATS)), default="text",
              show_default=True, help="text for people, json for tools, markdown for an issue")
@click.option("--cache", "cache_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path(".cache/kanalregister/links.json"), show_default=True,
              help="JSON file of recent results, reused while younger than --max-age")
@click.option("--max-age", type=click.FloatRange(min=0), default=24.0, show_default=True,
              help="hours a cached result stays valid (broken links are always re-checked)")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=10.0, show_default=True,
              help="seconds one request may take in all")
# For the test suite's servers on 127.0.0.1 only; hidden, never needed against the web.
@click.option("--allow-loopback-for-tests", "allow_loopback", is_flag=True, hidden=True)
@click.option("--concurrency", type=click.IntRange(min=1, max=64), default=8,
              show_default=True, help="requests at the same time (at most 2 per host)")
def links(path: Path | None, only: tuple[str, ...], fmt: str, cache_path: Path,
          max_age: float, timeout: float, concurrency: int, allow_loopback: bool) -> None:
    """Check the external links: channel profiles, imprint and privacy pages, links in the
    guidelines; and the live status of Mastodon and Bluesky accounts. Exit 1 only if a link
    is broken or an account has a problem; platforms that block robots (login walls, 429,
    LinkedIn's 999, 403) are reported as unverifiable."""
    from .links import check as linkcheck
    from .links import sources as linksources
    from .links.cache import LinkCache
    from .links.model import LinkStatus

    settings = _settings(path, None)
    outcome = _run(settings, scan_markdown=False)
    targets = linksources.collect(outcome.catalog, docs_dir=settings.docs_dir,
                                  base=settings.base_dir, only=only or LINK_KINDS)
    options = linkcheck.CheckOptions(timeout=timeout, concurrency=concurrency,
                                     cache_max_age=max_age * 3600,
                                     allow_loopback=allow_loopback)
    cache = LinkCache(cache_path)
    results = linkcheck.Checker(options).run(targets, cache)
    if cache.error:
        click.echo(f"warning: {cache.error}", err=True)
    live = []
    if "live" in (only or LINK_KINDS):
        from .links.live import LiveOptions, live_status

        live = live_status(outcome.catalog, site_url=settings.site_url,
                           options=LiveOptions(timeout=timeout, allow_loopback=allow_loopback))
    pairs = list(zip(targets, results, strict=True))
    click.echo(LINK_FORMATS[fmt](pairs, live), nl=fmt != "markdown")
    if fmt != "text":
        click.echo(linkreport.summary(pairs), err=True)
    broken = any(r.status is LinkStatus.BROKEN for r in results)
    sys.exit(EXIT_ERRORS if broken or any(r.ok is False for r in live) else EXIT_OK)


@main.command("build")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="folder to write into (created if missing)")
@click.option("--generated-only", is_flag=True,
              help="only the register's files, without the hand-written pages of docs/")
@_today_option
def build(out: Path, generated_only: bool, today: str | None) -> None:
    """Write the register's pages (Markdown), exports, feed, verify index and assets into a
    folder, for a site generator without the plugin. Without --generated-only the folder
    also gets the hand-written pages of docs/, with their directives expanded."""
    from .cli_site import OutInDocs, build_folder

    settings = _settings(None, today)
    outcome = _run(settings, scan_markdown=True)
    if outcome.report.errors:
        _print(outcome.report, "text", summary=False)
        click.echo("Nichts geschrieben: erst die Fehler beheben.", err=True)
        sys.exit(EXIT_ERRORS)
    try:
        written = build_folder(settings, outcome, out, generated_only=generated_only)
    except OutInDocs as exc:
        raise click.UsageError(str(exc)) from exc
    click.echo(f"{written.pages} Seiten und {written.files} weitere Dateien des Registers "
               f"nach {out} geschrieben.")
    click.echo(f"Für einen Build ohne Plugin in mkdocs.yml: 'docs_dir: {out}', das Plugin "
               f"abschalten (enabled: false) und ergänzen:\n{written.config}", err=True)


@main.command("check-site")
@click.argument("site_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_today_option
def check_site(site_dir: Path, today: str | None) -> None:
    """Check a built site for every page and file of the register: channel, unit and platform
    pages, exports, feed, verify index, imprint. Exit 1 if one is missing or empty."""
    from .cli_site import site_problems

    settings = _settings(None, today)
    problems, expected = site_problems(settings, _run(settings, scan_markdown=False), site_dir)
    for line in problems:
        click.echo(line)
    if problems:
        click.echo(f"{len(problems)} von {expected} Seiten und Dateien des Registers fehlen "
                   f"oder sind leer in {site_dir}.", err=True)
        sys.exit(EXIT_ERRORS)
    click.echo(f"Vollständig: alle {expected} Seiten und Dateien des Registers sind in "
               f"{site_dir}.")


if __name__ == "__main__":
    main()



main.add_command(init_command)
main.add_command(fetch_command)
main.add_command(verbund_check_command)
