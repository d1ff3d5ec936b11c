"""The internal-link gate over HTTP: LinkChecker 10.6 crawls the served site.

LinkChecker runs as a subprocess with a configuration file: external links are not followed
(checkextern off; they are `kanalregister links`' business), and warnings count as failures.
Anchors are not its business: its ``[AnchorCheck]`` plugin missed a broken anchor in some runs
on fresh machines, so fragments are checked from the files by anchor_gate.py. As root, LinkChecker
drops its privileges to ``nobody``: the configuration lives in a folder that ``nobody`` can read.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CONFIG = """\
[checking]
threads=4
maxrequestspersecond=1000
timeout=20
[filtering]
checkextern=0
internlinks={intern}
"""


@dataclass(frozen=True)
class Problem:
    """A broken link (``valid`` false) or a warning on one page."""

    url: str
    page: str
    line: str
    link_text: str
    result: str

    def describe(self) -> str:
        """``URL`` linked from ``page`` (line) – what LinkChecker found."""
        found = self.result if len(self.result) <= 400 else self.result[:400] + " …"
        return f"  {self.url}\n      linked from {self.page} (line {self.line}): {found}"


@dataclass
class LinkReport:
    """What one crawl found: how many URLs were checked and the problems among them."""

    checked: int = 0
    problems: list[Problem] = field(default_factory=list)

    def describe(self) -> str:
        """A failure message that names every broken URL and the page that links it."""
        return (f"LinkChecker: {len(self.problems)} broken link(s) or warning(s) among "
                f"{self.checked} URLs:\n" + "\n".join(p.describe() for p in self.problems))


def _executable() -> str:
    beside = Path(sys.executable).with_name("linkchecker")
    found = str(beside) if beside.is_file() else shutil.which("linkchecker")
    if not found:
        raise RuntimeError("LinkChecker is not installed: pip install -e '.[test]'")
    return found


def parse_csv(output: str) -> LinkReport:
    """LinkChecker's verbose CSV output (one row per checked URL) → a :class:`LinkReport`."""
    rows = csv.DictReader((line for line in output.splitlines() if not line.startswith("#")),
                          delimiter=";")
    report = LinkReport()
    for row in rows:
        report.checked += 1
        warning = " ".join((row.get("warningstring") or "").split())
        broken = row.get("valid") != "True"
        if not broken and not warning:
            continue
        found = [row.get("result") or "" if broken else "", warning]
        report.problems.append(Problem(
            url=row.get("url") or row.get("urlname") or "?",
            page=row.get("parentname") or "(start URL)",
            line=row.get("line") or "?",
            link_text=row.get("name") or "",
            result="; ".join(part for part in found if part),
        ))
    return report


def check_links(base: str, *, depth: int = -1) -> LinkReport:
    """Crawl the site from ``base`` (http://127.0.0.1:PORT/…) and report what is broken.

    ``depth`` limits the recursion (1: the start page and the targets of its links); the
    default follows every internal link.
    """
    with tempfile.TemporaryDirectory(prefix="linkchecker-") as folder:
        config = Path(folder) / "linkcheckerrc"
        # Everything on the server is internal, also when the crawl starts on a subpage.
        origin = "{0.scheme}://{0.netloc}/".format(urlsplit(base))
        config.write_text(CONFIG.format(intern="^" + re.escape(origin)), encoding="utf-8")
        Path(folder).chmod(0o755)
        config.chmod(0o644)
        result = subprocess.run(
            [_executable(), "--config", str(config), "--output", "csv/utf-8", "--verbose",
             "--no-status", "--recursion-level", str(depth), base],
            capture_output=True, text=True, timeout=600, check=False, cwd=folder,
        )
    # Exit status 1 means "found problems", which the parsed output says in detail.
    if result.returncode not in (0, 1) or "urlname;" not in result.stdout:
        raise RuntimeError(f"LinkChecker failed (exit {result.returncode}):\n{result.stderr}")
    return parse_csv(result.stdout)
