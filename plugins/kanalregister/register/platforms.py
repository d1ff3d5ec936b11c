"""The platform registry: which hosts and URL forms belong to which platform.

The registry ships as ``data/platforms.yml`` and can be extended from ``mkdocs.yml``.
The same rules are exported as JSON for the browser's verify widget, so every regex
is checked here to use only syntax that Python and JavaScript read alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache, cached_property
from importlib.resources import files
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .wikidata import WikidataRule

# Prefixes that name the same site for phones or by habit; the canonical host drops one.
HOST_PREFIXES: tuple[str, ...] = ("www.", "m.", "mobile.")

# A DNS host name with at least one dot; shared with canonical.py.
HOST = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+")
_ID_RE = re.compile(r"[a-z][a-z0-9_-]*")
# JavaScript lacks named groups' (?P…), lookbehind in older engines, atomic groups, inline
# flags, possessive quantifiers and \A/\Z; "(?" may only open (?: (?= (?!. Escapes and
# character classes are blanked out first, where these characters are literals.
_ESCAPE = re.compile(r"\\(.)")
_CLASS = re.compile(r"\[[^\]]*\]")
_NOT_PORTABLE = re.compile(r"\(\?[^:=!]|[*+?}]\+")
# "[]" and "[^]" are an empty class / any character in JavaScript, but open a class in Python.
_EMPTY_CLASS = re.compile(r"\[\^?\]")
# A {placeholder} in a URL template; shared with canonical.py.
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_JSON_FIELDS = {
    "id", "name", "hosts", "aliases", "non_profile_hosts", "any_host", "organisation_hosts",
    "reserved", "handle", "address", "profile_url",
}


class RegistryError(ValueError):
    """The registry (shipped or extended from mkdocs.yml) is invalid; one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _portable_regex(pattern: str) -> str:
    unescaped = _ESCAPE.sub("x", pattern)
    if (
        _NOT_PORTABLE.search(_CLASS.sub("x", unescaped))
        or any(e in "AZz" for e in _ESCAPE.findall(pattern))
        or _EMPTY_CLASS.search(unescaped)
    ):
        raise ValueError(f"regex {pattern!r} uses syntax that JavaScript reads differently")
    if not (pattern.startswith("^") and pattern.endswith("$")):
        raise ValueError(f"regex {pattern!r} must be anchored with ^ and $")
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"regex {pattern!r} does not compile: {exc}") from None
    if compiled.groups < 1:
        raise ValueError(f"regex {pattern!r} needs a capturing group for the account")
    return pattern


def _group_numbers(pattern: str) -> set[str]:
    groups = re.compile(_portable_regex(pattern)).groups
    return {str(n) for n in range(1, groups + 1)}


def _template(template: str, allowed: set[str]) -> str:
    unknown = set(PLACEHOLDER.findall(template)) - allowed
    if unknown:
        raise ValueError(
            f"template {template!r} uses {sorted(unknown)}; allowed are {sorted(allowed)}"
        )
    return template


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Form(_Model):
    """One profile URL form: a regex over the path whose group 1 is the account."""

    pattern: str
    query: list[str] = Field(default_factory=list)
    account: str = "{1}"
    case_insensitive: bool | None = None

    @model_validator(mode="after")
    def _check(self) -> Form:
        _template(self.account, {"host", *_group_numbers(self.pattern)})
        return self


class QualifiedHandle(_Model):
    """A host-qualified handle such as ``@user@host`` and the profile URL it stands for."""

    pattern: str
    url: str

    @model_validator(mode="after")
    def _check(self) -> QualifiedHandle:
        _template(self.url, _group_numbers(self.pattern))
        return self


class Controller(_Model):
    """The platform's data controller for the EU, as the platform publishes it."""

    name: str
    address: str | None = None
    note: str | None = None


class ThirdCountry(_Model):
    """A country outside the EU/EEA where the platform's operator processes or accesses data."""

    country: str
    recipient: str | None = None
    basis: str = Field(description="what the transfer rests on, as the operator states it")


class Platform(_Model):
    """A platform: how its profile URLs look, and what an operator must know about it."""

    id: str
    name: str
    icon: str
    hosts: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    non_profile_hosts: list[str] = Field(default_factory=list)
    any_host: bool = False
    organisation_hosts: bool = False
    case_insensitive: bool = True
    forms: list[Form] = Field(min_length=1)
    reserved: list[str] = Field(default_factory=list)
    handle: str | None = None
    address: QualifiedHandle | None = None
    profile_url: str
    example: str | None = None
    imprint_placements: list[str] = Field(min_length=1)
    controller: Controller | None = None
    privacy_policy: str | None = None
    # The organisation's assessment (Art. 26 DSGVO), rendered on the privacy page and on every
    # platform page, so that no hand-written text has to repeat it.
    joint_controllership: bool = False
    joint_controllership_note: str | None = None
    joint_controllership_arrangement: str | None = None
    third_countries: list[ThirdCountry] = Field(default_factory=list)
    rel_me: bool = False
    wikidata: list[WikidataRule] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id(cls, value: str) -> str:
        if not _ID_RE.fullmatch(value):
            raise ValueError(f"platform id {value!r} must be lower-case letters, digits, _ or -")
        return value

    @field_validator("hosts", "aliases", "non_profile_hosts")
    @classmethod
    def _hosts(cls, value: list[str]) -> list[str]:
        for host in value:
            if not HOST.fullmatch(host):
                raise ValueError(f"{host!r} is not a lower-case host name")
            if host.startswith(HOST_PREFIXES):
                raise ValueError(f"{host!r}: leave out www./m./mobile., they are always accepted")
        return value

    @field_validator("reserved")
    @classmethod
    def _reserved(cls, value: list[str]) -> list[str]:
        # Compared with lower-cased accounts, so upper-case entries could never match.
        return [word.lower() for word in value]

    @field_validator("handle")
    @classmethod
    def _handle(cls, value: str | None) -> str | None:
        return None if value is None else _portable_regex(value)

    @field_validator("profile_url")
    @classmethod
    def _profile_url(cls, value: str) -> str:
        if not value.startswith("https://"):
            raise ValueError("profile_url must start with https://")
        return _template(value, {"account", "user", "server"})

    @field_validator("privacy_policy")
    @classmethod
    def _privacy_policy(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("https://"):
            raise ValueError("privacy_policy must be an https:// URL")
        return value

    @model_validator(mode="after")
    def _host_source(self) -> Platform:
        if self.any_host and self.organisation_hosts:
            raise ValueError("a platform is either on any host or on the organisation's hosts")
        if not (self.hosts or self.any_host or self.organisation_hosts):
            raise ValueError("hosts is empty: give at least the canonical host")
        return self

    @property
    def all_hosts(self) -> list[str]:
        """The canonical host, then the aliases: every host that shows this platform's profiles."""
        return [*self.hosts, *self.aliases]

    def form_case_insensitive(self, form: Form) -> bool:
        """Whether accounts read by ``form`` are compared (and stored) lower-case."""
        return self.case_insensitive if form.case_insensitive is None else form.case_insensitive


class PlatformRegistry(_Model):
    """Every platform by id, in the order URL rules are tried."""

    platforms: dict[str, Platform]

    @model_validator(mode="before")
    @classmethod
    def _inject_ids(cls, data: Any) -> Any:
        # The YAML keys are the ids; copying them into the entries keeps each Platform whole.
        if isinstance(data, Mapping) and isinstance(data.get("platforms"), Mapping):
            platforms = {
                key: {"id": key, **entry} if isinstance(entry, Mapping) else entry
                for key, entry in data["platforms"].items()
            }
            return {**data, "platforms": platforms}
        return data

    @model_validator(mode="after")
    def _unique_hosts(self) -> PlatformRegistry:
        owner: dict[str, str] = {}
        for key, platform in self.platforms.items():
            if platform.id != key:
                raise ValueError(f"platform {key!r} carries a different id: {platform.id!r}")
            for host in [*platform.all_hosts, *platform.non_profile_hosts]:
                if host in owner and owner[host] != platform.id:
                    raise ValueError(f"host {host!r} is claimed by {owner[host]} and {platform.id}")
                owner[host] = platform.id
        return self

    def ids(self) -> list[str]:
        """Platform ids in registry order."""
        return list(self.platforms)

    def get(self, platform_id: str) -> Platform | None:
        """The platform with this id, or None."""
        return self.platforms.get(platform_id)

    def __getitem__(self, platform_id: str) -> Platform:
        return self.platforms[platform_id]

    def __contains__(self, platform_id: object) -> bool:
        return platform_id in self.platforms

    @property
    def website_hosts(self) -> list[str]:
        """The organisation's hosts currently set on the organisation-hosted platforms."""
        return [h for p in self.platforms.values() if p.organisation_hosts for h in p.hosts]

    def with_website_hosts(self, hosts: Iterable[str]) -> PlatformRegistry:
        """A copy whose organisation-hosted platforms (``website``) serve these hosts."""
        normalised = list(dict.fromkeys(normalise_host(h) for h in hosts))
        platforms = {
            key: p.model_copy(update={"hosts": normalised}) if p.organisation_hosts else p
            for key, p in self.platforms.items()
        }
        return PlatformRegistry.model_construct(platforms=platforms)

    @cached_property
    def host_index(self) -> dict[str, str]:
        """Host → platform id for every host and alias (the organisation's included)."""
        index: dict[str, str] = {}
        for platform in self.platforms.values():
            for host in platform.all_hosts:
                # A platform's own host must never be taken over by the organisation's list.
                index.setdefault(host, platform.id)
        return index

    def to_json_rules(self) -> dict[str, Any]:
        """Everything a browser needs to canonicalise a URL or handle, as JSON-ready data."""
        platforms = []
        for p in self.platforms.values():
            entry = p.model_dump(include=_JSON_FIELDS)
            # Resolved here so that the browser never has to apply the platform default.
            entry["handle_case_insensitive"] = p.case_insensitive
            entry["forms"] = [
                {**f.model_dump(), "case_insensitive": p.form_case_insensitive(f)} for f in p.forms
            ]
            platforms.append(entry)
        return {"version": 1, "host_prefixes": list(HOST_PREFIXES), "platforms": platforms}


def normalise_host(host: str) -> str:
    """Lower-case, drop a trailing dot and one www./m./mobile. prefix (if a domain remains)."""
    host = host.strip().lower().rstrip(".")
    for prefix in HOST_PREFIXES:
        rest = host.removeprefix(prefix)
        if rest != host and "." in rest:
            return rest
    return host


@cache
def _shipped() -> dict[str, Any]:
    text = files("kanalregister").joinpath("data/platforms.yml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: faster
    if not isinstance(data, dict):
        raise RegistryError(["data/platforms.yml: expected a mapping of platform ids"])
    return data


def load_registry(extra: Mapping[str, Any] | None = None) -> PlatformRegistry:
    """Load the shipped registry, merged with additions/overrides from mkdocs.yml.

    ``extra`` maps a platform id to an entry. For a known id its fields replace the
    shipped ones (a list replaces the whole list); an unknown id adds a platform and
    must be complete. Raises RegistryError with one readable line per problem.
    """
    merged: dict[str, Any] = {key: dict(entry) for key, entry in _shipped().items()}
    problems: list[str] = []
    for key, patch in (extra or {}).items():
        if not isinstance(patch, Mapping):
            problems.append(f"platforms.{key}: expected a mapping of fields, got {patch!r}")
            continue
        merged[str(key)] = {**merged.get(str(key), {}), **patch}
    if problems:
        raise RegistryError(problems)
    try:
        return PlatformRegistry.model_validate({"platforms": merged})
    except ValidationError as exc:
        raise RegistryError([_describe(err) for err in exc.errors(include_url=False)]) from None


def _describe(error: Mapping[str, Any]) -> str:
    location = ".".join(str(part) for part in error["loc"])
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{location}: {message}" if location else message
