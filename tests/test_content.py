"""The hand-written guide and the platform data cannot disagree.

Joint controllership, third countries and imprint placements are facts of the platform
registry (``data/platforms.yml``). The privacy page and every toolbox profile render them from
there; these tests fail when a rendered table or a hand-written sentence says otherwise.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT
from kanalregister import variables
from kanalregister.register.models import Organisation
from kanalregister.register.platforms import Platform, PlatformRegistry, load_registry
from test_build import build

REGISTRY: PlatformRegistry = load_registry()
PLATFORMS: dict[str, Platform] = REGISTRY.platforms
PROFILES = ROOT / "docs" / "toolbox" / "plattformen"
PROFILE_IDS = sorted(p for p in PLATFORMS if (PROFILES / f"{p}.md").is_file())


class _Cells(HTMLParser):
    """Collects, per element carrying one of the marker classes, its text and its list items."""

    MARKERS = ("kr-row-joint", "kr-row-third", "kr-row-placements")

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict[str, object]] = []  # one per <tr data-platform> or facts table
        self.platform: str | None = None
        self.marker: str | None = None
        self.depth = 0
        self.item: list[str] | None = None
        self.joint: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if a.get("data-platform") and tag in ("tr", "table"):
            self.platform = a["data-platform"]
            self.rows.append({"platform": self.platform, "table": " ".join(classes)})
        marker = next((m for m in self.MARKERS if m in classes), None)
        if marker:
            self.marker, self.depth = marker, 0
            self.rows[-1].setdefault(marker, [])
        elif self.marker:
            self.depth += 1
        if self.marker and tag == "li":
            self.item = []
        if "kr-joint" in classes:
            self.rows[-1]["joint"] = a.get("data-joint")

    def handle_endtag(self, tag: str) -> None:
        if self.marker and tag == "li" and self.item is not None:
            items = self.rows[-1][self.marker]
            assert isinstance(items, list)
            items.append(" ".join("".join(self.item).split()))
            self.item = None
        if self.marker:
            if self.depth == 0:
                self.marker = None
            else:
                self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.item is not None:
            self.item.append(data)


def _country_of(item: str) -> str:
    return item.split(" (")[0].split(":")[0].strip()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("content") / "site"
    result = build(ROOT, "--site-dir", str(target))
    assert result.returncode == 0, result.stderr[-3000:]
    return target


def _expected(platform: Platform) -> tuple[str, list[str], list[str]]:
    joint = "ja" if platform.joint_controllership else "nein"
    return joint, [t.country for t in platform.third_countries], list(platform.imprint_placements)


@pytest.mark.parametrize("platform_id", PROFILE_IDS)
def test_profile_table_shows_the_platform_data(site: Path, platform_id: str) -> None:
    html = (site / "toolbox" / "plattformen" / platform_id / "index.html").read_text("utf-8")
    parser = _Cells()
    parser.feed(html)
    tables = [r for r in parser.rows if "kr-platform-facts" in str(r["table"])]
    assert [t["platform"] for t in tables] == [platform_id], "one facts table, of this platform"
    joint, countries, placements = _expected(PLATFORMS[platform_id])
    table = tables[0]
    assert table["joint"] == joint
    assert [_country_of(str(i)) for i in table.get("kr-row-third", [])] == countries
    assert table["kr-row-placements"] == placements


def test_privacy_page_shows_the_platform_data(site: Path) -> None:
    html = (site / "datenschutz" / "index.html").read_text("utf-8")
    parser = _Cells()
    parser.feed(html)
    rows = {str(r["platform"]): r for r in parser.rows if "kr-joint" not in str(r["table"])
            and "joint" in r}
    assert set(rows) == set(PLATFORMS), "every platform has a row in the controllers table"
    for pid, platform in PLATFORMS.items():
        joint, countries, _ = _expected(platform)
        assert rows[pid]["joint"] == joint, pid
        assert [_country_of(str(i)) for i in rows[pid].get("kr-row-third", [])] == countries, pid
    # The third-country table lists exactly the data's pairs.
    listed = re.findall(r'<tr data-platform="([a-z_-]+)"><td>[^<]*</td><td class="kr-country">'
                        r"([^<]+)</td>", html)
    assert listed == [(pid, t.country) for pid, p in PLATFORMS.items()
                      for t in p.third_countries]


def test_imprint_guide_lists_the_placements_of_the_data(site: Path) -> None:
    html = (site / "impressum-leitfaden" / "index.html").read_text("utf-8")
    parser = _Cells()
    parser.feed(html)
    rows = {str(r["platform"]): r["kr-row-placements"] for r in parser.rows
            if "kr-row-placements" in r}
    assert rows == {pid: list(p.imprint_placements) for pid, p in PLATFORMS.items()}


# --- hand-written text -----------------------------------------------------------------

_INCLUDE = re.compile(r"^--8<--[^\n]*$|<!--.*?-->", re.M | re.S)
# How the guide states the city's assessment; a sentence in either form is checked. Within a
# sentence (a full stop before a non-space, as in "05.06.2018", does not end it).
_S = r"(?:[^.]|\.(?=\S))*?"
_SAYS_JOINT = [
    re.compile(r"\bgeht\b" + _S + r"\bvon gemeinsamer Verantwortung\b" + _S + r"\baus\b"),
    re.compile(r"\bbehandelt\b" + _S + r"\bwie eine Facebook-Seite\b"),
    re.compile(r"(?<!nicht )\bgemeinsam verantwortlich\b"),
    re.compile(r"\bgemeinsame Verantwortung\b" + _S + r"\b(?:nahe|naheliegend|besteht)\b"),
]
_SAYS_NOT_JOINT = [
    re.compile(r"\bgeht\b" + _S + r"\bnicht\b" + _S
               + r"\b(?:von einer gemeinsamen Verantwortung|davon)\b" + _S + r"\baus\b"),
    re.compile(r"\bkeine gemeinsame Verantwortung\b"),
]


def _hand_text(path: Path) -> str:
    text = _INCLUDE.sub(" ", path.read_text("utf-8"))
    return re.sub(r"\*\*|__", "", text)


def _country_pattern(country: str) -> re.Pattern[str]:
    # German inflects the adjectives of a country's name ("der Vereinigten Arabischen Emirate").
    words = [re.escape(w) + ("n?" if w.endswith("e") else "") for w in country.split()]
    return re.compile(r"\b" + r"\s+".join(words) + r"\b")


DATA_COUNTRIES = {t.country for p in PLATFORMS.values() for t in p.third_countries}
# Countries a hand-written text might name although the data does not (or no longer) list them.
WATCHED = {"USA", "China", "Singapur", "Vereinigte Arabische Emirate", "Russland", "Indien",
           "Brasilien", "Kanada", "Japan", "Britische Jungferninseln", "Israel"}
ALL_COUNTRIES = sorted(DATA_COUNTRIES | WATCHED)


def joint_claims(text: str) -> set[bool]:
    """What a text says about joint controllership: True, False, both or nothing."""
    claims = set()
    if any(p.search(text) for p in _SAYS_JOINT):
        claims.add(True)
    if any(p.search(text) for p in _SAYS_NOT_JOINT):
        claims.add(False)
    return claims


def countries_named(text: str) -> set[str]:
    """Which of the registry's third countries a text names."""
    return {c for c in ALL_COUNTRIES if _country_pattern(c).search(text)}


@pytest.mark.parametrize("platform_id", PROFILE_IDS)
def test_profile_text_agrees_with_the_platform_data(platform_id: str) -> None:
    platform = PLATFORMS[platform_id]
    text = _hand_text(PROFILES / f"{platform_id}.md")
    claims = joint_claims(text)
    assert claims <= {platform.joint_controllership}, (
        f"{platform_id}.md says joint controllership is {claims}, the platform data says "
        f"{platform.joint_controllership}")
    named = countries_named(text)
    own = {t.country for t in platform.third_countries}
    assert named <= own, f"{platform_id}.md names {named - own}, not in its third_countries"
    assert f"<!-- kanalregister: platform-facts {platform_id} -->" in (
        PROFILES / f"{platform_id}.md").read_text("utf-8"), "the profile shows the data table"


def test_privacy_page_names_only_third_countries_of_the_data() -> None:
    text = _hand_text(ROOT / "docs" / "datenschutz.md")
    assert "<!-- kanalregister: platform-third-countries -->" in (
        ROOT / "docs" / "datenschutz.md").read_text("utf-8")
    named = countries_named(text)
    assert named <= DATA_COUNTRIES, f"datenschutz.md names {named - DATA_COUNTRIES}"


def _yaml_examples() -> list[tuple[Path, dict[str, object]]]:
    # The examples as the site shows them: with the organisation's facts in place of variables.
    org = Organisation.model_validate(
        yaml.safe_load((ROOT / "channels" / "_organisation.yml").read_text("utf-8")))
    known = variables.values(org, None)
    found = []
    for path in sorted((ROOT / "docs").rglob("*.md")):
        text = variables.expand(path.read_text("utf-8"), known)
        for block in re.findall(r"```ya?ml\n(.*?)```", text, re.S):
            data = yaml.safe_load(re.sub(r"\s+#.*", "", block))
            if isinstance(data, dict) and isinstance(data.get("imprint"), dict):
                found.append((path, data))
    return found


def test_placements_in_examples_are_accepted_for_their_platform() -> None:
    examples = _yaml_examples()
    assert examples, "the imprint guide shows an example"
    for path, data in examples:
        imprint = data["imprint"]
        assert isinstance(imprint, dict)
        platform_id = data.get("platform") or re.search(
            r"/datenschutz/([a-z]+)/", str(data.get("privacy", ""))).group(1)  # type: ignore[union-attr]
        assert imprint.get("placement") in PLATFORMS[str(platform_id)].imprint_placements, path


# The checker above must catch what the legal review found: the old profiles of Threads and X
# against data that said "no joint controllership".
@pytest.mark.parametrize("sentence, expected", [
    ("Für die Statistiken des Profils ist eine gemeinsame Verantwortung nach dem Urteil des "
     "EuGH vom 05.06.2018 (C-210/16) naheliegend.", {True}),
    ("Nach dem Urteil liegt deshalb eine gemeinsame Verantwortung nahe.", {True}),
    ("Die Stadt geht deshalb nicht von einer gemeinsamen Verantwortung aus.", {False}),
    ("Die Stadt geht dafür von gemeinsamer Verantwortung aus, obwohl X keine Vereinbarung "
     "anbietet.", {True}),
    ("Mastodon liefert keine Publikumsstatistik.", set()),
])
def test_joint_claims_reads_the_guide_s_phrasing(sentence: str, expected: set[bool]) -> None:
    assert joint_claims(sentence) == expected


def test_countries_named_reads_inflected_names() -> None:
    assert "Vereinigte Arabische Emirate" in countries_named(
        "Für die Vereinigten Arabischen Emirate gibt es keinen Angemessenheitsbeschluss.")
