"""The line reader for plain channel files must read exactly what the YAML parser reads."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from kanalregister.yamlread import YamlDocument, read_with_parser
from kanalregister.yamlsimple import read_simple

SAMPLES = sorted([*ROOT.joinpath("channels").rglob("*.yml"),
                  *FIXTURES.joinpath("register").rglob("*.yml")])
# Characters that change how YAML reads a line, for the mutations below.
SIGNIFICANT = [" ", "  ", ":", ": ", "#", " #", "-", "- ", "'", '"', "[", "]", ",", "{", "}",
               "\n", "\n  ", "&", "*", "!", "|", ">", ">-", "?", "%", "@", "`", "\\", "\t",
               "yes", "no", "~", "1", "2026-13-01", "0x1F", "1e3", ".inf", "null", "Ä", "é",
               "\n    ", "\n  x:", "[a, b]", "[]", "x:\n"]


def agree(text: str) -> bool:
    """Whether the line reader gives up or reads ``text`` exactly as the parser does."""
    simple = read_simple(text)
    if simple is None:
        return True
    full = read_with_parser(text)
    return isinstance(full, YamlDocument) and (full.data, full.values, full.keys) == simple


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_channel_files_read_alike(path: Path) -> None:
    text = path.read_text("utf-8")
    assert agree(text)


def test_the_usual_shape_takes_the_fast_path() -> None:
    text = ROOT.joinpath("channels/presseamt/instagram-musterstadt.yml").read_text("utf-8")
    assert read_simple(text) is not None


@pytest.mark.parametrize("text", [
    "a: 1\nb:\n  c: [x, y]\n",
    "a:\nb: 2\n",
    "a:\n\n  # comment\n  b: 'it''s'\n",
    "a: >-\n  one\n  two\nb: |\n  x\n  y\n\nc: >\n  z\n",
    "a: value   # comment\nb: \"quoted # not a comment\"\n",
    "yes: no\non: off\n1: 2\n",
    "a: []\nb: [ 1 , x.y ,z ]\n",
    "a: 2026-02-30\n",
    "a: b: c\n",
    "a: >-\n  one\n\n  two\n",
    "a: >-\n  one\n    two\n",
    "a: >-\n  one\n    \nb: 1\n",
    "a: >-\n  one\n  \nb: 1\n",
    "a: >\n  one\n   \n\nb: 1\n",
    "a: |\n  last line without a break",
    "a: x\n  continued\n",
    "  a: 1\n",
    "a: 1\na: 2\n",
    "- a\n- b\n",
    "# only a comment\n",
    "",
])
def test_edge_cases_read_alike(text: str) -> None:
    assert agree(text)


def test_mutated_files_read_alike() -> None:
    """Seeded mutations of the demo files: wherever the line reader answers, it is right."""
    rng = random.Random(8)
    texts = [p.read_text("utf-8") for p in SAMPLES]
    answered = 0
    for _ in range(4000):
        text = rng.choice(texts)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(text) + 1)
            cut = rng.choice([0, 0, 1, 2])
            text = text[:at] + rng.choice(SIGNIFICANT) + text[at + cut:]
        assert agree(text), text
        answered += read_simple(text) is not None
    assert answered > 1000  # the mutations left many files in the simple shape
