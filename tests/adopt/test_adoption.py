"""Adoption: another body's copy of the project names nothing of the demo city.

Two ways in: a copy whose ``channels/`` and ``mkdocs.yml`` were rewritten by hand for the
fictional Stadt Lindenau, and a copy set up by ``kanalregister init`` with an answers file for
Gemeinde Tannfeld. Both build with ``--strict``; no built page, export or search index names
Musterstadt, its state, its address or its people.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import FIXTURES, copy_demo_project
from kanalregister.cli import main

ADOPTION = FIXTURES / "adoption"

# What the demo states about itself that no other body's site may show.
DEMO_TERMS = re.compile(
    r"musterstadt|musterstädt|musterland|musterhausen|rathausplatz 1|12345 |musterfrau|"
    r"lena beispiel|katharina", re.IGNORECASE)
# Built files that citizens and machines read: pages, exports, feed, sitemap, search index.
PUBLISHED = (".html", ".json", ".csv", ".xml", ".txt")


def _project(tmp_path: Path) -> Path:
    """A copy of the project as a city would clone it (without site/ and caches)."""
    return copy_demo_project(tmp_path / "stadt")


def _set(text: str, key: str, value: str, *, indent: str = "") -> str:
    pattern = re.compile(rf"^{indent}{key}:.*$", re.MULTILINE)
    found = pattern.search(text)
    assert found, key
    prefix = found.group(0).split(":", 1)[0]
    # A JSON string is a YAML string: quoted, so that ':' or '#' in the value stay text.
    return f"{text[:found.start()]}{prefix}: {json.dumps(value, ensure_ascii=False)}" \
        f"{text[found.end():]}"


def _build(project: Path) -> Path:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "KANALREGISTER_TODAY": "2026-11-22"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"],
                            cwd=project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


def demo_mentions(site: Path) -> dict[str, int]:
    """Every published file of ``site`` that names the demo, with the number of mentions."""
    found: dict[str, int] = {}
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in PUBLISHED:
            count = len(DEMO_TERMS.findall(path.read_text("utf-8", errors="replace")))
            if count:
                found[path.relative_to(site).as_posix()] = count
    return found


def _page_text(site: Path, page: str) -> str:
    # Markdown writes e-mail links as character references: read them as a browser would.
    return html.unescape(re.sub(r"<[^>]+>", " ",
                                (site / page / "index.html").read_text("utf-8")))


def test_demo_terms_are_found_in_the_demo_itself(tmp_path: Path) -> None:
    # The check bites: the demo's own data names the demo city.
    project = _project(tmp_path)
    org = (project / "channels" / "_organisation.yml").read_text("utf-8")
    assert DEMO_TERMS.search(org)


def test_a_rewritten_copy_names_nothing_of_the_demo(tmp_path: Path) -> None:
    project = _project(tmp_path)
    shutil.rmtree(project / "channels")
    shutil.copytree(ADOPTION / "channels", project / "channels")
    config = (project / "mkdocs.yml").read_text("utf-8")
    for key, value in yaml.safe_load((ADOPTION / "site.yml").read_text("utf-8")).items():
        config = _set(config, key, value, indent=r"\s+" if key == "report_problem" else "")
    (project / "mkdocs.yml").write_text(config, "utf-8")

    site = _build(project)

    assert demo_mentions(site) == {}
    imprint = _page_text(site, "impressum")
    assert "Am Lindenplatz 4" in imprint and "Bürgermeister Paul Vorlage" in imprint
    privacy = _page_text(site, "datenschutz")
    assert "dsb@lindenau.example" in privacy and "Landesdatenschutzbeauftragter Südland" in privacy
    assert "Bürgermeister Paul Vorlage" in privacy
    netiquette = _page_text(site, "netiquette")
    assert "social@lindenau.example" in netiquette
    assert "Am Lindenplatz 4, 67890 Lindenau" in netiquette
    accessibility = _page_text(site, "barrierefreiheit")
    assert "Ombudsstelle für barrierefreie Informationstechnik des Landes Südland" in accessibility
    index = (site / "search" / "search_index.json").read_text("utf-8")
    assert "Lindenau" in index


def test_init_with_an_answers_file_builds_an_empty_register(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["--lang", "de", "init", "--answers",
                                       str(ADOPTION / "answers.yml")])
    assert result.exit_code == 0, result.output
    assert "Nächste Schritte" in result.output
    assert not [p for p in (project / "channels").rglob("*.yml")
                if p.name != "_organisation.yml"]

    site = _build(project)

    assert demo_mentions(site) == {}
    assert "Kirchgasse 12" in _page_text(site, "impressum")
    assert "datenschutz@tannfeld.example" in _page_text(site, "datenschutz")
    assert "Das Register ist noch leer" in _page_text(site, "kanaele")
    report = (site / "bericht" / "index.html").read_text("utf-8")
    assert "kr-chart" not in report and "noch keinen veröffentlichten Kanal" in report
    exports = yaml.safe_load((site / "kanaele.json").read_text("utf-8"))
    assert exports["count"] == 0 and exports["channels"] == []
    assert (site / "kanaele.csv").read_text("utf-8").count("\n") == 1  # the header only


def test_init_refuses_a_register_that_is_not_the_demo(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path)
    shutil.rmtree(project / "channels")
    shutil.copytree(ADOPTION / "channels", project / "channels")
    monkeypatch.chdir(project)
    args = ["init", "--answers", str(ADOPTION / "answers.yml")]
    refused = CliRunner().invoke(main, args)
    assert refused.exit_code == 2
    assert (project / "channels" / "presse" / "instagram-stadt-lindenau.yml").is_file()
    forced = CliRunner().invoke(main, [*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert not (project / "channels" / "presse").exists()


def test_init_reports_missing_answers_without_writing(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path)
    before = (project / "mkdocs.yml").read_text("utf-8")
    answers = tmp_path / "answers.yml"
    answers.write_text("name: Gemeinde Tannfeld\n", "utf-8")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["--lang", "de", "init", "--answers", str(answers)])
    assert result.exit_code == 2
    assert "street" in result.output and "fehlen" in result.output
    assert (project / "mkdocs.yml").read_text("utf-8") == before


def test_init_refuses_an_answer_the_model_rejects(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path)
    data = yaml.safe_load((ADOPTION / "answers.yml").read_text("utf-8"))
    data["postcode"] = "Postfach 12"
    answers = tmp_path / "answers.yml"
    answers.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["init", "--answers", str(answers)])
    assert result.exit_code == 1
    assert "postcode" in result.output
    assert (project / "channels" / "presseamt").is_dir()  # nothing was written


def test_init_asks_in_german_and_suggests_defaults(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    answers = {"name": "Stadt Birkenau", "street": "Markt 3", "postcode": "45678",
               "state": "Ostland", "representative": "Oberbürgermeister Kai Muster-Frei",
               "website": "https://www.birkenau.example/", "phone": "+49 4567 0",
               "supervisory_authority": "Landesdirektion Ostland, Am Ring 1, 45000 Oststadt",
               "editorial_name": "Ria Probe",
               "enforcement_website": "https://www.schlichtung.ostland.example/"}
    from kanalregister.adopt import QUESTIONS

    lines = [answers.get(q.key, "") for q in QUESTIONS]
    result = CliRunner().invoke(main, ["--lang", "de", "init"], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    assert "Vollständiger Name der Körperschaft" in result.output
    written = yaml.safe_load((project / "channels" / "_organisation.yml").read_text("utf-8"))
    assert written["short_name"] == "Birkenau"  # the suggestion, taken with Enter
    assert written["social_media_team"]["email"] == "socialmedia@birkenau.example"
    assert written["vat_id"] is None
    config = (project / "mkdocs.yml").read_text("utf-8")
    assert 'site_url: "https://socialmedia.birkenau.example/"' in config
