"""The open-data format: its version, its schema and the reader that validates fetched files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES
from helpers import check
from kanalregister.exports.format import (
    FORMAT_VERSION,
    KNOWN_MAJORS,
    ExportDocument,
    FormatError,
    export_schema,
    export_schema_json,
    major_of,
    parse_export,
)
from kanalregister.exports.opendata import register_json

SITE = "https://socialmedia.musterstadt.example/"


def _export() -> dict[str, Any]:
    outcome = check(FIXTURES / "register", site_url=SITE)
    return json.loads(register_json(outcome.catalog, site_url=SITE,
                                     generated="2026-11-22T00:00:00+00:00"))


def _raw(data: dict[str, Any]) -> bytes:
    return json.dumps(data).encode()


def test_the_schema_is_the_committed_one_of_this_version() -> None:
    # A change to a field of the models changes the schema: then the version must change too
    # (a new committed copy tests/fixtures/kanaele.schema.v<version>.json).
    committed = FIXTURES / f"kanaele.schema.v{FORMAT_VERSION}.json"
    assert committed.is_file(), f"{committed.name} fehlt: Schema dieser Version einchecken"
    assert json.loads(committed.read_text("utf-8")) == export_schema()
    assert major_of(FORMAT_VERSION) in KNOWN_MAJORS


def test_the_export_carries_format_version_and_publisher() -> None:
    data = _export()
    assert data["format"] == "kanalregister/kanaele"
    assert data["format_version"] == FORMAT_VERSION
    assert data["$schema"] == SITE + "kanaele.schema.json"
    assert data["publisher"]["register"] == SITE
    assert data["publisher"]["name"] == data["organisation"]
    assert data["count"] == len(data["channels"])
    document = parse_export(_raw(data))
    assert document.publisher.register_url == SITE
    assert [c.account for c in document.channels] == [c["account"] for c in data["channels"]]


def test_the_export_validates_against_the_generated_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = _export()
    jsonschema.validate(data, json.loads(export_schema_json()))
    broken = {**data, "channels": [{"name": "ohne Plattform"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, export_schema())


def test_a_later_minor_version_with_new_fields_is_read() -> None:
    data = _export()
    data["format_version"] = f"{major_of(FORMAT_VERSION)}.99"
    data["new_field"] = {"any": "thing"}
    data["channels"][0]["new_channel_field"] = 1
    assert parse_export(_raw(data)).format_version.endswith(".99")


@pytest.mark.parametrize(("change", "reason"), [
    ({"format_version": "2.0"}, "unbekannte Hauptversion 2.0"),
    ({"format_version": "eins"}, "keine Version der Form"),
    ({"format": "etwas/anderes"}, "„format“ ist nicht"),
    ({"count": 999}, "count ist 999"),
    ({"channels": [{"name": "x"}]}, "channels.0.platform"),
])
def test_unusable_exports_are_refused_with_the_reason(change: dict[str, Any],
                                                       reason: str) -> None:
    data = {**_export(), **change}
    with pytest.raises(FormatError, match=reason):
        parse_export(_raw(data))


@pytest.mark.parametrize(("raw", "reason"), [
    (b"{not json", "kein gültiges JSON"),
    (b"[1, 2]", "kein JSON-Objekt"),
    (b"\xff\xfe", "nicht UTF-8"),
    (b"[" * 100_000, "JSON"),
])
def test_broken_files_are_refused(raw: bytes, reason: str) -> None:
    with pytest.raises(FormatError, match=reason):
        parse_export(raw)


def test_text_in_a_fetched_export_passes_the_text_rule() -> None:
    data = _export()
    data["channels"][0]["name"] = "Stadt\u202eMusterstadt"  # a bidi override
    with pytest.raises(FormatError, match="channels.0.name"):
        parse_export(_raw(data))


@pytest.mark.parametrize("page", ["javascript:alert(1)", "data:text/html,x", "//evil.example/"])
def test_a_channel_page_must_be_a_web_address_or_a_path(page: str) -> None:
    data = _export()
    data["channels"][0]["page"] = page
    with pytest.raises(FormatError, match="channels.0.page"):
        parse_export(_raw(data))


def test_the_demo_member_exports_are_valid(tmp_path: Path) -> None:
    from conftest import ROOT
    for source in sorted((ROOT / "verbund" / "quellen").glob("*.json")):
        document = parse_export(source.read_bytes())
        assert isinstance(document, ExportDocument)
        assert document.channels, source.name
