"""The questions of ``kanalregister init``: the facts a public body states about itself.

Each question has a key (the same in an answers file for scripts), a German prompt and a
default derived from earlier answers, so that a city answers a handful of questions and
accepts the rest. ``organisation_data`` turns the answers into ``_organisation.yml``'s
content, ``site_settings`` into the settings of mkdocs.yml.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlsplit

from ..i18n import tr

Answers = dict[str, str]

# Prefixes of a body's legal name that its short name leaves out.
_KINDS = re.compile(r"^(Stadt|Gemeinde|Markt|Landkreis|Kreis|Bezirksamt|Hansestadt|"
                    r"Landeshauptstadt|Universitätsstadt|Große Kreisstadt)\s+")


def domain(answers: Mapping[str, str]) -> str:
    """The body's main domain without ``www.``, from its website."""
    host = urlsplit(answers.get("website", "")).hostname or "stadt.example"
    return host.removeprefix("www.")


def _short(a: Mapping[str, str]) -> str:
    return _KINDS.sub("", a.get("name", "")).strip()


@dataclass(frozen=True)
class Question:
    """One fact to ask: its key, the German prompt, a default, whether it may stay empty."""

    key: str
    prompt: str  # the German original; what is shown comes from the catalogue (init.prompt.*)
    default: Callable[[Mapping[str, str]], str] | None = None
    optional: bool = False

    @property
    def text(self) -> str:
        """The prompt in the language in use."""
        return tr(f"init.prompt.{self.key}")


QUESTIONS: tuple[Question, ...] = (
    Question("name", "Vollständiger Name der Körperschaft, z. B. „Stadt Beispielhausen“"),
    Question("short_name", "Kurzname, wie Bürgerinnen und Bürger ihn nennen", _short),
    Question("legal_form", "Rechtsform",
             lambda a: "Gebietskörperschaft des öffentlichen Rechts"),
    Question("street", "Ladungsfähige Anschrift: Straße und Hausnummer (kein Postfach)"),
    Question("postcode", "Postleitzahl"),
    Question("city", "Ort", _short),
    Question("state", "Land, dessen Recht gilt, z. B. „Niedersachsen“ (ohne „Land“)"),
    Question("representative", "Vertretungsberechtigte Person mit Funktion, "
                               "z. B. „Bürgermeisterin Dr. Eva Beispiel“"),
    Question("website", "Hauptwebseite (https://…)"),
    Question("email", "Zentrale E-Mail-Adresse", lambda a: f"info@{domain(a)}"),
    Question("phone", "Zentrale Telefonnummer"),
    Question("supervisory_authority", "Aufsichtsbehörde (Kommunalaufsicht) mit Anschrift"),
    Question("vat_id", "Umsatzsteuer-Identifikationsnummer (leer lassen, wenn keine)",
             optional=True),
    Question("editorial_name", "Verantwortlich nach § 18 Abs. 2 MStV: Vor- und Nachname"),
    Question("editorial_role", "Funktion dieser Person", lambda a: "Leitung der Pressestelle"),
    Question("social_media_team", "Bezeichnung des zentralen Social-Media-Teams",
             lambda a: "Social-Media-Team der Pressestelle"),
    Question("social_media_email", "Funktionspostfach des Social-Media-Teams",
             lambda a: f"socialmedia@{domain(a)}"),
    Question("social_media_phone", "Telefonnummer des Social-Media-Teams (optional)",
             optional=True),
    Question("press_email", "Funktionspostfach der Pressestelle",
             lambda a: f"presse@{domain(a)}"),
    Question("dpo_email", "E-Mail-Adresse der oder des Datenschutzbeauftragten",
             lambda a: f"datenschutz@{domain(a)}"),
    Question("it_security_email", "Meldepostfach für IT-Sicherheitsvorfälle",
             lambda a: f"it-sicherheit@{domain(a)}"),
    Question("dpa_name", "Datenschutz-Aufsichtsbehörde des Landes",
             lambda a: "Landesbeauftragte oder Landesbeauftragter für den Datenschutz "
                       f"{a.get('state', '')}".strip()),
    Question("accessibility_email", "E-Mail-Adresse für Rückmeldungen zur Barrierefreiheit",
             lambda a: f"barrierefreiheit@{domain(a)}"),
    Question("enforcement_name", "Schlichtungs- oder Durchsetzungsstelle des Landes für "
                                 "barrierefreie Informationstechnik",
             lambda a: f"Schlichtungsstelle barrierefreie Informationstechnik {a.get('state', '')}"
             .strip()),
    Question("enforcement_website", "Webseite dieser Stelle (https://…)"),
    Question("site_url", "Adresse der Register-Website (https://…/)",
             lambda a: f"https://socialmedia.{domain(a)}/"),
    Question("site_name", "Titel der Website", lambda a: f"Social Media der {a.get('name', '')}"
             if a.get("name", "").startswith(("Stadt ", "Gemeinde ")) else
             f"Social Media: {a.get('name', '')}"),
)

KEYS = tuple(q.key for q in QUESTIONS)


def complete(given: Mapping[str, Any]) -> tuple[Answers, list[str]]:
    """The answers with defaults filled in, and the keys of required answers still missing."""
    answers: Answers = {}
    missing: list[str] = []
    for question in QUESTIONS:
        value = given.get(question.key)
        text = "" if value is None else str(value).strip()
        if not text and question.default is not None:
            text = question.default(answers)
        if text:
            answers[question.key] = text
        elif not question.optional:
            missing.append(question.key)
    return answers, missing


def _address(a: Mapping[str, str]) -> dict[str, str]:
    return {"street": a["street"], "postcode": a["postcode"], "city": a["city"]}


def organisation_data(a: Mapping[str, str], topics: Mapping[str, str]) -> dict[str, Any]:
    """The content of ``channels/_organisation.yml`` for these answers (no units yet)."""
    site_host = urlsplit(a["site_url"]).hostname or ""
    main = domain(a)
    domains = list(dict.fromkeys(d for d in (main, f"www.{main}", site_host) if d))
    team: dict[str, Any] = {"name": a["social_media_team"], "email": a["social_media_email"]}
    if a.get("social_media_phone"):
        team["phone"] = a["social_media_phone"]
    team["address"] = _address(a)
    return {
        "name": a["name"],
        "short_name": a["short_name"],
        "legal_form": a["legal_form"],
        "address": _address(a),
        "representative": a["representative"],
        "email": a["email"],
        "phone": a["phone"],
        "supervisory_authority": a["supervisory_authority"],
        "commercial_register": None,
        "vat_id": a.get("vat_id") or None,
        "editorial_responsible": {"name": a["editorial_name"], "role": a["editorial_role"],
                                  "address": _address(a)},
        "website": a["website"],
        "state": a["state"],
        "social_media_team": team,
        "press_office": {"name": "Pressestelle", "email": a["press_email"]},
        "data_protection_officer": {"name": "Behördliche Datenschutzbeauftragte oder "
                                            "behördlicher Datenschutzbeauftragter",
                                    "email": a["dpo_email"], "address": _address(a)},
        "data_protection_authority": {"name": a["dpa_name"]},
        "accessibility_contact": {"name": a["social_media_team"],
                                  "email": a["accessibility_email"], "address": _address(a)},
        "accessibility_enforcement": {"name": a["enforcement_name"],
                                      "website": a["enforcement_website"]},
        "it_security": {"name": "IT-Sicherheit", "email": a["it_security_email"]},
        "domains": domains,
        "name_words": [a["short_name"]],
        "topics": dict(topics),
        "units": [],
    }


def site_settings(a: Mapping[str, str]) -> dict[str, str]:
    """The settings of mkdocs.yml that name the body."""
    subject = quote("Problem mit einem Social-Media-Kanal")
    return {
        "site_name": a["site_name"],
        "site_description": "Leitlinien für Social Media und das öffentliche Register der "
                            f"offiziellen Kanäle: {a['name']}.",
        "site_url": a["site_url"],
        "site_author": a["name"],
        "copyright": f"{a['name']} – Inhalte unter CC BY 4.0, sofern nicht anders angegeben",
        "report_problem": f"mailto:{a['social_media_email']}?subject={subject}",
    }
