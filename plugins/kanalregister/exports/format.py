"""The open-data format of ``kanaele.json``: its models, its version and its JSON schema.

One set of pydantic models describes what a register publishes; the same models generate
``kanaele.schema.json`` and validate the exports a Verbund fetches from its members.

Version policy (``format_version`` is ``major.minor``): a minor version adds optional fields
and never changes or removes one, so a reader accepts every minor of a major it knows and
ignores fields it does not know; anything else is a new major, which a reader refuses.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from ..register.models import Approval, Archived, Channel, Imprint, Paused
from ..values.types import HttpsUrl, Slug, Text, Url, WikidataItem
from ..values.weburl import UrlRefusal, check_web_url

FORMAT = "kanalregister/kanaele"
FORMAT_VERSION = "1.0"
KNOWN_MAJORS = frozenset({1})
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# Unknown fields are ignored, not refused: a later minor version may add optional fields.
_READER = ConfigDict(extra="ignore", frozen=True)


class ExportImprint(Imprint):
    """The imprint link on the profile."""

    model_config = _READER


class ExportApproval(Approval):
    """The decision that approved the channel."""

    model_config = _READER


class ExportPaused(Paused):
    """Since when the channel rests."""

    model_config = _READER


class ExportArchived(Archived):
    """When and why the channel was closed."""

    model_config = _READER


class ExportWikidata(BaseModel):
    """The Wikidata statement for the account: property and value."""

    model_config = _READER

    property: Text = Field(description="Wikidata-Eigenschaft, z. B. P2003")
    value: Text = Field(description="Wert der Eigenschaft, z. B. der Benutzername")


class ExportChannel(Channel):
    """One published channel: the fields of its channel file plus derived ones."""

    model_config = _READER

    imprint: ExportImprint | None = Field(None, description="Impressumslink auf dem Profil")
    approval: ExportApproval | None = Field(None, description="Freigabe des Kanals")
    paused: ExportPaused | None = Field(None, description="Ruhezeit, nur bei status: paused")
    archived: ExportArchived | None = Field(
        None, description="Schließung, nur bei status: archived")
    account: Text | None = Field(None, description="Kanonisches Konto, z. B. der Benutzername")
    canonical_url: Url | None = Field(None, description="Kanonische Profiladresse")
    platform_name: Text | None = Field(None, description="Name der Plattform")
    unit_name: Text | None = Field(None, description="Name der Organisationseinheit")
    page: Text = Field(description="Seite des Kanals im Register (absolut, wenn die "
                                   "Website-Adresse bekannt ist)")
    wikidata: ExportWikidata | None = Field(None, description="Wikidata-Aussage zum Konto")

    @field_validator("page")
    @classmethod
    def _page_is_a_web_address(cls, value: str) -> str:
        # A Verbund links every member's page: only http(s) or a path on the member's site,
        # never javascript: or data: from a hostile export.
        if value.startswith("/") and not value.startswith("//"):
            return value
        if isinstance(check_web_url(value, schemes=frozenset({"https", "http"})), UrlRefusal):
            raise ValueError("page ist weder eine http(s)-Adresse noch ein Pfad")
        return value


class ExportFake(BaseModel):
    """An account the publishing body reported to its platform as an impersonation."""

    model_config = _READER

    platform: Slug = Field(description="Plattform-ID")
    url: Url = Field(description="Adresse des gefälschten Profils")
    account: Text = Field(description="Kanonisches Konto der Fälschung")
    reported: dt.date = Field(description="Datum der Meldung an die Plattform")
    removed: dt.date | None = Field(
        None, description="Datum, an dem die Plattform das Konto entfernt hat")


class ExportPublisher(BaseModel):
    """The public body that publishes the register."""

    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True)

    name: Text = Field(description="Name der Organisation")
    website: HttpsUrl | None = Field(None, description="Hauptwebseite der Organisation")
    # "register" is the name in the file; pydantic's models have a ``register`` method.
    register_url: Url | None = Field(None, alias="register",
                                     description="Adresse des Registers (Website)")
    wikidata: WikidataItem | None = Field(None, description="Wikidata-Objekt, z. B. Q64")


class ExportDocument(BaseModel):
    """``kanaele.json``: the published channels of one public body."""

    model_config = ConfigDict(extra="ignore", frozen=True, populate_by_name=True,
                              title="Kanalregister: offene Daten (kanaele.json)")

    schema_url: Url | None = Field(None, alias="$schema",
                                   description="Adresse dieses Schemas auf der Website")
    format: Literal["kanalregister/kanaele"] = Field(description="Kennung des Formats")
    format_version: str = Field(pattern=r"^[0-9]+\.[0-9]+$",
                                description="Version des Formats (Haupt.Neben)")
    organisation: Text | None = Field(None, description="Name der Organisation (wie publisher."
                                                        "name; aus Version 0 beibehalten)")
    publisher: ExportPublisher = Field(description="Die veröffentlichende Stelle")
    generated: dt.datetime = Field(description="Zeitpunkt der Erzeugung (ISO 8601)")
    topics: dict[Slug, Text] = Field(default_factory=dict,
                                     description="Themen: ID → Bezeichnung")
    count: int = Field(ge=0, description="Anzahl der Kanäle")
    channels: list[ExportChannel] = Field(description="Die veröffentlichten Kanäle")
    fakes: list[ExportFake] = Field(default_factory=list,
                                    description="Bekannte Fälschungen, der Plattform gemeldet")

    @model_validator(mode="after")
    def _count_matches(self) -> ExportDocument:
        if self.count != len(self.channels):
            raise ValueError(f"count ist {self.count}, aber channels hat {len(self.channels)} "
                             "Einträge")
        return self


class FormatError(ValueError):
    """An export this reader cannot use; the message (German) says why."""


def export_schema() -> dict[str, Any]:
    """The JSON schema of ``kanaele.json`` in this version, generated from the models."""
    schema = ExportDocument.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": JSON_SCHEMA_DIALECT,
            "description": f"Format {FORMAT}, Version {FORMAT_VERSION}", **schema}


def export_schema_json() -> str:
    """``kanaele.schema.json`` (paths.EXPORT_SCHEMA) as written beside ``kanaele.json``."""
    return json.dumps(export_schema(), ensure_ascii=False, indent=2) + "\n"


def major_of(version: object) -> int | None:
    """The major number of a ``major.minor`` version string, or None if it is not one."""
    if not isinstance(version, str):
        return None
    major, dot, minor = version.partition(".")
    return int(major) if dot and major.isdigit() and minor.isdigit() else None


def parse_export(raw: bytes) -> ExportDocument:
    """Read and validate one fetched ``kanaele.json``; raise FormatError with the reason."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise FormatError(f"die Datei ist nicht UTF-8-kodiert (Byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise FormatError(f"kein gültiges JSON (Zeile {exc.lineno}, Spalte {exc.colno}: "
                          f"{exc.msg})") from exc
    except RecursionError as exc:
        raise FormatError("JSON zu tief verschachtelt") from exc
    if not isinstance(data, dict):
        raise FormatError("kein JSON-Objekt auf oberster Ebene")
    if data.get("format") != FORMAT:
        raise FormatError(f"„format“ ist nicht „{FORMAT}“ (gefunden: "
                          f"{_shown(data.get('format'))}) – keine Kanalregister-Daten oder "
                          "eine Version vor 1.0")
    major = major_of(data.get("format_version"))
    if major is None:
        raise FormatError(f"„format_version“ ist keine Version der Form Haupt.Neben "
                          f"(gefunden: {_shown(data.get('format_version'))})")
    if major not in KNOWN_MAJORS:
        known = ", ".join(f"{m}.x" for m in sorted(KNOWN_MAJORS))
        raise FormatError(f"unbekannte Hauptversion {data['format_version']} des Formats "
                          f"(bekannt: {known}) – Kanalregister aktualisieren")
    try:
        return ExportDocument.model_validate(data)
    except ValidationError as exc:
        raise FormatError(describe_errors(exc)) from exc


def describe_errors(exc: ValidationError, *, limit: int = 3) -> str:
    """The first validation errors as one German line: field path and what is wrong."""
    errors = exc.errors(include_url=False)
    parts = []
    for error in errors[:limit]:
        where = ".".join(str(p) for p in error["loc"]) or "Dokument"
        parts.append(f"{where}: {error['msg']}")
    more = len(errors) - limit
    return "; ".join(parts) + (f" (und {more} weitere Fehler)" if more > 0 else "")


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= 40 else text[:37] + "…"
