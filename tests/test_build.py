"""A real ``mkdocs build --strict`` of the demo and of broken copies of it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT as ROOT_DIR
from conftest import TODAY


def build(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` in ``project`` with the tests' reference date."""
    env = {**os.environ, "KANALREGISTER_TODAY": TODAY.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
        cwd=project, env=env, capture_output=True, text=True, timeout=300,
    )


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo built once for this module."""
    from conftest import ROOT

    site = tmp_path_factory.mktemp("demo") / "site"
    result = build(ROOT, "--site-dir", str(site))
    assert result.returncode == 0, result.stderr[-5000:]
    assert "WARNING" not in result.stderr, result.stderr[-5000:]
    return site


def test_demo_builds_with_the_register_pages(demo_site: Path) -> None:
    data = json.loads((demo_site / "kanaele.json").read_text("utf-8"))
    assert data["count"] >= 40
    for record in data["channels"]:
        assert record["status"] != "planned"
        page = demo_site / record["page"].split("://", 1)[-1].split("/", 1)[1] / "index.html"
        assert page.is_file(), page
    for path in ("kanaele/index.html", "kanaele/archiv/index.html", "pruefen/index.html",
                 "plattformen/instagram/index.html", "organisation/presseamt/index.html",
                 "impressum/index.html", "mitmachen/pruefungen/index.html",
                 "mitmachen/felder/index.html", "bericht/index.html", "kanaele.csv",
                 "kanalregister.schema.json", "assets/kanalregister/index.json"):
        assert (demo_site / path).is_file(), path


def test_the_built_export_validates_against_the_built_schema(demo_site: Path) -> None:
    import jsonschema

    from kanalregister.exports.format import export_schema

    schema = json.loads((demo_site / "kanaele.schema.json").read_text("utf-8"))
    assert schema == export_schema()  # the schema the models describe, not a copy
    data = json.loads((demo_site / "kanaele.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    assert data["$schema"].endswith("/kanaele.schema.json")


def test_channel_pages_stay_out_of_the_navigation(demo_site: Path) -> None:
    start = (demo_site / "index.html").read_text("utf-8")
    assert "kanaele/instagram-musterstadt/" not in start


def test_every_page_links_imprint_and_privacy(demo_site: Path) -> None:
    for page in demo_site.rglob("index.html"):
        html = page.read_text("utf-8")
        assert "impressum/" in html and "datenschutz/" in html, page


def test_schema_export_is_the_models_schema(demo_site: Path) -> None:
    schema = json.loads((demo_site / "kanalregister.schema.json").read_text("utf-8"))
    assert schema["additionalProperties"] is False
    assert "instagram" in schema["properties"]["platform"]["enum"]


def test_a_broken_register_fails_before_site_is_touched(demo_copy: Path) -> None:
    site = demo_copy / "site"
    site.mkdir()
    (site / "keep.txt").write_text("previous build")
    channel = next((demo_copy / "channels" / "presseamt").glob("instagram-*.yml"))
    channel.write_text(channel.read_text("utf-8").replace("label: Impressum", "label: Info"))
    result = build(demo_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "[IMP003]" in result.stderr and channel.name in result.stderr
    assert (site / "keep.txt").is_file(), "a failed check must not empty the previous site"


def test_a_page_without_legal_links_fails_the_build(demo_copy: Path) -> None:
    footer = demo_copy / "overrides" / "partials" / "copyright.html"
    footer.write_text("<div class='md-copyright'></div>")
    # The navigation links both pages too; without footer and nav entries nothing does.
    config = demo_copy / "mkdocs.yml"
    lines = config.read_text("utf-8").splitlines(keepends=True)
    config.write_text("".join(line for line in lines
                              if line.strip() not in ("- Datenschutz: datenschutz.md",
                                                      "- Impressum: impressum/index.md")))
    result = build(demo_copy)
    assert result.returncode == 1
    assert "[IMP020]" in result.stderr and "Traceback" not in result.stderr


def test_unknown_severity_code_is_a_clean_error(demo_copy: Path) -> None:
    config = demo_copy / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace(
        "  - kanalregister:\n", "  - kanalregister:\n      severities: {XYZ999: off}\n"))
    result = build(demo_copy)
    assert result.returncode == 1
    assert "XYZ999" in result.stderr and "Traceback" not in result.stderr


def test_exports_follow_use_directory_urls_false(demo_copy: Path) -> None:
    config = demo_copy / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "\nuse_directory_urls: false\n", "utf-8")
    result = build(demo_copy)
    assert result.returncode == 0, result.stderr[-3000:]
    site = demo_copy / "site"
    index = json.loads((site / "assets" / "kanalregister" / "index.json").read_text("utf-8"))
    for account in index["accounts"]:
        if account["status"] == "planned":  # listed for the verify answer, but no page yet
            assert account["page"] is None
            continue
        assert account["page"].endswith(".html") and (site / account["page"]).is_file()


def _json_ld(page: Path) -> list[dict[str, object]]:
    """Every JSON-LD block of a built page, parsed."""
    import re

    html = page.read_text("utf-8")
    head = html[:html.index("</head>")]
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    return [json.loads(block) for block in blocks]


def test_json_ld_describes_the_register(demo_site: Path) -> None:
    """The start page names the organisation and every running channel's account; each
    channel page describes its account, published by the organisation."""
    from conftest import ROOT
    from helpers import check
    from kanalregister.paths import channel_page, page_url

    site_url = "https://socialmedia.musterstadt.example/"
    outcome = check(ROOT, site_url=site_url)
    org = outcome.catalog.organisation
    assert org is not None
    (start,) = _json_ld(demo_site / "index.html")
    assert start["@type"] == "GovernmentOrganization"
    assert start["name"] == org.name and start["url"] == org.website
    assert start["address"]["streetAddress"] == org.address.street
    public = [i for i in outcome.catalog.public() if i.account]
    running = {i.account.url for i in public if i.channel.status.is_running}
    closed = {i.account.url for i in public if not i.channel.status.is_running}
    same_as = set(start["sameAs"])
    assert running <= same_as and not closed & same_as
    assert f"https://www.wikidata.org/entity/{org.wikidata}" in same_as
    assert any(i.channel.status.value == "paused" for i in public), "the demo has a paused one"
    for item in public:
        page = page_url(channel_page(item))
        (data,) = _json_ld(demo_site / page / "index.html")
        assert data["@type"] == "WebPage" and data["url"] == site_url + page
        assert data["publisher"]["@id"] == start["@id"]
        if item.channel.status.is_running:
            assert data["about"]["sameAs"] == item.account.url
        else:
            assert "sameAs" not in data["about"]


def test_known_fakes_are_listed_without_being_indexed(demo_site: Path) -> None:
    fakes = (demo_site / "kanaele/archiv/faelschungen/index.html").read_text("utf-8")
    assert '<meta name="robots" content="noindex">' in fakes
    verify = (demo_site / "pruefen/index.html").read_text("utf-8")
    for url in ("https://instagram.com/buergerservice.musterstadt",
                "https://tiktok.com/@stadt.musterstadt.info"):
        assert url in fakes and url in verify
        assert f'href="{url}' not in fakes, "fakes are named, never linked"


def test_paused_channel_says_so(demo_site: Path) -> None:
    page = (demo_site / "kanaele/x-visit-mst/index.html").read_text("utf-8")
    assert "Offizieller Kanal, ruhend seit dem 30.06.2025" in page
    assert "Nachrichten an dieses Konto werden nicht gelesen" in page


def test_atproto_did_is_published_for_the_sites_own_handle(demo_site: Path) -> None:
    did = (demo_site / ".well-known/atproto-did").read_text("utf-8")
    channel = (ROOT_DIR / "channels/presseamt/bluesky-socialmedia-musterstadt-example.yml")
    assert did.startswith("did:plc:") and f"did: {did}" in channel.read_text("utf-8")
