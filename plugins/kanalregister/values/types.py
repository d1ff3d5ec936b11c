"""The pydantic types of every text field: the text rule and the URL rule, applied once.

Every string field of the register's models uses one of these types (a test walks the models
to make sure), so no field can forget a rule. A refused value raises a ``PydanticCustomError``
whose type the loader turns into a finding with its own code.
"""

from __future__ import annotations

from typing import Annotated, Any

from publicsuffixlist import PublicSuffixList
from pydantic import BeforeValidator, StringConstraints
from pydantic_core import PydanticCustomError

from .text import describe, unsafe_character
from .weburl import UrlRefusal, browser_host, check_web_url, mailto_href

# Error types the loader maps to finding codes.
UNSAFE_TEXT = "unsafe_text"
BAD_URL = "bad_url"
BAD_EMAIL = "bad_email"
PUBLIC_SUFFIX = "public_suffix"

# The public-suffix list as the installed package ships it: no download at run time.
_SUFFIXES = PublicSuffixList()


class TextRule:
    """Marker and validator: refuses control and format characters (see values.text)."""

    def __init__(self, *, multiline: bool = False) -> None:
        self.multiline = multiline

    def __call__(self, value: Any) -> Any:
        if isinstance(value, str):
            found = unsafe_character(value, multiline=self.multiline)
            if found is not None:
                index, char = found
                raise PydanticCustomError(
                    UNSAFE_TEXT, "the text contains {char}",
                    {"char": describe(char), "index": index})
        return value


def _url_rule(schemes: frozenset[str]) -> Any:
    def check(value: Any) -> Any:
        if isinstance(value, str):
            result = check_web_url(value.strip(), schemes=schemes)
            if isinstance(result, UrlRefusal):
                raise PydanticCustomError(BAD_URL, "{reason}",
                                          {"reason": result.message, "hint": result.hint})
        return value
    return check


def _email_rule(value: Any) -> Any:
    if isinstance(value, str) and mailto_href(value.strip()) is None:
        raise PydanticCustomError(BAD_EMAIL, "not a bare e-mail address", {})
    return value


def _domain_rule(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    text = value.strip().lower().removeprefix("www.")
    if "." not in text or _SUFFIXES.is_public(text):  # "com", "de", "github.io"
        raise PydanticCustomError(PUBLIC_SUFFIX, "{host} is a public suffix", {"host": text})
    host = browser_host(value.strip())
    if host is None:
        raise PydanticCustomError(BAD_URL, "{reason}", {
            "reason": f"„{value.strip()}“ ist kein gültiger Domainname",
            "hint": "den Domainnamen ohne https:// und ohne Pfad angeben, z. B. "
                    "musterstadt.example"})
    # www. is dropped where hosts are compared (register.catalog), so it must not hide one.
    if _SUFFIXES.is_public(host) or _SUFFIXES.is_public(host.removeprefix("www.")):
        raise PydanticCustomError(PUBLIC_SUFFIX, "{host} is a public suffix", {"host": host})
    return value


_SINGLE_LINE = TextRule()
_MULTILINE = TextRule(multiline=True)
# Profile, imprint and privacy addresses: http passes this rule only so that the checks
# SCH012 and IMP004 can report it under their own codes; everything else must be https.
_WEB_OR_HTTP = frozenset({"https", "http"})

# The constraints come first so that the JSON schema keeps them; the rules are applied
# around them and run first (the text rule before the URL rule).
_FILLED = StringConstraints(strip_whitespace=True, min_length=1)
Text = Annotated[str, _FILLED, BeforeValidator(_SINGLE_LINE)]
LongText = Annotated[str, _FILLED, BeforeValidator(_MULTILINE)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$"),
                 BeforeValidator(_SINGLE_LINE)]
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$"),
                         BeforeValidator(_SINGLE_LINE)]
Postcode = Annotated[str, StringConstraints(pattern=r"^[0-9A-Z -]{4,10}$"),
                     BeforeValidator(_SINGLE_LINE)]
Url = Annotated[str, _FILLED, BeforeValidator(_url_rule(_WEB_OR_HTTP)),
                BeforeValidator(_SINGLE_LINE)]
HttpsUrl = Annotated[str, _FILLED, BeforeValidator(_url_rule(frozenset({"https"}))),
                     BeforeValidator(_SINGLE_LINE)]
Email = Annotated[str, StringConstraints(strip_whitespace=True,
                                         pattern=r"^[A-Za-z0-9._+-]+@[^@\s/?#%:\\]+$"),
                  BeforeValidator(_email_rule), BeforeValidator(_SINGLE_LINE)]
Domain = Annotated[str, _FILLED, BeforeValidator(_domain_rule), BeforeValidator(_SINGLE_LINE)]
# A Wikidata item (Q64) and an AT Protocol DID (did:plc: + 24 base32 characters, or did:web:).
WikidataItem = Annotated[str, StringConstraints(pattern=r"^Q[1-9][0-9]*$"),
                         BeforeValidator(_SINGLE_LINE)]
Did = Annotated[str, StringConstraints(pattern=r"^did:(plc:[a-z2-7]{24}|web:[a-z0-9.-]+)$"),
                BeforeValidator(_SINGLE_LINE)]
