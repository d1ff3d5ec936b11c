"""``verbund.yml``: the Verbund's name, how old an export may be, and its members."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..finding_codes import Reporter
from ..findings import Finding
from ..register.loader import load_model
from ..values.types import Email, HttpsUrl, Slug, Text
from . import CONFIG_FILE, DATA_DIR, is_verbund

__all__ = ["CONFIG_FILE", "DATA_DIR", "Member", "VerbundConfig", "is_verbund", "load_config"]



class Member(BaseModel):
    """One public body of the Verbund and where it publishes its ``kanaele.json``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Slug = Field(description="Kurzname (Slug), z. B. musterstadt; Ordner unter daten/")
    name: Text = Field(description="Name der Stelle, z. B. Stadt Musterstadt")
    export: HttpsUrl = Field(description="Adresse ihrer kanaele.json (https)")
    website: HttpsUrl | None = Field(None, description="Hauptwebseite der Stelle")
    contact: Email | None = Field(None, description="Funktionspostfach für das Register")


class VerbundConfig(BaseModel):
    """The whole ``verbund.yml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: Text = Field(description="Name des Verbunds")
    max_age_days: int = Field(30, ge=1, description="Ab diesem Alter (Tage) eines Exports "
                                                    "eine Warnung")
    members: list[Member] = Field(min_length=1, description="Die Mitglieder")

    @field_validator("members")
    @classmethod
    def _unique_ids(cls, members: list[Member]) -> list[Member]:
        seen: set[str] = set()
        for member in members:
            if member.id in seen:
                raise ValueError(f"die ID „{member.id}“ steht zweimal in members")
            seen.add(member.id)
        return members


def load_config(project: Path, *, reporter: Reporter) -> tuple[VerbundConfig | None,
                                                                list[Finding]]:
    """Read ``verbund.yml`` with the safe YAML reader; problems become findings with
    file:line:col, as for channel files."""
    path = project / CONFIG_FILE
    if not path.is_file():
        return None, [reporter.at("VBD006", CONFIG_FILE, variant="missing",
                                  params={"path": CONFIG_FILE})]
    config, _doc, findings = load_model(path, VerbundConfig, base=project, reporter=reporter,
                                        shown=CONFIG_FILE)
    return config, findings
