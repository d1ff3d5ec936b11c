"""A real ``mkdocs build --strict`` of the demo Verbund, and of a copy with a hostile member."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import ROOT
from conftest import TODAY as CONFTEST_TODAY
from kanalregister.exports.format import parse_export

VERBUND = ROOT / "verbund"
TODAY = CONFTEST_TODAY.isoformat()  # a few days after the demo's daten/ were fetched
ATOM = "{http://www.w3.org/2005/Atom}"


def build(project: Path, site: Path, today: str = TODAY) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KANALREGISTER_TODAY": today, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir",
                           str(site)], cwd=project, env=env, capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def verbund_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("verbund") / "site"
    result = build(VERBUND, site)
    assert result.returncode == 0, result.stderr[-5000:]
    return site


def member_exports() -> dict[str, dict[str, object]]:
    return {d.name: json.loads((d / "kanaele.json").read_text("utf-8"))
            for d in (VERBUND / "daten").iterdir()}


def test_every_member_channel_is_in_the_verbund_export(verbund_site: Path) -> None:
    document = parse_export((verbund_site / "kanaele.json").read_bytes())
    raw = json.loads((verbund_site / "kanaele.json").read_text("utf-8"))
    expected = {(member, c["url"]) for member, export in member_exports().items()
                for c in export["channels"]}  # type: ignore[attr-defined]
    assert {(c["member"]["id"], c["url"]) for c in raw["channels"]} == expected
    assert document.count == len(expected)
    rows = list(csv.DictReader(io.StringIO((verbund_site / "kanaele.csv").read_text("utf-8"))))
    assert {(r["member.id"], r["url"]) for r in rows} == expected


def test_member_pages_and_platform_pages_exist(verbund_site: Path) -> None:
    for member in member_exports():
        page = (verbund_site / "mitglieder" / member / "index.html").read_text("utf-8")
        assert "Stand der Daten" in page
    assert (verbund_site / "plattformen" / "instagram" / "index.html").is_file()


def test_feed_names_the_member_in_every_entry(verbund_site: Path) -> None:
    feed = ET.parse(verbund_site / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    names = {e.findtext(f"{ATOM}author/{ATOM}name") for e in entries}
    assert names <= {"Stadt Musterstadt", "Landkreis Beispielkreis", "Gemeinde Neudorf"}
    for entry in entries:
        assert entry.findtext(f"{ATOM}author/{ATOM}name") in (entry.findtext(f"{ATOM}title")
                                                              or "")


def test_verify_index_is_split_by_platform(verbund_site: Path) -> None:
    folder = verbund_site / "assets" / "kanalregister"
    base = json.loads((folder / "index.json").read_text("utf-8"))
    assert "accounts" not in base and base["parts"]
    for platform, name in base["parts"].items():
        part = json.loads((folder / name).read_text("utf-8"))
        assert {e["platform"] for e in part["accounts"] + part["fakes"]} == {platform}
        assert all(e["member"] for e in part["accounts"])


def test_verbund_yml_alone_makes_a_verbund_and_stale_data_still_builds(tmp_path: Path) -> None:
    project = tmp_path / "verbund"
    shutil.copytree(VERBUND, project, symlinks=True, ignore=shutil.ignore_patterns("site"))
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    # Without "mode: verbund", verbund.yml at the root makes it a Verbund all the same.
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("mode: verbund", "enabled: true"),
                      "utf-8")
    # Months later nobody has fetched: the strict build still succeeds, says so in the log
    # and marks every member's data as stale on its page.
    result = build(project, tmp_path / "site", today="2027-06-01")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "VBD003" in result.stderr
    member = (tmp_path / "site" / "mitglieder" / "neudorf" / "index.html").read_text("utf-8")
    assert "Veraltete Daten" in member


HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>'


def test_hostile_member_data_is_escaped(tmp_path: Path) -> None:
    project = tmp_path / "verbund"
    shutil.copytree(VERBUND, project, symlinks=True, ignore=shutil.ignore_patterns("site"))
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    path = project / "daten" / "neudorf" / "kanaele.json"
    export = json.loads(path.read_text("utf-8"))
    channel = export["channels"][0]
    channel.update(name=HOSTILE, unit_name=HOSTILE, description=HOSTILE,
                   page="http://phish.example/kanal/")
    # (A javascript: page or register URL makes the whole export invalid: VBD001, left out;
    # an http page passes the format but is not linked: member links are https only.)
    export["topics"] = {t: HOSTILE for t in export["topics"]}
    path.write_text(json.dumps(export), "utf-8")
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr[-5000:]
    pages = [p.read_text("utf-8") for p in site.rglob("*.html")]
    shown = [p for p in pages if "&lt;script&gt;alert(1)" in p]
    assert len(shown) >= 3  # overview, member page, platform page
    for page in pages:
        assert "<script>alert(1)" not in page and "<img src=x" not in page
        assert not re.search(r'href="\s*javascript:', page, re.IGNORECASE)
        assert 'href="http://phish.example' not in page
    feed = (site / "feed.xml").read_text("utf-8")
    assert "<script>" not in feed and 'href="javascript:' not in feed
    index = "".join(p.read_text("utf-8") for p in (site / "assets/kanalregister").glob("*.json"))
    assert "javascript:" not in index
