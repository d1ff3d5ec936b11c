"""A fast path for the common shape of a channel file, read line by line.

Walking the YAML parser's events costs about 0.25 ms per file, which is most of validating
10,000 channels. Nearly every channel file has the same plain shape: ``key: value`` lines,
mappings nested by indentation, one-line lists like ``[de, en]``, quoted strings and folded
text (``>-``). This module reads exactly that shape, with the positions the event reader
would record, and gives up (returns None) on anything else: the caller then reads the file
with the full parser, which also produces every error message. Giving up is always safe, so
every rule below errs towards it; the tests hold both readers to the same results.

Plain scalars are read as YAML 1.1 reads them (``yes`` is true, ``2026-03-02`` a date), by
PyYAML's own resolver and constructor; both readers share that step.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.nodes import ScalarNode

Loc = tuple[str | int, ...]
Positions = dict[Loc, tuple[int, int]]

_STR = "tag:yaml.org,2002:str"
_resolver = yaml.resolver.Resolver()
_MISSING = object()
# Short plain values repeat across files (statuses, platforms, dates, flags) and are immutable.
_PLAIN_CACHE: dict[str, Any] = {}
_PLAIN_CACHE_SIZE = 50_000
_PLAIN_CACHE_LENGTH = 80


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


# "key:" or "key: value" at some indentation (trailing spaces aside); keys as the models name
# their fields.
_KEY_LINE = re.compile(r"( *)([A-Za-z0-9_][A-Za-z0-9_-]*):(?: +(.*?))? *")
_KEY_NAMES: dict[str, str] = {}
# Characters that open something other than a plain scalar (or that YAML reserves).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_FLOW_ITEM = re.compile(r" *([A-Za-z0-9][A-Za-z0-9_.-]*) *")
_TIDY_LIST = re.compile(r"\[[A-Za-z0-9][A-Za-z0-9_.-]*(?:, [A-Za-z0-9][A-Za-z0-9_.-]*)*\]")
_BLOCK_HEADERS = {">": (" ", "\n"), ">-": (" ", ""), "|": ("\n", "\n"), "|-": ("\n", "")}
# Whatever PyYAML's reader refuses (control characters, surrogates, U+FFFE/U+FFFF), tabs and
# carriage returns, which change indentation and line rules, and NEL and the Unicode line and
# paragraph separators, which YAML 1.1 reads as line breaks: left to the full parser.
_UNUSUAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


class _GiveUp(Exception):
    """The text is not of the simple shape; read it with the full parser."""


def read_simple(text: str) -> tuple[Any, Positions, Positions] | None:
    """The data, value positions and key positions of ``text``, or None if it is not simple."""
    if _UNUSUAL.search(text):
        return None
    try:
        return _Reader(text.split("\n")).read()
    except (_GiveUp, ValueError, yaml.YAMLError):
        return None


class _Reader:
    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.values: Positions = {}
        self.keys: Positions = {}

    def read(self) -> tuple[Any, Positions, Positions]:
        # This loop runs for every line of every channel file: locals, one regex call, and the
        # common case (another key of the same mapping) first.
        root: dict[str, Any] = {}
        values, keys, cache, names = self.values, self.keys, _PLAIN_CACHE, _KEY_NAMES
        key_line = _KEY_LINE.fullmatch
        # Open mappings, innermost last: (indent, mapping, its location); ``top``, ``mapping``
        # and ``parent`` describe the innermost one (top -1: none yet).
        stack: list[tuple[int, dict[str, Any], Loc]] = []
        top, mapping = -1, root
        parent: Loc = ()
        pending: tuple[str, Loc, int, int] | None = None  # a "key:" awaiting its value
        skip = 0  # lines up to this number belong to a block scalar
        for number, line in enumerate(self.lines, 1):
            if number <= skip:
                continue
            match = key_line(line)
            if match is None:
                stripped = line.lstrip(" ")
                if not stripped or stripped[0] == "#":
                    continue
                raise _GiveUp
            spaces, name, raw = match.groups()
            indent = len(spaces)
            if pending is not None:
                key, loc, key_line_number, key_col = pending
                pending = None
                if indent > top:  # the first key of a nested mapping
                    child: dict[str, Any] = {}
                    mapping[key] = child
                    values[loc] = (number, indent + 1)
                    stack.append((indent, child, loc))
                    top, mapping, parent = indent, child, loc
                else:  # an empty value stands right after the colon
                    values[loc] = (key_line_number, key_col + len(key) + 1)
            if indent != top:
                if top < 0:  # the first key of the file
                    if indent:
                        raise _GiveUp
                    values[()] = (number, 1)
                    stack.append((0, root, ()))
                    top = 0
                else:
                    while indent < stack[-1][0]:
                        stack.pop()
                        if not stack:
                            raise _GiveUp
                    top, mapping, parent = stack[-1]
                    if indent != top:
                        raise _GiveUp
            known = names.get(name)
            if known is None:  # YAML 1.1 reads "yes:" as True; keys become text, as in the parser
                known = names[name] = str(plain_value(name))
            key = known
            if key in mapping:
                raise _GiveUp  # the full parser names both lines
            loc = (*parent, key)
            keys[loc] = (number, indent + 1)
            if not raw:
                mapping[key] = None
                pending = (key, loc, number, indent + 1)
                continue
            column = match.start(3) + 1
            if raw[0] not in _INDICATORS:
                if " #" in raw:
                    raw = raw.split(" #", 1)[0].rstrip(" ")
                if ": " in raw or raw[-1] == ":":
                    raise _GiveUp  # a mapping inside a value: an error the full parser words
                value = cache.get(raw, _MISSING)
                mapping[key] = plain_value(raw) if value is _MISSING else value
            elif raw in _BLOCK_HEADERS:
                mapping[key], skip = self._block(raw, indent, number)
            else:
                mapping[key] = self._quoted_or_list(raw, loc, number, column)
            values[loc] = (number, column)
        if pending is not None:
            key, loc, key_line_number, key_col = pending
            values[loc] = (key_line_number, key_col + len(key) + 1)
        if top < 0:
            raise _GiveUp  # no key at all: empty or not a mapping
        return root, values, keys

    def _quoted_or_list(self, raw: str, loc: Loc, number: int, column: int) -> Any:
        first = raw[0]
        if first == "[":
            return self._flow_list(raw, loc, number, column)
        if first == '"':
            inner = raw[1:-1]
            if len(raw) < 2 or raw[-1] != '"' or '"' in inner or "\\" in inner:
                raise _GiveUp
            return inner
        if first == "'":
            inner = raw[1:-1]
            if len(raw) < 2 or raw[-1] != "'" or "'" in inner.replace("''", ""):
                raise _GiveUp
            return inner.replace("''", "'")
        raise _GiveUp  # a comment where YAML puts the empty value, anchors, tags, flow maps

    def _flow_list(self, raw: str, loc: Loc, number: int, column: int) -> list[Any]:
        if not raw.endswith("]"):
            raise _GiveUp
        inner = raw[1:-1]
        if not inner.strip(" "):
            return []
        items: list[Any] = []
        offset = column + 1  # the column of the first character after "["
        if _TIDY_LIST.fullmatch(raw):  # "[a, b, c]", as editors and `kanalregister new` write
            for item in inner.split(", "):
                self.values[(*loc, len(items))] = (number, offset)
                value = _PLAIN_CACHE.get(item, _MISSING)
                items.append(plain_value(item) if value is _MISSING else value)
                offset += len(item) + 2
            return items
        for part in inner.split(","):
            match = _FLOW_ITEM.fullmatch(part)
            if match is None:
                raise _GiveUp
            self.values[(*loc, len(items))] = (number, offset + match.start(1))
            items.append(plain_value(match.group(1)))
            offset += len(part) + 1
        return items

    def _block(self, header: str, indent: int, index: int) -> tuple[str, int]:
        """A folded or literal scalar whose lines share one indentation; no blank lines."""
        joiner, ending = _BLOCK_HEADERS[header]
        lines, parts, block_indent = self.lines, [], -1
        while index < len(lines):
            line = lines[index]
            content = line.lstrip(" ")
            if not content:
                break
            width = len(line) - len(content)
            if width <= indent:
                break
            if block_indent < 0:
                block_indent = width
            if width != block_indent or line.endswith(" "):
                raise _GiveUp  # more-indented lines and trailing spaces have their own rules
            parts.append(content)
            index += 1
        if not parts or index == len(lines):
            raise _GiveUp  # empty, or the file ends without a line break: chomping rules
        if index < len(lines) and not lines[index].strip(" "):
            # Blank lines: spaces beyond the block's indentation are content, and the next
            # content must leave the block, or the block goes on.
            rest = iter(lines[index:])
            following = next((t for t in rest if t.strip(" ") or len(t) > block_indent), "")
            if len(following) - len(following.lstrip(" ")) > indent:
                raise _GiveUp
        return joiner.join(parts) + ending, index
