"""The platform registry: shipped data, extension from mkdocs.yml, and the JSON rules."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import material
import pytest

from kanalregister.register.canonical import Canonical, UrlProblem, canonicalize
from kanalregister.register.platforms import PlatformRegistry, RegistryError, load_registry

REQUIRED_IDS = [
    "facebook", "instagram", "threads", "x", "mastodon", "bluesky", "youtube", "tiktok",
    "linkedin", "xing", "whatsapp", "telegram", "flickr", "website",
]
ICONS = Path(material.__file__).parent / "templates" / ".icons"
PINTEREST: dict[str, Any] = {
    "name": "Pinterest",
    "icon": "fontawesome/brands/pinterest",
    "hosts": ["pinterest.com"],
    "aliases": ["pinterest.de"],
    "forms": [{"pattern": "^/([A-Za-z0-9_]{3,30})$"}],
    "reserved": ["pin", "ideas"],
    "profile_url": "https://pinterest.com/{account}",
    "imprint_placements": ["Profil: Website"],
}


@pytest.fixture(scope="module")
def registry() -> PlatformRegistry:
    return load_registry()


def _patterns(rules: dict[str, Any]) -> list[str]:
    found: list[str] = []
    for platform in rules["platforms"]:
        found += [form["pattern"] for form in platform["forms"]]
        found += [platform["handle"]] if platform["handle"] else []
        found += [platform["address"]["pattern"]] if platform["address"] else []
    return found


def test_every_platform_is_shipped(registry: PlatformRegistry) -> None:
    assert registry.ids() == REQUIRED_IDS
    for platform_id in REQUIRED_IDS:
        assert platform_id in registry
        assert registry[platform_id].id == platform_id
    assert registry.get("myspace") is None


@pytest.mark.parametrize("platform_id", REQUIRED_IDS)
def test_icon_exists_in_material(registry: PlatformRegistry, platform_id: str) -> None:
    assert (ICONS / f"{registry[platform_id].icon}.svg").is_file()


def test_operator_facts(registry: PlatformRegistry) -> None:
    assert [p.id for p in registry.platforms.values() if p.rel_me] == ["mastodon", "website"]
    assert registry["facebook"].joint_controllership is True
    for platform in registry.platforms.values():
        assert platform.imprint_placements
        if platform.hosts:  # a platform run by one company names it and its policy
            assert platform.controller is not None and platform.controller.name, platform.id
            assert platform.privacy_policy and platform.privacy_policy.startswith("https://")


def test_hosts_are_canonical(registry: PlatformRegistry) -> None:
    assert registry["x"].hosts[0] == "x.com" and "twitter.com" in registry["x"].aliases
    assert "youtu.be" not in registry["youtube"].all_hosts
    seen: set[str] = set()
    for platform in registry.platforms.values():
        for host in [*platform.all_hosts, *platform.non_profile_hosts]:
            assert host == host.lower() and not host.startswith(("www.", "m.", "mobile."))
            assert host not in seen, host
            seen.add(host)


def test_extension_adds_a_platform() -> None:
    registry = load_registry({"pinterest": PINTEREST})
    assert registry.ids()[-1] == "pinterest"
    result = canonicalize("https://www.pinterest.de/Musterstadt/", registry)
    expected = Canonical("pinterest", "musterstadt", "https://pinterest.com/musterstadt", "https")
    assert result == expected
    problem = canonicalize("https://pinterest.com/pin/12345", registry)
    assert isinstance(problem, UrlProblem) and problem.code == "not-a-profile"


def test_extension_overrides_fields_and_keeps_the_rest(registry: PlatformRegistry) -> None:
    extended = load_registry({
        "x": {"name": "X", "imprint_placements": ["Bio-Link"]},
        "mastodon": {"controller": {"name": "Stadt Musterstadt", "address": "Markt 1"}},
    })
    assert extended["x"].name == "X"
    assert extended["x"].imprint_placements == ["Bio-Link"]  # lists are replaced, not merged
    assert extended["x"].forms == registry["x"].forms
    assert extended["mastodon"].controller is not None
    assert extended["mastodon"].controller.name == "Stadt Musterstadt"
    assert load_registry()["x"].name == registry["x"].name  # the shipped data is untouched


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"pinterest": {"name": "Pinterest"}}, "platforms.pinterest.icon: Field required"),
        ({"x": {"colour": "black"}}, "platforms.x.colour: Extra inputs are not permitted"),
        ({"x": "off"}, "platforms.x: expected a mapping of fields"),
        ({"x": {"hosts": ["www.x.com"]}}, "leave out www./m./mobile."),
        ({"x": {"hosts": ["X.com"]}}, "is not a lower-case host name"),
        ({"pinterest": {**PINTEREST, "hosts": ["x.com"]}}, "claimed by x and pinterest"),
        ({"x": {"forms": [{"pattern": "^/(?P<name>[a-z]+)$"}]}}, "JavaScript"),
        ({"x": {"forms": [{"pattern": "^/(?i)([a-z]+)$"}]}}, "JavaScript"),
        ({"x": {"forms": [{"pattern": "^/(?<=a)([a-z]+)$"}]}}, "JavaScript"),
        ({"x": {"forms": [{"pattern": "^/([a-z]++)$"}]}}, "JavaScript"),
        ({"x": {"forms": [{"pattern": "/([a-z]+)"}]}}, "anchored"),
        ({"x": {"forms": [{"pattern": "^/[a-z]+$"}]}}, "capturing group"),
        ({"x": {"forms": [{"pattern": "^/([a-z]+$"}]}}, "does not compile"),
        ({"x": {"forms": [{"pattern": "^/([a-z]+)$", "account": "{2}"}]}}, "template"),
        ({"x": {"profile_url": "http://x.com/{account}"}}, "https://"),
        ({"x": {"privacy_policy": "http://x.com/privacy"}}, "https://"),
        ({"x": {"forms": []}}, "platforms.x.forms"),
        ({"Bad Id": PINTEREST}, "platform id"),
    ],
)
def test_invalid_extension_is_reported_readably(extra: dict[str, Any], expected: str) -> None:
    with pytest.raises(RegistryError) as caught:
        load_registry(extra)
    assert expected in str(caught.value)
    assert "errors.pydantic.dev" not in str(caught.value)


def test_with_website_hosts(registry: PlatformRegistry) -> None:
    assert registry.website_hosts == []
    with_hosts = registry.with_website_hosts(["www.Musterstadt.example", "musterstadt.example"])
    assert with_hosts.website_hosts == ["musterstadt.example"]
    assert with_hosts.host_index["musterstadt.example"] == "website"
    assert registry.website_hosts == []  # a copy, the original is unchanged
    rules = with_hosts.to_json_rules()
    website = next(p for p in rules["platforms"] if p["id"] == "website")
    assert website["hosts"] == ["musterstadt.example"]


def test_json_rules_round_trip_and_compile(registry: PlatformRegistry) -> None:
    rules = registry.to_json_rules()
    assert json.loads(json.dumps(rules)) == rules
    assert [p["id"] for p in rules["platforms"]] == REQUIRED_IDS
    for platform in rules["platforms"]:
        assert platform["profile_url"].startswith("https://")
        for form in platform["forms"]:
            assert isinstance(form["case_insensitive"], bool)
    for pattern in _patterns(rules):
        assert re.compile(pattern, re.ASCII).groups >= 1


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node.js")
def test_every_regex_compiles_in_javascript(registry: PlatformRegistry) -> None:
    script = (
        "const p = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const bad = p.filter(x => { try { new RegExp(x); return false } catch { return true } });"
        "process.stdout.write(JSON.stringify(bad));"
    )
    patterns = json.dumps(_patterns(registry.to_json_rules()))
    done = subprocess.run(
        ["node", "-e", script], input=patterns, capture_output=True, text=True, check=True,
        timeout=60,
    )
    assert json.loads(done.stdout) == []
