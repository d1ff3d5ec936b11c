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

_MANDATORY = {
    "name": "the legal name",
    "legal_form": "the legal form",
    "address": "the postal address",
    "representative": "the representative",
    "email": "the e-mail address",
    "phone": "a phone number (a second fast way of contact)",
}


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
    for field, what in _MANDATORY.items():
        if getattr(data, field) is None:
            yield rep.in_doc("IMP010", path, doc, loc,
                             f"the imprint lacks {what} ('{field}')",
                             field=".".join(str(p) for p in (*loc, field)),
                             hint=f"add '{field}:' (§ 5 Abs. 1 DDG)")
    if data.address is not None and _PO_BOX.search(data.address.street):
        yield rep.in_doc("IMP011", path, doc, (*loc, "address", "street"),
                         f"\"{data.address.street}\" is a PO box, not a street address",
                         hint="give the street and house number where documents can be served")
    if data.supervisory_authority is None and "supervisory_authority" not in data.model_fields_set:
        yield rep.in_doc("IMP012", path, doc, loc,
                         "the supervisory authority is not stated",
                         field=".".join(str(p) for p in (*loc, "supervisory_authority")),
                         hint="add 'supervisory_authority:' with name and address, or "
                              "'supervisory_authority: null' where none exists")
    if "vat_id" not in data.model_fields_set:
        yield rep.in_doc("IMP013", path, doc, loc,
                         "the VAT ID is not stated",
                         field=".".join(str(p) for p in (*loc, "vat_id")),
                         hint="add 'vat_id: DE…', or 'vat_id: null' if the body has none")
    elif data.vat_id is not None and not _VAT_ID.match(data.vat_id.replace(" ", "")):
        yield rep.in_doc("IMP015", path, doc, (*loc, "vat_id"),
                         f"\"{data.vat_id}\" is not a VAT identification number",
                         hint="a German VAT ID is DE followed by nine digits")
    person = data.editorial_responsible
    if person is None or person.name is None or person.address is None:
        missing = "the person" if person is None else ("the name" if person.name is None
                                                       else "the address")
        yield rep.in_doc("IMP014", path, doc,
                         (*loc, "editorial_responsible") if person else loc,
                         f"the person responsible for editorial content lacks {missing}",
                         hint="add 'editorial_responsible: {name: …, role: …, address: …}' "
                              "(§ 18 Abs. 2 MStV)")
