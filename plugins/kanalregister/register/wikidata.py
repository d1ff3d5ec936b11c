"""Wikidata: which property holds a platform's account, and the value for a channel.

Wikidata-based directories (govdirectory and others) show an organisation's accounts from
its item's statements; each platform entry of ``data/platforms.yml`` names the property per
account form, so the register can export the same accounts as QuickStatements.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

PROPERTY = re.compile(r"^P[1-9][0-9]*$")
ITEM = re.compile(r"^Q[1-9][0-9]*$")


class WikidataRule(BaseModel):
    """Accounts matching ``pattern`` are the value ``value`` of ``property``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    property: str = Field(description="property id, e.g. P2003")
    label: str = Field(description="the property's English label, to recognise it")
    pattern: str = Field("^(.+)$", description="regex over the canonical account")
    value: str = Field("{1}", description="the statement's value from the groups")
    # False where no source confirmed the property id; exported, but flagged.
    verified: bool = True

    @field_validator("property")
    @classmethod
    def _property(cls, value: str) -> str:
        if not PROPERTY.fullmatch(value):
            raise ValueError(f"{value!r} is not a Wikidata property id (P123)")
        return value

    def claim(self, account: str) -> str | None:
        """The value for ``account``, or None when this rule does not apply to it."""
        match = re.fullmatch(self.pattern, account)
        if match is None:
            return None
        value = self.value
        for number, group in enumerate(match.groups(), 1):
            value = value.replace(f"{{{number}}}", group or "")
        return value


def wikidata_claim(rules: list[WikidataRule], account: str) -> tuple[WikidataRule, str] | None:
    """The first rule that applies to ``account`` with its value."""
    for rule in rules:
        value = rule.claim(account)
        if value is not None:
            return rule, value
    return None
