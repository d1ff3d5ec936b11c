"""Synthetic registers for the benchmark: realistic distributions, and clean (zero findings).

The shape follows the demo register of Musterstadt: the platforms in the demo's proportions,
a unit tree of offices with sub-units (about eight channels per unit), statuses mostly active
with some archived, temporary, emergency-only and planned channels, and texts of varied length.
Every URL is read back through the platform registry, and every file is named with
``urls.account_slug`` exactly as the register expects, so a benchmark never measures findings.
"""

from __future__ import annotations

import copy
import json
import random
import re
import shutil
import textwrap
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from kanalregister.register.canonical import Canonical, account_slug, canonicalize
from kanalregister.register.platforms import load_registry

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../kanalregister.schema.json\n"
SITE_HOSTS = ["musterstadt.example", "blog.musterstadt.example", "social.musterstadt.example"]

_STATUSES = [("active", 84), ("archived", 7), ("temporary", 3), ("emergency_only", 3),
             ("planned", 3)]
_KINDS = ["Amt für", "Fachbereich", "Referat", "Büro für", "Stabsstelle", "Abteilung"]
_SUBJECTS = [
    "Umwelt und Klimaschutz", "Kultur", "Schule und Bildung", "Jugend und Familie", "Soziales",
    "Gesundheit", "Verkehr und Mobilität", "Stadtentwicklung", "Wirtschaft", "Tourismus",
    "Sport und Freizeit", "Bürgerservice", "Feuerwehr und Katastrophenschutz", "Digitales",
    "Stadtgeschichte", "Integration", "Wohnen", "Grünflächen", "Abfallwirtschaft", "Personal",
]
_PLACES = ["Nord", "Süd", "Ost", "West", "Mitte", "Altstadt", "Hafen", "Oberdorf", "Unterau",
           "Am Berg"]
_SENTENCES = [
    "Neuigkeiten aus Musterstadt und Hinweise auf Veranstaltungen.",
    "Wir beantworten Fragen zu Anträgen, Terminen und Zuständigkeiten.",
    "Bilder und Geschichten aus dem Alltag der Verwaltung.",
    "Aktuelle Meldungen bei Störungen, Sperrungen und Unwettern.",
    "Stellenangebote, Ausbildungsplätze und Einblicke in die Arbeit der Stadt.",
    "Beteiligungsverfahren, Bürgerversammlungen und Beschlüsse des Rates in verständlicher "
    "Sprache, mit Links zu den Unterlagen.",
    "Tipps für Familien, Kinder und Jugendliche in den Stadtteilen.",
    "Programm, Kurse und Ausstellungen mit Anmeldung und Ortsangaben.",
]
_HOURS = ["Mo–Fr 8–17 Uhr", "Mo–Do 9–15 Uhr, Fr 9–12 Uhr", "werktags 8–16 Uhr",
          "rund um die Uhr bei Gefahrenlagen, sonst Mo–Fr 8–16 Uhr"]
_LANGUAGES = [["de"]] * 8 + [["de", "en"], ["de", "tr"], ["de", "en", "uk"]]
_REASONS = [
    "Rückzug von der Plattform nach Ratsbeschluss.",
    "Die Kampagne ist beendet; die Inhalte stehen auf der Website der Stadt.",
    "Zusammengelegt mit dem Hauptkanal des Amtes.",
]
# Characters each platform allows inside an account, to build names its URL forms accept.
_SEPARATOR = {"facebook": ".", "bluesky": "-", "whatsapp": "", "website": "-"}
_MAX_LENGTH = {"x": 15, "tiktok": 24, "instagram": 30, "threads": 30, "youtube": 30,
               "telegram": 32}


def demo_platform_weights(demo_channels: Path) -> Counter[str]:
    """How often each platform occurs in the demo register."""
    weights: Counter[str] = Counter()
    for path in demo_channels.rglob("*.yml"):
        if not path.name.startswith("_"):
            weights[yaml.safe_load(path.read_text("utf-8"))["platform"]] += 1
    return weights


def profile_url(platform: str, token: str, number: int) -> str:
    """A profile URL on ``platform`` whose account is built from ``token`` and ``number``."""
    sep = _SEPARATOR.get(platform, "_")
    account = f"{token}{sep}{number:x}" if sep else f"{token}{number:x}"
    if platform in _MAX_LENGTH:
        suffix = f"{sep}{number:x}"
        account = token[: _MAX_LENGTH[platform] - len(suffix)] + suffix
    urls = {
        "facebook": f"https://www.facebook.com/{account}",
        "instagram": f"https://www.instagram.com/{account}/",
        "threads": f"https://www.threads.com/@{account}",
        "x": f"https://x.com/{account}",
        "mastodon": f"https://social.musterstadt.example/@{account}",
        "bluesky": f"https://bsky.app/profile/{account}.musterstadt.example",
        "youtube": f"https://www.youtube.com/@{account}",
        "tiktok": f"https://www.tiktok.com/@{account}",
        "linkedin": f"https://www.linkedin.com/company/{account}",
        "xing": f"https://www.xing.com/pages/{account}",
        "whatsapp": f"https://www.whatsapp.com/channel/0029Va{account:0>20}",
        "telegram": f"https://t.me/{account:_<5}",
        "flickr": f"https://www.flickr.com/photos/{account}/",
        "website": f"https://blog.musterstadt.example/{account}",
    }
    return urls[platform]


def _slug(text: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(table)).strip("-")


def make_units(
    count: int, rng: random.Random, organisation: dict[str, Any]
) -> list[dict[str, Any]]:
    """``count`` units: about one in six at the top, the others below them (at most 3 deep)."""
    units: list[dict[str, Any]] = []
    depth: dict[str, int] = {}
    seen: set[str] = set()
    template = next((u["imprint"] for u in organisation["units"] if u.get("imprint")), None)
    for index in range(count):
        name = f"{rng.choice(_KINDS)} {rng.choice(_SUBJECTS)}"
        if rng.random() < 0.5:
            name += f" {rng.choice(_PLACES)}"
        uid = _slug(name)
        if uid in seen:
            uid, name = f"{uid}-{index}", f"{name} {index}"
        seen.add(uid)
        unit: dict[str, Any] = {"id": uid, "name": name,
                                "website": f"https://www.musterstadt.example/{uid}/"}
        parents = [u["id"] for u in units if depth[u["id"]] < 3]
        if index >= max(1, count // 6) and parents:
            unit["parent"] = rng.choice(parents)
        depth[uid] = depth[unit["parent"]] + 1 if "parent" in unit else 1
        if template and rng.random() < 0.01:  # municipal enterprises with their own imprint
            unit["imprint"] = {**copy.deepcopy(template), "name": f"{name} Musterstadt GmbH"}
        units.append(unit)
    return units


def channel_data(
    platform: str, url: str, unit: dict[str, Any], rng: random.Random, today: date,
    placement: str, topics: list[str],
) -> dict[str, Any]:
    """The fields of one clean channel file."""
    status = rng.choices([s for s, _ in _STATUSES], [w for _, w in _STATUSES])[0]
    since = today - timedelta(days=rng.randint(400, 5500))
    approval = since - timedelta(days=rng.randint(5, 60))
    name = rng.choice([f"{unit['name']} Musterstadt", "Stadt Musterstadt",
                       f"Musterstadt {rng.choice(_SUBJECTS)}", f"Musterstadt {unit['name']}"])
    data: dict[str, Any] = {
        "name": name,
        "platform": platform,
        "url": url,
        "unit": unit["id"],
        "status": status,
        "since": since,
        "description": " ".join(rng.sample(_SENTENCES, rng.randint(1, 4))),
        "topics": rng.sample(topics, rng.randint(1, 3)),
        "languages": rng.choice(_LANGUAGES),
    }
    if rng.random() < 0.8:
        data["service_hours"] = rng.choice(_HOURS)
    data["contact"] = f"{unit['id']}@musterstadt.example"
    data["imprint"] = {"url": "https://www.musterstadt.example/impressum/",
                       "label": "Impressum", "placement": placement}
    data["privacy"] = f"https://www.musterstadt.example/datenschutz/{platform}/"
    reference = f"SMD-{approval.year}-{rng.randint(1, 99):02d}"
    data["approval"] = {"date": approval, "reference": reference}
    data["reviewed"] = today - timedelta(days=rng.randint(1, 330))
    if status == "temporary":
        data["until"] = today + timedelta(days=rng.randint(30, 700))
    if status == "archived":
        closed = since + (today - since) * rng.randint(2, 9) // 10
        data["archived"] = {"date": closed, "reason": rng.choice(_REASONS)}
    if status == "planned":
        del data["since"]
    return data


def _scalar(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if ": " in text or " #" in text or text[0] in "-?:,[]{}#&*!|>'\"%@`":
        return json.dumps(text, ensure_ascii=False)  # a JSON string is double-quoted YAML
    return text


def channel_yaml(data: dict[str, Any], indent: str = "") -> str:
    """A channel file as editors write it (and ``kanalregister new`` does): fields in the
    documented order, lists in brackets, long texts folded with ``>-``."""
    lines = []
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{indent}{key}:\n{channel_yaml(value, indent + '  ')}".rstrip("\n"))
        elif isinstance(value, list):
            lines.append(f"{indent}{key}: [{', '.join(_scalar(v) for v in value)}]")
        elif isinstance(value, str) and len(value) > 80:
            body = textwrap.wrap(value, 86 - len(indent), break_long_words=False,
                                 break_on_hyphens=False)
            lines.append(f"{indent}{key}: >-")
            lines += [f"{indent}  {part}" for part in body]
        else:
            lines.append(f"{indent}{key}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


def write_register(
    channels_dir: Path, count: int, *, demo_channels: Path, today: date, seed: int = 8
) -> Counter[str]:
    """Write ``count`` clean channel files and an organisation to ``channels_dir``.

    Returns the number of channels per status.
    """
    rng = random.Random(seed)
    registry = load_registry()
    organisation = yaml.safe_load((demo_channels / "_organisation.yml").read_text("utf-8"))
    units = make_units(max(12, count // 8), rng, organisation)
    organisation["units"] = units
    organisation["domains"] = sorted({*organisation["domains"], *SITE_HOSTS})
    if channels_dir.exists():
        shutil.rmtree(channels_dir)
    channels_dir.mkdir(parents=True)
    (channels_dir / "_organisation.yml").write_text(
        yaml.safe_dump(organisation, allow_unicode=True, sort_keys=False), "utf-8")
    weights = demo_platform_weights(demo_channels)
    platforms = sorted(weights)
    topics = list(organisation["topics"])
    statuses: Counter[str] = Counter()
    for number in range(count):
        platform = rng.choices(platforms, [weights[p] for p in platforms])[0]
        unit = rng.choice(units)
        token = _slug(f"{rng.choice(_SUBJECTS).split()[0]}-{unit['id'][:12]}")
        url = profile_url(platform, token.replace("-", _SEPARATOR.get(platform, "_")), number)
        account = canonicalize(url, registry, website_hosts=SITE_HOSTS)
        if not isinstance(account, Canonical) or account.platform != platform:
            raise ValueError(f"generator bug: {url} is not a {platform} profile: {account}")
        placement = registry[platform].imprint_placements[0]
        data = channel_data(platform, url, unit, rng, today, placement, topics)
        statuses[data["status"]] += 1
        folder = channels_dir / unit["id"]
        folder.mkdir(exist_ok=True)
        path = folder / f"{account_slug(account.platform, account.account)}.yml"
        path.write_text(SCHEMA_COMMENT + channel_yaml(data), "utf-8")
    return statuses
