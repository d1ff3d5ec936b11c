"""The JSON schema of channel files and the field reference, both from the pydantic models."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .models import Channel
from .platforms import PlatformRegistry


@dataclass(frozen=True)
class FieldRow:
    """One line of the field reference."""

    name: str
    required: str
    description: str


def channel_schema(platforms: PlatformRegistry | None = None) -> dict[str, Any]:
    """The JSON schema editors' tools use for channel files (platform ids enumerated)."""
    schema = Channel.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Kanalregister: Kanal"
    if platforms is not None:
        schema["properties"]["platform"]["enum"] = platforms.ids()
    return schema


def schema_json(platforms: PlatformRegistry | None = None) -> str:
    """The schema as a JSON document."""
    return json.dumps(channel_schema(platforms), ensure_ascii=False, indent=2) + "\n"


# Fields the schema leaves optional (a planned or archived channel may lack them) but a check
# requires for some statuses; the code in brackets is the check that fails without them.
REQUIRED_WHEN: dict[str, str] = {
    "since": "bei laufenden Kanälen (GOV007)",
    "imprint": "bei laufenden Kanälen (IMP001)",
    "imprint.url": "bei laufenden Kanälen (IMP001)",
    "imprint.label": "bei laufenden Kanälen (IMP007)",
    "imprint.placement": "bei laufenden Kanälen (IMP006)",
    "privacy": "bei laufenden Kanälen (IMP002)",
    "approval": "bei laufenden Kanälen (GOV001)",
    "until": "bei status: temporary",
    "paused": "bei status: paused",
    "archived": "bei status: archived",
}


def field_rows(model: type[BaseModel], prefix: str = "") -> list[FieldRow]:
    """Every field of ``model`` and its sub-models, with whether (or when) it is required."""
    rows: list[FieldRow] = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        if info.is_required():
            required = "ja"
        elif path in REQUIRED_WHEN:
            required = f"Pflicht {REQUIRED_WHEN[path]}"
        else:
            required = "nein"
        rows.append(FieldRow(path, required, info.description or ""))
        nested = nested_model(info.annotation)
        if nested is not None:
            rows.extend(field_rows(nested, prefix=f"{path}."))
    return rows


def nested_model(annotation: Any) -> type[BaseModel] | None:
    """The pydantic model inside an annotation such as ``Imprint | None``, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = nested_model(arg)
        if found is not None:
            return found
    return None
