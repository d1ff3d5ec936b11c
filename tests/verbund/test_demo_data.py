"""The demo Verbund's committed daten/ is what its members publish now."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from demo_data import PROJECT, own_export, refresh

from conftest import ROOT

HINT = "the demo changed: run 'make verbund-daten' and commit verbund/daten"


def test_musterstadt_s_stored_export_is_the_demo_s_own() -> None:
    stored = (PROJECT / "daten" / "musterstadt" / "kanaele.json").read_bytes()
    generated = json.loads(stored)["generated"]
    assert own_export(generated) == stored, HINT


def test_the_other_members_stored_exports_are_their_sources() -> None:
    for source in sorted((PROJECT / "quellen").glob("*.json")):
        stored = PROJECT / "daten" / source.stem / "kanaele.json"
        assert stored.read_bytes() == source.read_bytes(), HINT


def test_refreshing_fetches_every_member(tmp_path: Path) -> None:
    target = tmp_path / "verbund"
    shutil.copytree(ROOT / "verbund", target, ignore=shutil.ignore_patterns("daten", "site"))
    assert refresh(target) == []
    for member in ("musterstadt", "beispielkreis", "neudorf"):
        fetched = (target / "daten" / member / "kanaele.json").read_bytes()
        assert fetched == (PROJECT / "daten" / member / "kanaele.json").read_bytes()
