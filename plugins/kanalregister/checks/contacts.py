"""The legal contacts the privacy and accessibility pages take from the organisation's data:
the data-protection officer (Art. 13 Abs. 1 Buchst. b DSGVO), the accessibility feedback
contact and the state's enforcement body (Art. 7 Abs. 1 Buchst. b Directive (EU) 2016/2102)."""

from __future__ import annotations

from collections.abc import Iterable

from ..findings import Finding
from ..register.models import Contact
from .base import Context, register_check

# field of the organisation → its code; each must be reachable (e-mail or postal address)
_LEGAL_CONTACTS = {
    "data_protection_officer": "IMP016",
    "accessibility_contact": "IMP017",
    "accessibility_enforcement": "IMP018",
}


def reachable(contact: Contact | None, *, web: bool = False) -> bool:
    """Whether a contact can be written to (an e-mail or postal address; a website counts
    for an enforcement body, whose application form is usually online)."""
    if contact is None:
        return False
    return bool(contact.email or contact.address or (web and contact.website))


@register_check(*_LEGAL_CONTACTS.values())
def legal_contacts(ctx: Context) -> Iterable[Finding]:
    """The organisation names every contact that privacy and accessibility law requires."""
    org = ctx.catalog.organisation
    if org is None:
        return
    path = ctx.catalog.register.organisation_path
    doc = ctx.catalog.register.organisation_doc
    for field, code in _LEGAL_CONTACTS.items():
        contact = getattr(org, field)
        if reachable(contact, web=field == "accessibility_enforcement"):
            continue
        yield ctx.reporter.in_doc(code, path, doc, (field,) if contact else (), field=field,
                                  variant="incomplete" if contact else "missing",
                                  params={"field": field})
