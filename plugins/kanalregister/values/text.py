"""What a text from the register's files may contain: one rule for every string.

Channel files come from editors' pull requests, and an invisible character survives any
review: a right-to-left override reverses what a reader sees, a C1 control or a noncharacter
makes YAML writers and readers disagree, a line separator ends a line in JavaScript. Every
string from YAML or mkdocs.yml therefore passes ``unsafe_character`` (the models apply it to
every text field), and every untrusted value printed to a terminal or log passes
``escape_controls``.
"""

from __future__ import annotations

import unicodedata

# Categories refused everywhere: controls, format characters (bidi overrides, zero-width
# characters), surrogates and private use.
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co"})
# Unicode's line and paragraph separators (categories Zl and Zp) break lines in JavaScript and
# in some YAML readers.
_SEPARATORS = frozenset({"\u2028", "\u2029"})
# Fields that allow more than one line allow these two.
MULTILINE_ALLOWED = frozenset({"\n", "\t"})
# Controls have no name in the Unicode database; these are the ones people meet.
_CONTROL_NAMES = {
    "\x00": "NULL", "\x07": "BELL", "\x08": "BACKSPACE", "\t": "CHARACTER TABULATION",
    "\n": "LINE FEED", "\x0b": "LINE TABULATION", "\x0c": "FORM FEED",
    "\r": "CARRIAGE RETURN", "\x1b": "ESCAPE", "\x7f": "DELETE", "\x85": "NEXT LINE",
    "\x9b": "CONTROL SEQUENCE INTRODUCER",
}


def is_noncharacter(char: str) -> bool:
    """U+FDD0..U+FDEF and the last two code points of every plane, never meant for text."""
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def is_unsafe(char: str, allowed: frozenset[str] = frozenset()) -> bool:
    """Whether ``char`` may not stand in a text (``allowed`` lists the exceptions)."""
    if char in allowed:
        return False
    if char.isprintable() and char.isascii():  # the fast path for most characters
        return False
    return (unicodedata.category(char) in _REFUSED_CATEGORIES or char in _SEPARATORS
            or is_noncharacter(char))


def unsafe_character(text: str, *, multiline: bool = False) -> tuple[int, str] | None:
    """The index and the first character ``text`` may not contain, or None."""
    if text.isascii() and text.isprintable():
        return None
    allowed = MULTILINE_ALLOWED if multiline else frozenset()
    for index, char in enumerate(text):
        if is_unsafe(char, allowed):
            return index, char
    return None


def describe(char: str) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE``: the code point and its Unicode name."""
    name = _CONTROL_NAMES.get(char) or unicodedata.name(char, "")
    if not name:
        category = unicodedata.category(char)
        name = {"Cc": "<Steuerzeichen>", "Cs": "<Surrogat>", "Co": "<privat genutzt>"}.get(
            category, "<Nichtzeichen>" if is_noncharacter(char) else "<ohne Namen>")
    return f"U+{ord(char):04X} {name}"


def escape_char(char: str) -> str:
    """A visible escape for one character: ``\\x1b``, ``\\u202e``, ``\\U0010fffe``."""
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def escape_controls(text: str, *, keep: frozenset[str] = frozenset()) -> str:
    """``text`` with every refused character (also newlines, unless kept) made visible."""
    if text.isascii() and text.isprintable():
        return text
    return "".join(escape_char(c) if is_unsafe(c, keep) else c for c in text)
