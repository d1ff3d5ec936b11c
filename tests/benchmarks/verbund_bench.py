"""How a Verbund scales: 400 synthetic member exports (about 20,000 channels), fetched, checked
and built, beside a single city's register built the same way.

* the member exports are written as files and served on 127.0.0.1; ``kanalregister fetch``'s
  own code (``verbund.fetch.fetch_all``) downloads them, only its ``route`` points there;
* ``kanalregister verbund-check`` (load the fetched folder, conflicts) and
  ``mkdocs build --strict`` of the Verbund run as separate processes;
* the single city: ``mkdocs build --strict`` of a synthetic register (projects.py) of
  ``--single`` channels; the report compares the build time per channel;
* the verify index: the base file and the largest platform part, raw and gzipped; the
  overview page, raw and gzipped.

    make bench
    .venv/bin/python tests/benchmarks/verbund_bench.py --members 40 --per-member 50 --single 500
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "verbund"))

from bench import BIN, ROOT, TODAY, checked, environment, kib, run  # noqa: E402
from demo_data import serve  # noqa: E402
from projects import register_project  # noqa: E402
from synth import profile_url  # noqa: E402

PLATFORMS = ["instagram", "facebook", "x", "youtube", "tiktok", "threads", "linkedin",
             "bluesky"]
STATUSES = ["active"] * 16 + ["paused", "archived", "archived", "temporary"]
TOPICS = {"stadtleben": "Stadtleben", "kultur": "Kultur", "sicherheit": "Sicherheit",
          "verkehr": "Verkehr und Mobilität"}


def member_export(number: int, channels: int) -> dict[str, object]:
    """One member's ``kanaele.json`` in the open-data format, with unique accounts."""
    token = f"m{number:03d}"
    register = f"https://socialmedia.{token}.example/"
    records = []
    for n in range(channels):
        platform = PLATFORMS[n % len(PLATFORMS)]
        status = STATUSES[(n + number) % len(STATUSES)]
        record: dict[str, object] = {
            "name": f"Gemeinde {token.upper()} Kanal {n}", "platform": platform,
            "url": profile_url(platform, f"gem{token}k", n), "unit": "presse",
            "unit_name": "Pressestelle", "status": status, "since": "2020-01-15",
            "topics": [list(TOPICS)[n % len(TOPICS)]],
            "description": "Neuigkeiten aus der Gemeinde.",
            "page": f"{register}kanaele/presse/k{n}/",
        }
        if status == "paused":
            record["paused"] = {"date": "2025-05-01", "reason": "Kanal ruht."}
        if status == "archived":
            record["archived"] = {"date": "2024-06-30", "reason": "Eingestellt."}
        if status == "temporary":
            record["until"] = "2027-12-31"
        records.append(record)
    return {"format": "kanalregister/kanaele", "format_version": "1.0",
            "publisher": {"name": f"Gemeinde {token.upper()}", "register": register},
            "generated": f"{TODAY.isoformat()}T04:00:00+00:00", "topics": TOPICS,
            "count": len(records), "channels": records,
            "fakes": [{"platform": "instagram", "url": profile_url("instagram", f"fake{token}", 1),
                       "account": "", "reported": "2026-01-10"}]}


def verbund_project(work: Path, members: int, per_member: int) -> tuple[Path, dict[str, bytes]]:
    """The Verbund project (demo's mkdocs.yml, docs and overrides) and the member exports."""
    project = work / "verbund"
    shutil.copytree(ROOT / "verbund", project, ignore=shutil.ignore_patterns(
        "daten", "quellen", "site", "verbund.yml"))
    exports: dict[str, bytes] = {}
    lines = ["name: Synthetischer Verbund", "max_age_days: 30", "members:"]
    for number in range(members):
        token = f"m{number:03d}"
        document = member_export(number, per_member)
        fake = document["fakes"][0]  # type: ignore[index]
        fake["account"] = fake["url"].rstrip("/").rsplit("/", 1)[1]
        exports[token] = json.dumps(document, ensure_ascii=False).encode("utf-8")
        lines += [f"  - id: {token}", f"    name: Gemeinde {token.upper()}",
                  f"    export: https://socialmedia.{token}.example/kanaele.json"]
    (project / "verbund.yml").write_text("\n".join(lines) + "\n", "utf-8")
    return project, exports


def fetch(project: Path, exports: dict[str, bytes]) -> float:
    """Seconds for fetching every member through the fetch code, from 127.0.0.1."""
    import datetime as dt

    from kanalregister.finding_codes import Reporter
    from kanalregister.verbund.config import load_config
    from kanalregister.verbund.fetch import FetchOptions, fetch_all

    config, findings = load_config(project, reporter=Reporter())
    if config is None:
        sys.exit("\n".join(f.format_text() for f in findings))
    by_url = {m.export: m.id for m in config.members}
    now = dt.datetime.combine(TODAY, dt.time(5), tzinfo=dt.UTC)
    with serve(exports) as base:
        options = FetchOptions(allow_loopback=True, timeout=30,
                               route=lambda url: f"{base}/{by_url[url]}.json")
        start = time.perf_counter()
        outcomes = fetch_all(project, config, options, now=lambda: now)
        seconds = time.perf_counter() - start
    failed = [o.member.id for o in outcomes if o.state.result != "ok"]
    if failed:
        sys.exit(f"fetch failed for {', '.join(failed[:5])}: {outcomes[0].state.reason}")
    return seconds


def verify_sizes(site: Path) -> tuple[int, int, str, int, int]:
    """Base index raw/gzip, and the largest platform part: name, raw, gzip."""
    folder = site / "assets" / "kanalregister"
    base = (folder / "index.json").read_bytes()
    parts = sorted(folder.glob("index-*.json"), key=lambda p: p.stat().st_size)
    largest = parts[-1].read_bytes()
    return (len(base), len(gzip.compress(base, 9)), parts[-1].name, len(largest),
            len(gzip.compress(largest, 9)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=400)
    parser.add_argument("--per-member", type=int, default=50)
    parser.add_argument("--single", type=int, default=1000,
                        help="channels of the single-city register to compare with")
    args = parser.parse_args()
    env = environment()
    with tempfile.TemporaryDirectory(prefix="kr-verbund-bench-") as folder:
        work = Path(folder)
        project, exports = verbund_project(work, args.members, args.per_member)
        channels = args.members * args.per_member
        print(f"Verbund: {args.members} members, {channels} channels", flush=True)
        fetched = fetch(project, exports)
        print(f"fetch (127.0.0.1, fetch_all): {fetched:.1f} s", flush=True)
        check = checked(run([str(BIN / "kanalregister"), "verbund-check", "--project",
                             str(project)], project, env), "verbund-check")
        print(f"verbund-check: {check.seconds:.1f} s (CPU {check.cpu:.1f} s)", flush=True)
        build = checked(run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir",
                             str(work / "site")], project, env), "Verbund build")
        print(f"Verbund build: {build.seconds:.1f} s (CPU {build.cpu:.1f} s, peak "
              f"{build.peak_kib / 1024:.0f} MiB)", flush=True)
        single = work / "single"
        register_project(ROOT, single, args.single, today=TODAY)
        city = checked(run([str(BIN / "mkdocs"), "build", "--strict"], single, env),
                       "single-city build")
        per_verbund = build.seconds / channels * 1000
        per_city = city.seconds / args.single * 1000
        print(f"single city ({args.single} channels) build: {city.seconds:.1f} s")
        print(f"build per channel: Verbund {per_verbund:.2f} ms, single city {per_city:.2f} ms "
              f"(ratio {per_verbund / per_city:.2f})")
        overview = (work / "site" / "kanaele" / "index.html").read_bytes()
        print(f"overview page: {kib(len(overview))} ({kib(len(gzip.compress(overview, 9)))} "
              "gzip)")
        base_raw, base_gz, name, part_raw, part_gz = verify_sizes(work / "site")
        print(f"verify index: base index.json {kib(base_raw)} ({kib(base_gz)} gzip); largest "
              f"part {name} {kib(part_raw)} ({kib(part_gz)} gzip)")


if __name__ == "__main__":
    main()
