"""The safe YAML reader: positions, and what it refuses."""

from __future__ import annotations

import pytest

from kanalregister.yamlfile.reader import (
    MAX_BYTES,
    MAX_DEPTH,
    YamlDocument,
    YamlProblem,
    decode,
    read_yaml,
)


def read(text: str) -> YamlDocument:
    doc = read_yaml(text)
    assert isinstance(doc, YamlDocument), doc
    return doc


def problem(text: str) -> YamlProblem:
    result = read_yaml(text)
    assert isinstance(result, YamlProblem), result
    return result


def test_positions_of_values_and_keys() -> None:
    doc = read("a: 1\nb:\n  c: [x, y]\n")
    assert doc.data == {"a": 1, "b": {"c": ["x", "y"]}}
    assert doc.values[("b", "c", 1)] == (3, 10)
    assert doc.keys[("b", "c")] == (3, 3)
    assert doc.position(("b", "missing")) == (3, 3)


def test_bom_and_crlf_are_fine() -> None:
    text = decode("\ufeffname: Stadt\r\nplatform: x\r\n".encode())
    assert isinstance(text, str)
    assert read(text).data == {"name": "Stadt", "platform": "x"}


@pytest.mark.parametrize(("text", "kind", "line"), [
    ("a: 1\na: 2\n", "duplicate-key", 2),
    ("a: &x 1\nb: *x\n", "alias", 1),
    ("a: !!python/name:os.system\n", "tag", 1),
    ("a: !custom x\n", "tag", 1),
    ("a: [1\n", "syntax", 2),
    ("a: 1\n---\nb: 2\n", "multiple-documents", 2),
    ("? [a]\n: 1\n", "complex-key", 1),
])
def test_refused(text: str, kind: str, line: int) -> None:
    found = problem(text)
    assert found.kind == kind and found.line == line and found.hint


def test_non_utf8_names_the_byte_and_position() -> None:
    found = decode("name: x\nort: Köln\n".encode("latin-1"))
    assert isinstance(found, YamlProblem)
    assert (found.kind, found.line, found.col) == ("encoding", 2, 7)


def test_too_large() -> None:
    found = decode(b"#" * (MAX_BYTES + 1))
    assert isinstance(found, YamlProblem) and found.kind == "too-large"


def test_deep_nesting_is_refused_at_the_limit() -> None:
    nested = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    assert isinstance(read(nested).data["a"], list)
    depth = 20_000
    found = read_yaml("a: " + "[" * depth + "]" * depth + "\n")
    assert isinstance(found, YamlProblem) and found.kind == "too-deep"
    assert (found.line, found.col) == (1, 4 + MAX_DEPTH - 1)
