"""The register's data: channels and the organisation, validated with pydantic.

Field names are the contract with editors' YAML files; descriptions are German because they
appear in editors' completion (via the JSON schema) and in the field reference on the site.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

# Every text field uses one of these types: each applies the text rule (and the URL rule).
from ..values.types import (
    Did,
    Domain,
    Email,
    HttpsUrl,
    LanguageCode,
    LongText,
    Postcode,
    Slug,
    Text,
    Url,
    WikidataItem,
)

# Fields editors may still write from older versions, with what replaced them.
RETIRED_FIELDS = {
    "name_pattern": "„name_pattern“ (ein regulärer Ausdruck) gibt es nicht mehr: stattdessen "
                    "„name_words: [Musterstadt]“ – Wörter, von denen der Kanalname eines "
                    "enthalten muss (Groß- und Kleinschreibung egal)",
}


class Model(BaseModel):
    """Base for every YAML-backed model: unknown fields are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Status(StrEnum):
    """The life cycle of a channel."""

    PLANNED = "planned"
    ACTIVE = "active"
    TEMPORARY = "temporary"
    EMERGENCY_ONLY = "emergency_only"
    # Kept to reserve the name: nobody posts or reads messages, but the account is the city's.
    PAUSED = "paused"
    ARCHIVED = "archived"

    @property
    def is_public(self) -> bool:
        """Planned channels are not published; every other status is."""
        return self is not Status.PLANNED

    @property
    def is_running(self) -> bool:
        """Channels the city holds now, which therefore need an imprint and a yearly review.

        A paused channel is still the city's digital service, so it counts as running."""
        return self in (Status.ACTIVE, Status.TEMPORARY, Status.EMERGENCY_ONLY, Status.PAUSED)


STATUS_LABELS: dict[Status, str] = {
    Status.PLANNED: "geplant",
    Status.ACTIVE: "aktiv",
    Status.TEMPORARY: "befristet",
    Status.EMERGENCY_ONLY: "nur für Warnungen",
    Status.PAUSED: "ruhend",
    Status.ARCHIVED: "archiviert",
}


class Imprint(Model):
    """Where the channel's profile links the imprint."""

    url: Url | None = Field(None, description="Adresse des Impressums (https)")
    label: Text | None = Field(
        None, description="Linktext auf dem Profil, z. B. „Impressum“ – nie nur „Info“"
    )
    placement: Text | None = Field(
        None, description="Ort des Links auf dem Profil, z. B. „Link in der Bio“"
    )


class Approval(Model):
    """The decision that approved the channel."""

    date: dt.date = Field(description="Datum der Freigabe")
    reference: Text = Field(description="Aktenzeichen der Freigabe, z. B. SMD-2016-07")


class Archived(Model):
    """When and why a channel was closed."""

    date: dt.date = Field(description="Datum der Schließung")
    reason: LongText = Field(description="Grund der Schließung, öffentlich sichtbar")


class Paused(Model):
    """Since when a channel rests: kept to reserve the name, without posts or replies."""

    date: dt.date = Field(description="Ruhend seit (JJJJ-MM-TT)")
    reason: Text | None = Field(None, description="Grund, öffentlich sichtbar")


class Channel(Model):
    """One official social-media channel (one YAML file under channels/)."""

    name: Text = Field(description="Name, wie er auf der Plattform angezeigt wird")
    platform: Slug = Field(description="Plattform-ID aus dem Plattformregister, z. B. instagram")
    url: Url = Field(description="Adresse des Profils (https)")
    unit: Slug = Field(description="ID der Organisationseinheit aus _organisation.yml")
    status: Status = Field(
        description="planned | active | temporary | emergency_only | paused | archived"
    )
    since: dt.date | None = Field(None, description="Start des Kanals (JJJJ-MM-TT)")
    description: LongText = Field(description="Worum es im Kanal geht, ein bis zwei Sätze")
    topics: list[Slug] = Field(
        default_factory=list, description="Themen-IDs aus _organisation.yml (topics)"
    )
    languages: list[LanguageCode] = Field(
        default_factory=lambda: ["de"], description="Sprachen nach ISO 639-1, z. B. [de, en]"
    )
    service_hours: Text | None = Field(
        None, description="Wann Nachrichten gelesen und beantwortet werden"
    )
    contact: Email | None = Field(None, description="Funktionspostfach, nie eine Person")
    imprint: Imprint | None = Field(None, description="Impressumslink auf dem Profil")
    privacy: Url | None = Field(None, description="Adresse der Datenschutzhinweise (https)")
    approval: Approval | None = Field(None, description="Freigabe des Kanals")
    reviewed: dt.date | None = Field(None, description="Datum der letzten jährlichen Überprüfung")
    until: dt.date | None = Field(None, description="Enddatum, nur bei status: temporary")
    did: Did | None = Field(None, description="DID des Bluesky-Kontos (did:plc:…), nur bei Bluesky")
    paused: Paused | None = Field(None, description="Ruhezeit, nur bei status: paused")
    archived: Archived | None = Field(None, description="Schließung, nur bei status: archived")
    successor: list[Url] | None = Field(
        None,
        description="Nur bei status: archived – Profiladressen der Kanäle im Register, auf denen "
        "die Stadt weitermacht",
    )


class KnownFake(Model):
    """An account the city has reported to its platform as an impersonation."""

    platform: Slug = Field(description="Plattform-ID aus dem Plattformregister")
    url: Url = Field(description="Adresse des gefälschten Profils")
    reported: dt.date = Field(description="Datum der Meldung an die Plattform")
    report_reference: Text | None = Field(
        None, description="Vorgangsnummer der Plattform zur Meldung, falls vorhanden"
    )
    removed: dt.date | None = Field(
        None, description="Datum, an dem die Plattform das Konto entfernt hat"
    )


class KnownFakes(Model):
    """channels/_faelschungen.yml: the known fakes, oldest report first or in any order."""

    fakes: list[KnownFake] = Field(
        default_factory=list, description="Gemeldete Fälschungen offizieller Kanäle"
    )


class Address(Model):
    """A postal address that can receive documents (no PO box)."""

    street: Text = Field(description="Straße und Hausnummer – kein Postfach")
    postcode: Postcode = Field(
        description="Postleitzahl"
    )
    city: Text = Field(description="Ort")
    country: Text = Field("Deutschland", description="Staat")

    def lines(self) -> list[str]:
        """The address as printed lines."""
        return [self.street, f"{self.postcode} {self.city}"]


class ResponsiblePerson(Model):
    """Person responsible for journalistic-editorial content (§ 18 Abs. 2 MStV)."""

    name: Text | None = Field(None, description="Vor- und Nachname")
    role: Text | None = Field(None, description="Funktion, z. B. Leitung Presseamt")
    address: Address | None = Field(None, description="Anschrift")


class ImprintData(Model):
    """What an imprint under § 5 DDG and § 18 MStV must state."""

    name: Text | None = Field(None, description="Vollständiger Name der Körperschaft")
    legal_form: Text | None = Field(None, description="Rechtsform")
    address: Address | None = Field(None, description="Ladungsfähige Anschrift")
    representative: Text | None = Field(None, description="Vertretungsberechtigte Person")
    email: Email | None = Field(None, description="E-Mail-Adresse")
    phone: Text | None = Field(None, description="Telefonnummer")
    supervisory_authority: Text | None = Field(None, description="Aufsichtsbehörde")
    commercial_register: Text | None = Field(
        None, description="Registergericht und -nummer, falls eingetragen"
    )
    vat_id: Text | None = Field(
        None, description="Umsatzsteuer-Identifikationsnummer; null, wenn keine vorhanden"
    )
    editorial_responsible: ResponsiblePerson | None = Field(
        None, description="Verantwortlich nach § 18 Abs. 2 MStV"
    )


class Unit(Model):
    """An organisational unit: an office, a department, a municipal enterprise."""

    id: Slug = Field(description="Kurze ID, wird in Kanaldateien verwendet")
    name: Text = Field(description="Name der Einheit")
    parent: Slug | None = Field(None, description="ID der übergeordneten Einheit")
    website: HttpsUrl | None = Field(None, description="Webseite der Einheit")
    imprint: ImprintData | None = Field(
        None, description="Eigenes Impressum, wenn die Einheit eine eigene juristische Person ist"
    )


class Contact(Model):
    """A function or office that pages name as a contact: a role, never a private person."""

    name: Text = Field(description="Bezeichnung der Stelle")
    email: Email | None = Field(None, description="E-Mail-Adresse (Funktionspostfach)")
    phone: Text | None = Field(None, description="Telefonnummer")
    address: Address | None = Field(None, description="Postanschrift")
    website: Url | None = Field(None, description="Webseite (https)")


class Organisation(ImprintData):
    """The public body itself (channels/_organisation.yml)."""

    short_name: Text | None = Field(None, description="Kurzname, z. B. Neustadt")
    state: Text | None = Field(
        None, description="Land, dessen Recht gilt, z. B. Niedersachsen (ohne „Land“)"
    )
    social_media_team: Contact | None = Field(
        None, description="Zentrales Social-Media-Team: Ansprechstelle für Kanäle und Register"
    )
    press_office: Contact | None = Field(None, description="Pressestelle")
    data_protection_officer: Contact | None = Field(
        None, description="Behördliche Datenschutzbeauftragte (Art. 37 DSGVO)"
    )
    data_protection_authority: Contact | None = Field(
        None, description="Zuständige Datenschutz-Aufsichtsbehörde des Landes (Art. 77 DSGVO)"
    )
    accessibility_contact: Contact | None = Field(
        None, description="Kontakt für Rückmeldungen zur Barrierefreiheit"
    )
    accessibility_enforcement: Contact | None = Field(
        None, description="Schlichtungs- bzw. Durchsetzungsstelle des Landes für Barrierefreiheit"
    )
    it_security: Contact | None = Field(
        None, description="Meldestelle für IT-Sicherheitsvorfälle (intern)"
    )
    wikidata: WikidataItem | None = Field(
        None, description="Wikidata-Objekt der Organisation, z. B. Q64"
    )
    website: HttpsUrl | None = Field(None, description="Hauptwebseite")
    domains: list[Domain] = Field(
        default_factory=list,
        description="Eigene Domains; Impressum und Datenschutz müssen dort liegen",
    )
    name_words: list[Text] = Field(
        default_factory=list,
        description="Wörter, an denen ein Kanalname die Stadt erkennen lässt; einer muss "
                    "im Namen stehen (Groß- und Kleinschreibung egal)",
    )
    topics: dict[Slug, Text] = Field(
        default_factory=dict, description="Themen: ID → Bezeichnung"
    )
    units: list[Unit] = Field(default_factory=list, description="Organisationseinheiten")

    def name_markers(self) -> list[str]:
        """The words of which a channel name must contain one: ``name_words``, else the
        short name, else the full name (none if the organisation has no name at all)."""
        if self.name_words:
            return list(self.name_words)
        return [w for w in (self.short_name or self.name,) if w]

    def is_recognisable(self, display_name: str) -> bool:
        """Whether ``display_name`` contains one of the name markers, ignoring case."""
        folded = display_name.casefold()
        markers = self.name_markers()
        return not markers or any(word.casefold() in folded for word in markers)
