"""How the register scales: synthetic registers of 100 to 10,000 channels, built and measured.

For each size the script writes a register project and its plain-Markdown baseline (see
projects.py) into a temporary folder and measures, as separate processes:

* ``kanalregister validate``: wall time (and CPU time, which other load disturbs less),
  against its floor (floor.py: a fresh process that only loads the same YAML files with
  libyaml), run alternately with it; the ratio of each pair is independent of the machine;
* ``mkdocs build --strict`` with the plugin: wall and CPU time, peak memory (the child's
  maximum resident set) and the plugin's own phases (``KANALREGISTER_TIMINGS``);
* ``mkdocs build --strict`` of the baseline, the same pages without the plugin;
* the output: its size, the overview page raw and gzipped, the search index.

Runs alternate between the two builds, so that load from other processes on the machine hits
both alike; each figure is the median of ``--repeat`` runs (builds: ``--repeat-large`` for
5,000 channels and more, which take minutes each).

    make bench
    .venv/bin/python tests/benchmarks/bench.py --sizes 100,1000 --repeat 5
    .venv/bin/python tests/benchmarks/bench.py --validate-only --sizes 1000,10000
    .venv/bin/python tests/benchmarks/bench.py --output dev/leistung.md

With ``--output`` the tables replace the part between ``<!-- bench:start -->`` and
``<!-- bench:end -->`` of that file (or become the whole file if it has no such part).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lighthouse  # noqa: E402
import pageweight  # noqa: E402
from floor import floor_command  # noqa: E402
from formats import dec, kib, num, pct, sec  # noqa: E402
from projects import baseline_project, register_project  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 22)
BIN = Path(sys.executable).parent
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
PHASES = ("load_check", "generate", "export", "directives", "post_build_check")
# Targets of issue 8 on a 2-core machine; issue 16: validate at most 1.5 times its floor at
# 10,000 channels.
VALIDATE_FLOOR_LIMIT = 1.5
PLUGIN_SHARE_LIMIT = 0.10
LINEAR_LIMIT = 12.0
OVERVIEW_GZIP_LIMIT = 150 * 1024
LARGE = 5_000


@dataclass
class Run:
    """One finished child process."""

    seconds: float
    cpu: float  # user + system time: less sensitive than wall time to other load
    peak_kib: int
    code: int
    stderr: str


@dataclass
class Result:
    """Everything measured for one register size."""

    channels: int
    pages: int = 0
    load: float = 0.0
    speed: float = 0.0
    validate: list[Run] = field(default_factory=list)
    floor: list[Run] = field(default_factory=list)
    build: list[Run] = field(default_factory=list)
    baseline: list[Run] = field(default_factory=list)
    phases: list[dict[str, float]] = field(default_factory=list)
    output_bytes: int = 0
    html_files: int = 0
    overview_raw: int = 0
    overview_gzip: int = 0
    search_index: int = 0
    search_index_gzip: int = 0
    audits: list[lighthouse.Audit] = field(default_factory=list)

    def median(self, kind: str, what: str = "seconds") -> float:
        """The median of ``what`` over the runs of ``kind`` (validate, build, baseline)."""
        runs: list[Run] = getattr(self, kind)
        return statistics.median(getattr(r, what) for r in runs)

    def phase(self, name: str) -> float:
        """The median time of one plugin phase."""
        return statistics.median(p.get(name, 0.0) for p in self.phases)

    def floor_ratio(self, what: str = "seconds") -> float:
        """The median over the runs of validate divided by the floor run next to it."""
        return statistics.median(getattr(v, what) / getattr(f, what)
                                 for v, f in zip(self.validate, self.floor, strict=True))

    @property
    def plugin(self) -> float:
        """The median of the plugin's own time per build."""
        return statistics.median(sum(p.values()) for p in self.phases)


def run(command: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run ``command`` and measure its wall time and its peak resident memory."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                   stderr=err)
        # wait4 reports this child's own maximum RSS (RUSAGE_CHILDREN would be a running max).
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss, process.returncode, stderr)


def checked(result: Run, what: str) -> Run:
    """The run, or an exit with its output if it failed: a benchmark of errors is worthless."""
    if result.code != 0:
        sys.exit(f"{what} failed with exit code {result.code}:\n{result.stderr[-3000:]}")
    return result


def environment(**extra: str) -> dict[str, str]:
    """The child processes' environment: fixed reference date, no MkDocs 2 banner."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KANALREGISTER_TODAY": TODAY.isoformat()}
    env.pop("KANALREGISTER_TIMINGS", None)
    return {**env, **extra}


def measure_size(count: int, repeat: int, work: Path, *, validate_repeat: int,
                 builds: bool = True, audit: bool = False) -> Result:
    """Generate, build and measure a register of ``count`` channels."""
    result = Result(channels=count, load=os.getloadavg()[0], speed=calibration())
    register, baseline = work / f"{count}" / "register", work / f"{count}" / "baseline"
    log(f"{count:,} channels: generating the register and the baseline …")
    register_project(ROOT, register, count, today=TODAY)
    if builds:  # validate and its floor need the channel files only
        result.pages = baseline_project(register, baseline, today=TODAY)
    validate = [str(BIN / "kanalregister"), "validate"]
    floor_run = floor_command(register / "channels")
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    timings = work / "timings.json"
    for number in range(1, max(repeat, validate_repeat) + 1):
        checked_run = checked(run(validate, register, environment()), "kanalregister validate")
        result.validate.append(checked_run)
        floor = checked(run(floor_run, register, environment()), "the floor (YAML only)")
        result.floor.append(floor)
        if number > repeat or not builds:  # validate takes seconds, a large build minutes
            log(f"  run {number}: validate {checked_run.seconds:.2f} s, floor "
                f"{floor.seconds:.2f} s, ratio {checked_run.seconds / floor.seconds:.2f}")
            continue
        build = checked(run(mkdocs, register, environment(KANALREGISTER_TIMINGS=str(timings))),
                        "mkdocs build (register)")
        result.build.append(build)
        result.phases.append(json.loads(timings.read_text("utf-8"))["phases"])
        plain = checked(run(mkdocs, baseline, environment()), "mkdocs build (baseline)")
        result.baseline.append(plain)
        log(f"  run {number}/{repeat}: validate {checked_run.seconds:.2f} s (floor "
            f"{floor.seconds:.2f} s), build {build.seconds:.2f} s (plugin "
            f"{sum(result.phases[-1].values()):.2f} s), baseline {plain.seconds:.2f} s")
    if not builds:
        return result
    site = register / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    result.output_bytes = sum(p.stat().st_size for p in files)
    result.html_files = sum(1 for p in files if p.suffix == ".html")
    overview = (site / "kanaele" / "index.html").read_bytes()
    result.overview_raw = len(overview)
    result.overview_gzip = len(gzip.compress(overview, compresslevel=6, mtime=0))
    index = (site / "search" / "search_index.json").read_bytes()
    result.search_index = len(index)
    result.search_index_gzip = len(gzip.compress(index, compresslevel=6, mtime=0))
    if audit:
        result.audits = lighthouse.measure(site, log)
    return result


def calibration() -> float:
    """CPU seconds of a fixed Python loop: how fast the machine is just now.

    On a shared virtual machine the same code runs up to half as fast from one hour to the
    next, even without other load in the machine; this figure makes runs comparable.
    """
    start = time.process_time()
    total = 0
    for number in range(10_000_000):
        total += number
    return time.process_time() - start


def log(message: str) -> None:
    """Progress on stderr, so that stdout holds only the tables."""
    print(message, file=sys.stderr, flush=True)


def machine() -> str:
    """The machine and the toolchain, for the note under the tables."""
    cpu = "unknown CPU"
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.0f} GiB RAM"
                break
    except OSError:
        pass
    return (f"{os.cpu_count()} Kerne ({cpu}){memory}, {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, MkDocs {version('mkdocs')}, "
            f"Material {version('mkdocs-material')}")


def tables(results: list[Result]) -> str:
    """The results as Markdown tables with the machine and the targets."""
    lines = [
        "`validate` gegen seine Untergrenze: ein frischer Prozess, der dieselben Dateien nur "
        "mit libyaml liest (`yaml.load(…, Loader=yaml.CSafeLoader)`), abwechselnd mit "
        "`validate` gestartet; das Verhältnis ist der Median der Verhältnisse je Paar "
        "(Wanduhr; in Klammern die Rechenzeit des Prozesses, Nutzer + System):",
        "",
        "| Kanäle | `validate` | Untergrenze | Verhältnis |",
        "|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {num(r.channels)} | {sec(r.median('validate'))} "
            f"({sec(r.median('validate', 'cpu'))}) | {sec(r.median('floor'))} "
            f"({sec(r.median('floor', 'cpu'))}) | {dec(r.floor_ratio())} "
            f"({dec(r.floor_ratio('cpu'))}) |")
    built = [r for r in results if r.build]
    if not built:
        return "\n".join([*lines, "", *footer(results), *targets(results)]) + "\n"
    lines += [
        "",
        "Builds (Wanduhr; in Klammern die Rechenzeit des Prozesses, Nutzer + System):",
        "",
        "| Kanäle | erzeugte Seiten | Build mit Plugin | davon Plugin | "
        "Build ohne Plugin | Verhältnis mit / ohne |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in built:
        build, floor = r.median("build"), r.median("baseline")
        lines.append(
            f"| {num(r.channels)} | {num(r.pages)} | {sec(build)} "
            f"({sec(r.median('build', 'cpu'))}) | {sec(r.plugin)} ({pct(r.plugin / build)}) | "
            f"{sec(floor)} ({sec(r.median('baseline', 'cpu'))}) | {dec(build / floor)} |")
    lines += ["", "Speicher und Ausgabe:", "",
              "| Kanäle | Spitzenspeicher mit / ohne Plugin | Ausgabe | HTML-Seiten | "
              "Übersicht roh / gzip | Suchindex roh / gzip |",
              "|---:|---:|---:|---:|---:|---:|"]
    for r in built:
        lines.append(
            f"| {num(r.channels)} | {kib(r.median('build', 'peak_kib') * 1024)} / "
            f"{kib(r.median('baseline', 'peak_kib') * 1024)} | {kib(r.output_bytes)} | "
            f"{num(r.html_files)} | {kib(r.overview_raw)} / {kib(r.overview_gzip)} | "
            f"{kib(r.search_index)} / {kib(r.search_index_gzip)} |")
    lines += ["", "Die Zeit des Plugins nach Phasen (Median, Sekunden):", "",
              "| Kanäle | " + " | ".join(f"`{p}`" for p in PHASES) + " |",
              "|---:|" + "---:|" * len(PHASES)]
    for r in built:
        lines.append(f"| {num(r.channels)} | "
                     + " | ".join(f"{r.phase(p):.2f}".replace(".", ",") for p in PHASES) + " |")
    lines += ["", *footer(results)]
    lines += pageweight.table([(r.channels, r.audits) for r in results if r.audits])
    lines += targets(results)
    return "\n".join(lines) + "\n"


def footer(results: list[Result]) -> list[str]:
    """When and where the figures were measured, with the load and speed of the machine."""
    runs = ", ".join(f"{num(r.channels)}: {len(r.build)}" for r in results)
    checks = ", ".join(f"{num(r.channels)}: {len(r.validate)}" for r in results)
    loads = ", ".join(f"{num(r.channels)}: {dec(r.load)}" for r in results)
    speeds = ", ".join(f"{num(r.channels)}: {sec(r.speed)}" for r in results)
    return [f"Gemessen am {date.today().strftime('%d.%m.%Y')} auf {machine()}. "
            f"Median aus mehreren Builds ({runs}) und Läufen von `validate` ({checks}) je "
            f"Größe. Zu Beginn jeder Größe: Systemlast (load average) {loads}; Rechenzeit einer "
            f"Python-Schleife mit 10 Millionen Additionen {speeds} (je kürzer, desto schneller "
            f"war der Rechner gerade).", ""]


def targets(results: list[Result]) -> list[str]:
    """The targets of the register, as far as the measured sizes show them."""
    by_size = {r.channels: r for r in results}
    found: list[str] = []

    def line(ok: bool, text: str) -> None:
        found.append(f"- {'erfüllt' if ok else 'verfehlt'}: {text}")

    if 10_000 in by_size:
        large = by_size[10_000]
        ratio = large.floor_ratio()
        line(ratio <= VALIDATE_FLOOR_LIMIT,
             f"`validate` mit 10.000 Kanälen höchstens das 1,5-fache seiner Untergrenze: "
             f"{dec(ratio)} (Rechenzeit: {dec(large.floor_ratio('cpu'))})")
    if len(by_size) >= 2:
        # A ratio, not a limit in seconds: linear growth is the goal, and a ratio holds on any
        # machine (the fixed start of Python and pydantic only makes it smaller).
        small, large = (by_size[n] for n in sorted(by_size)[-2:])
        steps = large.channels / small.channels
        ratio = large.median("validate") / small.median("validate")
        line(ratio <= LINEAR_LIMIT / 10 * steps,
             f"`validate`-Zeit {num(large.channels)} / {num(small.channels)} Kanäle höchstens "
             f"{dec(LINEAR_LIMIT / 10 * steps)}: {dec(ratio)} ({sec(large.median('validate'))}, "
             f"Rechenzeit {sec(large.median('validate', 'cpu'))})")
    results = [r for r in results if r.build]
    by_size = {r.channels: r for r in results}
    if 1_000 in by_size:
        r = by_size[1_000]
        share = r.plugin / r.median("build")
        line(share <= PLUGIN_SHARE_LIMIT,
             f"Anteil des Plugins am Build mit 1.000 Kanälen höchstens 10 %: {pct(share)}")
        line(r.overview_gzip <= OVERVIEW_GZIP_LIMIT,
             f"Übersichtsseite mit 1.000 Kanälen höchstens 150 KB gzip: {kib(r.overview_gzip)}")
    for ok, text in pageweight.targets(
            {r.channels: r.audits for r in results if r.audits},
            {r.channels: (r.search_index, r.search_index_gzip) for r in results
             if r.search_index}):
        line(ok, text)
    if 1_000 in by_size and 10_000 in by_size:
        small, large = by_size[1_000], by_size[10_000]
        ratio = large.median("build") / small.median("build")
        cpu_ratio = large.median("build", "cpu") / small.median("build", "cpu")
        line(ratio <= LINEAR_LIMIT, f"Build-Zeit 10.000 / 1.000 Kanäle höchstens 12: "
             f"{dec(ratio)} (Rechenzeit: {dec(cpu_ratio)})")
    if 1_000 in by_size and 10_000 in by_size and min(by_size) < 1_000:
        small, large, least = by_size[1_000], by_size[10_000], by_size[min(by_size)]
        # The increments, not the totals: a fixed part (Python, MkDocs, the theme) would make
        # any growth look sub-linear.
        peak = [r.median("build", "peak_kib") for r in (least, small, large)]
        growth = (peak[2] - peak[1]) / max(1, peak[1] - peak[0])
        steps = (large.channels - small.channels) / (small.channels - least.channels)
        line(growth <= 1.2 * steps,
             f"Spitzenspeicher wächst linear: Zuwachs 1.000 → 10.000 ist das {dec(growth)}-fache "
             f"des Zuwachses {num(least.channels)} → 1.000 (linear wäre {dec(steps)})")
    return found


def write_output(path: Path, text: str) -> None:
    """Put the tables between the markers of ``path``, or make them the file."""
    block = f"{START}\n\n{text}\n{END}"
    if path.is_file():
        current = path.read_text("utf-8")
        if START in current and END in current:
            head, rest = current.split(START, 1)
            tail = rest.split(END, 1)[1]
            path.write_text(head + block + tail, "utf-8")
            return
    path.write_text(block + "\n", "utf-8")


def main() -> None:
    """Run the benchmark and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000",
                        help="channel counts, comma-separated (default: 100,1000,10000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (default: 3)")
    parser.add_argument("--repeat-large", type=int, default=1,
                        help="builds per size from 5,000 channels (default: 1)")
    parser.add_argument("--validate-only", action="store_true",
                        help="measure validate against its floor, no builds")
    parser.add_argument("--lighthouse-sizes", default="100,1000",
                        help="sizes to run Lighthouse on, comma-separated, or 'none' "
                             "(default: 100,1000)")
    parser.add_argument("--output", type=Path, help="also write the tables into this file")
    parser.add_argument("--keep", type=Path,
                        help="build in this folder and keep it (default: a temporary folder)")
    args = parser.parse_args()
    sizes = sorted(int(s.replace("_", "")) for s in args.sizes.split(","))
    audited = ({int(s.replace("_", "")) for s in args.lighthouse_sizes.split(",")}
               if args.lighthouse_sizes != "none" else set())
    missing = (lighthouse.available() if audited & set(sizes) and not args.validate_only
               else None)
    if missing:
        sys.exit(f"Lighthouse kann nicht laufen: {missing} (oder --lighthouse-sizes none)")
    work = args.keep or Path(tempfile.mkdtemp(prefix="kanalregister-bench-"))
    started = time.perf_counter()
    results = []
    try:
        for count in sizes:
            repeat = args.repeat_large if count >= LARGE else args.repeat
            results.append(measure_size(count, repeat, work, validate_repeat=args.repeat,
                                        builds=not args.validate_only,
                                        audit=count in audited))
            if not args.keep:
                shutil.rmtree(work / f"{count}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    text = tables(results)
    print(text)
    log(f"benchmark took {time.perf_counter() - started:.0f} s")
    if args.output:
        write_output(args.output, text)


if __name__ == "__main__":
    main()
