"""The demo Verbund's fetched folder, refreshed with the real ``kanalregister fetch``.

``make verbund-daten`` (or ``python tests/verbund/demo_data.py [--now ISO]``) serves the demo's
own ``kanaele.json`` (Musterstadt) and ``verbund/quellen/*.json`` (the two fictional members)
on 127.0.0.1, fetches them into ``verbund/daten/`` and writes ``abruf.json`` as a scheduled run
would. tests/verbund/test_demo_data.py fails when the demo's channels change without this.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ROOT / "verbund"
# The demo's reference time: its exports are a few days older than the tests' reference date.
DEMO_NOW = dt.datetime(2026, 11, 20, 5, 0, tzinfo=dt.UTC)


def own_export(generated: str) -> bytes:
    """The demo register's ``kanaele.json`` as its site publishes it."""
    from kanalregister.exports.opendata import register_json
    from kanalregister.pipeline import run
    from kanalregister.project import load_settings

    settings = load_settings(ROOT, today=dt.date.fromisoformat(generated[:10]))
    outcome = run(settings, scan_markdown=False)
    return register_json(outcome.catalog, site_url=settings.site_url,
                         generated=generated).encode("utf-8")


def exports(now: dt.datetime) -> dict[str, bytes]:
    """What each demo member publishes, by member id."""
    found = {path.stem: path.read_bytes() for path in (PROJECT / "quellen").glob("*.json")}
    found["musterstadt"] = own_export(now.isoformat())
    return found


@contextmanager
def serve(files: dict[str, bytes]) -> Iterator[str]:
    """Serve ``/<id>.json`` on 127.0.0.1; yields the base URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's API
            body = files.get(self.path.strip("/").removesuffix(".json"))
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def refresh(project: Path = PROJECT, *, now: dt.datetime = DEMO_NOW) -> list[str]:
    """Fetch every demo member into ``project/daten``; the members that failed."""
    from kanalregister.finding_codes import Reporter
    from kanalregister.verbund.config import load_config
    from kanalregister.verbund.fetch import FetchOptions, fetch_all

    config, findings = load_config(project, reporter=Reporter())
    if config is None:
        raise SystemExit("\n".join(f.format_text() for f in findings))
    by_url = {m.export: m.id for m in config.members}
    with serve(exports(now)) as base:
        options = FetchOptions(allow_loopback=True, timeout=10,
                               route=lambda url: f"{base}/{by_url[url]}.json")
        outcomes = fetch_all(project, config, options, now=lambda: now)
    return [o.member.id for o in outcomes if o.state.result != "ok"]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--now", type=dt.datetime.fromisoformat, default=DEMO_NOW,
                        help="time of the fetch and of Musterstadt's export (ISO 8601)")
    failed = refresh(now=parser.parse_args().now)
    print("failed: " + ", ".join(failed) if failed else "verbund/daten refreshed")
    sys.exit(1 if failed else 0)
