"""{{ org.… }} variables in hand-written pages: names from the model, values from the data."""

from __future__ import annotations

from pathlib import Path

import yaml

from conftest import ROOT
from kanalregister.finding_codes import Reporter
from kanalregister.register.models import Organisation
from kanalregister.variables import expand, find, validate, values, variables

ORG = Organisation.model_validate(
    yaml.safe_load((ROOT / "channels" / "_organisation.yml").read_text("utf-8")))
KNOWN = values(ORG, "https://socialmedia.musterstadt.example/")


def test_every_scalar_fact_of_the_model_is_a_variable() -> None:
    names = {v.name for v in variables()}
    assert {"org.short_name", "org.address", "org.address.city", "org.state",
            "org.social_media_team.email", "org.data_protection_officer.email",
            "org.accessibility_enforcement.website", "site.url"} <= names
    assert "org.units" not in names and "org.topics" not in names


def test_values_come_from_the_data() -> None:
    assert KNOWN["org.short_name"] == ORG.short_name
    address = ORG.address
    assert address is not None
    assert KNOWN["org.address"] == f"{address.street}, {address.postcode} {address.city}"
    assert KNOWN["org.domain"] == "musterstadt.example"
    assert KNOWN["org.handle"] == "musterstadt"
    assert KNOWN["org.press_office.address"] is None


def test_expand_inline_in_blocks_and_in_code() -> None:
    text = ("Die {{ org.name }} in {{org.address.city}}.\n\n"
            "!!! note\n    Schreiben Sie an <{{ org.social_media_team.email }}>.\n\n"
            "```yaml\ncontact: {{ org.social_media_team.email }}\n```\n")
    out = expand(text, KNOWN)
    assert "Die Stadt Musterstadt in Musterstadt." in out
    assert "    Schreiben Sie an <socialmedia@musterstadt.example>." in out
    assert "contact: socialmedia@musterstadt.example\n```" in out
    assert "{{" not in out


def test_a_backslash_shows_the_syntax() -> None:
    out = expand("So: `\\{{ org.name }}` und \\{{ org.name }}.", KNOWN)
    assert out == "So: `{{ org.name }}` und {{ org.name }}."
    assert [u.name for u in find("\\{{ org.name }} {{ org.state }}")] == ["org.state"]


def test_values_are_escaped_in_text_but_not_in_code() -> None:
    known = {"org.name": "Stadt <b>A & B</b>"}
    assert expand("{{ org.name }}", known) == "Stadt &lt;b&gt;A &amp; B&lt;/b&gt;"
    assert expand("`{{ org.name }}`", known) == "`Stadt <b>A & B</b>`"


def test_unknown_and_empty_names_are_findings_with_position(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    line = "Die {{ org.shortname }} und {{ org.press_office.website }}."
    (docs / "seite.md").write_text(f"# Seite\n\n{line}\n", "utf-8")
    findings = validate(docs, base=tmp_path, reporter=Reporter(), known=KNOWN,
                        source="channels/_organisation.yml")
    assert [(f.code, f.path, f.line, f.col) for f in findings] == [
        ("DOC002", "docs/seite.md", 3, line.index("{{") + 1),
        ("DOC003", "docs/seite.md", 3, line.rindex("{{") + 1)]
    assert findings[0].hint.startswith("did you mean 'org.short_name'?")


def test_the_demo_pages_use_only_known_names_with_values() -> None:
    findings = validate(ROOT / "docs", base=ROOT, reporter=Reporter(), known=KNOWN,
                        source="channels/_organisation.yml")
    assert findings == []
    assert any(find((ROOT / "docs" / "impressum-leitfaden.md").read_text("utf-8")))
