"""Completeness of the imprint data (§ 5 Abs. 1 DDG, § 18 Abs. 2 MStV) of the city and its
units that are legal persons of their own."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..findings import Finding
from ..register.models import ImprintData
from ..yamlfile.reader import Loc
from .base import Context, register_check

_PO_BOX = re.compile(r"\b(postfach|pf\.?\s*\d|p\.?\s*o\.?\s*box|postbox)", re.IGNORECASE)
_VAT_ID = re.compile(r"^(DE[0-9]{9}|(?!DE)[A-Z]{2}[0-9A-Z+*]{2,12})$")

# Each mandatory field has its own message (IMP010.<field>) that says what is missing.
_MANDATORY = ("name", "legal_form", "address", "representative", "email", "phone")


@register_check("IMP010", "IMP011", "IMP012", "IMP013", "IMP014", "IMP015")
def imprint_data(ctx: Context) -> Iterable[Finding]:
    """The organisation and each unit with its own imprint state every mandatory field."""
    org = ctx.catalog.organisation
    if org is None:
        return
    yield from _check_block(org, (), ctx)
    for index, unit in enumerate(org.units):
        if unit.imprint is not None:
            yield from _check_block(unit.imprint, ("units", index, "imprint"), ctx)


def _check_block(data: ImprintData, loc: Loc, ctx: Context) -> Iterable[Finding]:
    rep = ctx.reporter
    path = ctx.catalog.register.organisation_path
    doc = ctx.catalog.register.organisation_doc
    for field in _MANDATORY:
        if getattr(data, field) is None:
            yield rep.in_doc("IMP010", path, doc, loc, variant=field,
                             field=".".join(str(p) for p in (*loc, field)),
                             params={"field": field})
    if data.address is not None and _PO_BOX.search(data.address.street):
        yield rep.in_doc("IMP011", path, doc, (*loc, "address", "street"),
                         params={"street": data.address.street})
    if data.supervisory_authority is None and "supervisory_authority" not in data.model_fields_set:
        yield rep.in_doc("IMP012", path, doc, loc,
                         field=".".join(str(p) for p in (*loc, "supervisory_authority")))
    if "vat_id" not in data.model_fields_set:
        yield rep.in_doc("IMP013", path, doc, loc,
                         field=".".join(str(p) for p in (*loc, "vat_id")))
    elif data.vat_id is not None and not _VAT_ID.match(data.vat_id.replace(" ", "")):
        yield rep.in_doc("IMP015", path, doc, (*loc, "vat_id"), params={"vat_id": data.vat_id})
    person = data.editorial_responsible
    if person is None or person.name is None or person.address is None:
        missing = "person" if person is None else ("name" if person.name is None
                                                   else "address")
        yield rep.in_doc("IMP014", path, doc,
                         (*loc, "editorial_responsible") if person else loc, variant=missing)
