"""The demo builds strictly with ProperDocs, the maintained fork of MkDocs 1.x, as it does with
MkDocs: the register's pages must all be there, not silently skipped.

ProperDocs is the optional extra ``properdocs`` (``make test`` installs it). Where it is
missing the test is skipped, except under ``CI=true``, where that is a failure.
"""

from __future__ import annotations

import html
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, TODAY

pytestmark = pytest.mark.properdocs


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo built once with ``properdocs build --strict``."""
    if importlib.util.find_spec("properdocs") is None:
        message = "ProperDocs is not installed: pip install -e '.[properdocs]' (make test does)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    site = tmp_path_factory.mktemp("properdocs") / "site"
    env = {**os.environ, "KANALREGISTER_TODAY": TODAY.isoformat(),
           "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    # -f names the configuration file: without it ProperDocs falls back to mkdocs.yml with a
    # note that the fallback will go away.
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml",
         "--site-dir", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr[-5000:]
    assert "WARNING" not in result.stderr, result.stderr[-5000:]
    return site


def test_properdocs_builds_every_register_page(properdocs_site: Path) -> None:
    data = json.loads((properdocs_site / "kanaele.json").read_text("utf-8"))
    assert data["channels"], "the export lists the demo's channels"
    for record in data["channels"]:
        path = record["page"].split("://", 1)[-1].split("/", 1)[1]
        page = properdocs_site / path / "index.html"
        name = html.escape(record["name"], quote=False)
        assert page.is_file() and name in page.read_text("utf-8"), page
    for path in ("kanaele/index.html", "kanaele/archiv/index.html", "pruefen/index.html",
                 "plattformen/instagram/index.html", "organisation/presseamt/index.html",
                 "impressum/index.html", "bericht/index.html", "feed.xml", "kanaele.csv",
                 "assets/kanalregister/index.json"):
        assert (properdocs_site / path).stat().st_size > 0, path


def test_check_site_finds_the_properdocs_build_complete(properdocs_site: Path) -> None:
    env = {**os.environ, "KANALREGISTER_TODAY": TODAY.isoformat()}
    result = subprocess.run(
        [str(Path(sys.executable).with_name("kanalregister")), "check-site", str(properdocs_site)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Vollständig: ")
