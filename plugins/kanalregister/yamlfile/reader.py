"""Read one YAML file safely, remembering where every value stands.

PyYAML's safe loader silently keeps the last of two equal keys (data loss), expands aliases
(a billion-laughs risk and confusing for editors) and forgets line numbers. This reader walks
the parser's events itself, so it can refuse all three and report positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml import events
from yaml.nodes import ScalarNode

from ..i18n import tr
from ..values.text import describe

MAX_BYTES = 1024 * 1024
# The models nest six levels at most (organisation → units → unit → imprint → person →
# address); deeper files are refused as soon as the parser reaches the eleventh level, before
# anything is composed, so time and memory stay linear in the file's size.
MAX_DEPTH = 10
# Constructor failures of safe YAML on hostile values (``!!timestamp foo`` raises
# AttributeError, ``!!bool maybe`` KeyError, ``!!int ""`` IndexError).
_CONSTRUCTOR_ERRORS = (yaml.YAMLError, ValueError, TypeError, AttributeError, KeyError,
                       IndexError, OverflowError)

Loc = tuple[str | int, ...]

# Tags that safe YAML produces on its own; anything else (``!!python/object``, ``!custom``) is
# refused rather than constructed.
_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_resolver = yaml.resolver.Resolver()
_MISSING = object()
# Short plain values repeat across files (statuses, platforms, dates, flags) and are immutable.
_PLAIN_CACHE: dict[str, Any] = {}
_PLAIN_CACHE_SIZE = 50_000
_PLAIN_CACHE_LENGTH = 80


@dataclass(frozen=True, slots=True)
class YamlProblem:
    """Why a file could not be read, with the position (1-based) where known."""

    kind: str
    message: str
    hint: str
    line: int | None = None
    col: int | None = None
    loc: Loc = ()


@dataclass
class YamlDocument:
    """The data of one file and the position of every value and key in it."""

    data: Any
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int | None, int | None]:
        """The position of ``loc``, or of its nearest ancestor that has one."""
        table = self.keys if key else self.values
        probe = tuple(loc)
        while True:
            if probe in table:
                return table[probe]
            if probe in self.values:
                return self.values[probe]
            if not probe:
                return (None, None)
            probe = probe[:-1]


# The finding code of each kind of problem: the loader reports them under these codes, and the
# language catalogues hold their messages under ``<code>.<variant>``.
CODES = {
    "syntax": "YML001",
    "complex-key": "YML001",
    "duplicate-key": "YML004",
    "alias": "YML005",
    "tag": "YML006",
    "too-large": "YML007",
    "encoding": "YML008",
    "multiple-documents": "YML009",
    "unreadable": "YML001",
    "bad-character": "YML010",
    "too-deep": "YML011",
    "not-a-file": "YML012",
}


def _say(kind: str, variant: str, **params: object) -> tuple[str, str]:
    """The message and hint of a YAML problem in the language in use."""
    msgid = f"{CODES[kind]}.{variant}"
    return tr(f"{msgid}.message", params), tr(f"{msgid}.hint", params)


def decode(raw: bytes) -> str | YamlProblem:
    """Decode UTF-8 (a BOM is fine) or say where the first bad byte is."""
    if len(raw) > MAX_BYTES:
        return YamlProblem(
            "too-large",
            *_say("too-large", "too_large", size=f"{len(raw):,}".replace(",", "."),
                  limit=f"{MAX_BYTES:,}".replace(",", ".")),
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return YamlProblem(
            "encoding",
            *_say("encoding", "encoding", byte=f"0x{raw[exc.start]:02x}"),
            line,
            col,
        )


def read_yaml(text: str) -> YamlDocument | YamlProblem:
    """Parse ``text`` into plain Python data with positions, or return the first problem.

    Never raises: every error of the reader, the parser and the constructors is a problem.
    """
    bad = _NON_PRINTABLE.search(text)
    if bad is not None:
        return _bad_character(text, bad.start())
    parser = _Parser(text)
    try:
        return _Builder().build(parser)
    except yaml.reader.ReaderError as exc:
        return _bad_character(text, exc.position if 0 <= exc.position < len(text) else 0)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        return YamlProblem(
            "syntax",
            *_say("syntax", "syntax", problem=problem),
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        )
    except _Refused as exc:
        return exc.problem
    except yaml.YAMLError as exc:
        return YamlProblem("syntax", f"YAML error: {exc}", "check the file near its end")
    finally:
        parser.dispose()


# The characters YAML does not allow in a stream (PyYAML's own rule, which the C reader
# shares), and the three that YAML reads as line breaks but editors show as nothing (NEL,
# U+2028, U+2029: "a\u2028---" would start a second document): checked on the text first,
# so the problem names the character and its position.
_NON_PRINTABLE = re.compile(f"{yaml.reader.Reader.NON_PRINTABLE.pattern}|[\x85\u2028\u2029]")


def _bad_character(text: str, index: int) -> YamlProblem:
    before = text[:index]
    line = before.count("\n") + 1
    col = index - (before.rfind("\n") + 1) + 1
    char = text[index] if index < len(text) else ""
    return YamlProblem(
        "bad-character",
        f"die Datei enthält das Zeichen {describe(char) if char else '(unbekannt)'}, das in "
        "YAML nicht erlaubt ist",
        "das Zeichen löschen (es ist oft unsichtbar: die Stelle neu tippen)",
        line,
        col,
    )


class _Refused(Exception):
    def __init__(self, problem: YamlProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _pos(event: events.Event) -> tuple[int, int]:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


class _Builder:
    """Builds containers from parser events; a stack instead of recursion bounds the depth.

    This loop runs for every value of every channel file, so it dispatches on the event's
    class and works out a position only where one is stored or reported.
    """

    def __init__(self) -> None:
        self.doc = YamlDocument(data=None)

    def build(self, parser: Any) -> YamlDocument:
        # Each stack entry: [container, loc, pending_key, seen_keys]
        stack: list[list[Any]] = []
        values = self.doc.values
        documents = 0
        root_set = False
        while parser.check_event():
            event = parser.get_event()
            kind = event.__class__
            if kind is events.ScalarEvent:
                if event.anchor is not None or event.tag not in _PLAIN_TAGS:
                    self._refuse_anchor_or_tag(event)
                value: Any = _scalar(event)
            elif kind is events.MappingStartEvent or kind is events.SequenceStartEvent:
                if event.anchor is not None or event.tag not in _PLAIN_TAGS:
                    self._refuse_anchor_or_tag(event)
                value = {} if kind is events.MappingStartEvent else []
            elif kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
                finished = stack.pop()
                if not stack:
                    self.doc.data, root_set = finished[0], True
                continue
            elif kind is events.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    line, col = _pos(event)
                    raise _Refused(
                        YamlProblem(
                            "multiple-documents",
                            *_say("multiple-documents", "documents"),
                            line,
                            col,
                        )
                    )
                continue
            elif kind is events.AliasEvent:
                line, col = _pos(event)
                raise _Refused(
                    YamlProblem(
                        "alias",
                        *_say("alias", "alias", name=f"*{event.anchor}"),
                        line,
                        col,
                    )
                )
            else:  # stream and document ends
                continue
            if not stack:
                loc: Loc = ()
            else:
                loc = self._attach(stack[-1], value, event)
                if loc is None:  # a key was read; its value follows
                    continue
            mark = event.start_mark
            values[loc] = (mark.line + 1, mark.column + 1)
            if kind is not events.ScalarEvent:
                if len(stack) >= MAX_DEPTH:
                    line, col = _pos(event)
                    raise _Refused(YamlProblem(
                        "too-deep",
                        f"die Werte sind tiefer als {MAX_DEPTH} Ebenen verschachtelt",
                        "die Klammern und Einrückungen hier prüfen; Kanaldateien brauchen "
                        "nur wenige Ebenen", line, col))
                stack.append([value, loc, None, set()])
            elif not stack:
                self.doc.data, root_set = value, True
        if not root_set:
            self.doc.data = None
        return self.doc

    def _attach(self, parent: list[Any], value: Any, event: events.NodeEvent) -> Any:
        container, loc, pending, seen = parent
        if container.__class__ is list:
            container.append(value)
            return (*loc, len(container) - 1)
        if pending is None:
            if event.__class__ is not events.ScalarEvent:
                line, col = _pos(event)
                raise _Refused(
                    YamlProblem(
                        "complex-key",
                        *_say("complex-key", "complex_key"),
                        line,
                        col,
                        loc,
                    )
                )
            key = str(value)
            if key in seen:
                line, col = _pos(event)
                first = self.doc.keys.get((*loc, key), (None, None))[0]
                raise _Refused(
                    YamlProblem(
                        "duplicate-key",
                        *_say("duplicate-key", "duplicate", key=key, first=first),
                        line,
                        col,
                        (*loc, key),
                    )
                )
            seen.add(key)
            self.doc.keys[(*loc, key)] = _pos(event)
            parent[2] = key
            return None
        container[pending] = value
        parent[2] = None
        return (*loc, pending)

    def _refuse_anchor_or_tag(self, event: events.NodeEvent) -> None:
        line, col = _pos(event)
        if event.anchor is not None:
            raise _Refused(
                YamlProblem(
                    "alias",
                    *_say("alias", "alias", name=f"&{event.anchor}"),
                    line,
                    col,
                )
            )
        tag = getattr(event, "tag", None)
        if tag not in (None, "!") and tag not in _ALLOWED_TAGS:
            raise _Refused(
                YamlProblem(
                    "tag",
                    *_say("tag", "tag", tag=tag),
                    line,
                    col,
                )
            )


# A node without a tag of its own (or with the non-specific "!") takes the one YAML resolves.
_PLAIN_TAGS = frozenset({None, "!"})
_STR = "tag:yaml.org,2002:str"


def _scalar(event: events.ScalarEvent) -> Any:
    """The Python value of a scalar: quoted and block scalars are text, plain ones resolved."""
    tag = event.tag
    if tag in _PLAIN_TAGS:
        # implicit[0]: a plain scalar, whose type YAML resolves; quoted and block ones are text.
        return _plain(event.value, event) if event.implicit[0] else event.value
    if tag == _STR:
        return event.value
    return _construct(tag, event)


def _plain(value: str, event: events.ScalarEvent) -> Any:
    """A plain scalar as YAML 1.1 reads it (``yes`` is true, ``2026-03-02`` a date)."""
    try:
        return plain_value(value)
    except _CONSTRUCTOR_ERRORS as exc:
        raise _unreadable(event, exc) from exc


def plain_value(value: str) -> Any:
    """A plain scalar as YAML 1.1 reads it; raises ValueError or ConstructorError if invalid."""
    cached = _PLAIN_CACHE.get(value, _MISSING)
    if cached is not _MISSING:
        return cached
    tag = _resolver.resolve(ScalarNode, value, (True, False))
    if tag == _STR:
        result: Any = value
    else:
        node = ScalarNode(tag, value, None, None)
        result = yaml.constructor.SafeConstructor().construct_object(node)
    if len(value) <= _PLAIN_CACHE_LENGTH and len(_PLAIN_CACHE) < _PLAIN_CACHE_SIZE:
        _PLAIN_CACHE[value] = result
    return result


def _construct(tag: str, event: events.ScalarEvent) -> Any:
    node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        return yaml.constructor.SafeConstructor().construct_object(node)
    except _CONSTRUCTOR_ERRORS as exc:
        raise _unreadable(event, exc) from exc


def _unreadable(event: events.ScalarEvent, exc: Exception) -> _Refused:
    line, col = _pos(event)
    return _Refused(
        YamlProblem(
            "syntax",
            *_say("syntax", "value", value=event.value[:80], error=exc.__class__.__name__),
            line,
            col,
        )
    )
