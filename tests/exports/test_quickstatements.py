"""The Wikidata batch (`kanalregister export --format quickstatements`) and the property of
each platform's accounts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import ROOT
from helpers import check
from kanalregister.cli import main
from kanalregister.exports.quickstatements import quickstatements
from kanalregister.register.platforms import load_registry
from kanalregister.register.wikidata import wikidata_claim

SITE_URL = "https://socialmedia.musterstadt.example/"


@pytest.mark.parametrize(("platform", "account", "expected"), [
    ("instagram", "musterstadt", ("P2003", "musterstadt")),
    ("x", "musterstadt_fw", ("P2002", "musterstadt_fw")),
    ("mastodon", "stadt@social.musterstadt.example", ("P4033", "stadt@social.musterstadt.example")),
    ("youtube", "channel/UC" + "a" * 22, ("P2397", "UC" + "a" * 22)),
    ("youtube", "@musterstadt", ("P11245", "musterstadt")),
    ("youtube", "user/musterstadt", None),
    ("linkedin", "company/stadt-musterstadt", ("P4264", "stadt-musterstadt")),
    ("linkedin", "showcase/kultur", None),
    ("bluesky", "musterstadt.example", ("P12361", "musterstadt.example")),
    ("bluesky", "did:plc:" + "a" * 24, None),
    ("facebook", "profile.php?id=123", None),
    ("whatsapp", "0029vamusterstadt0001", None),
])
def test_property_per_account_form(platform: str, account: str,
                                   expected: tuple[str, str] | None) -> None:
    claim = wikidata_claim(load_registry()[platform].wikidata, account)
    assert (None if claim is None else (claim[0].property, claim[1])) == expected


def test_batch_has_one_statement_per_expressible_channel() -> None:
    outcome = check(ROOT, site_url=SITE_URL)
    batch, skipped = quickstatements(outcome.catalog, "Q42", site_url=SITE_URL)
    lines = [line.split("\t") for line in batch.splitlines()]
    published = [i for i in outcome.catalog.public() if i.account]
    assert len(lines) + len(skipped) == len(published)
    by_value = {(cols[1], cols[2].strip('"')): cols for cols in lines}
    for item in published:
        platform = outcome.catalog.platform(item)
        claim = wikidata_claim(platform.wikidata, item.account.account) if platform else None
        if claim is None:
            assert item.path in {s.path for s in skipped}
            continue
        cols = by_value[(claim[0].property, claim[1])]
        assert cols[0] == "Q42"
        assert cols[cols.index("P580") + 1] == f"+{item.channel.since.isoformat()}T00:00:00Z/11"
        if item.channel.archived:
            assert cols[cols.index("P582") + 1].startswith(
                f"+{item.channel.archived.date.isoformat()}")
        else:
            assert "P582" not in cols
        assert cols[-2] == "S854" and cols[-1].startswith(f'"{SITE_URL}kanaele/')


def test_cli_prints_the_batch_for_the_demo_item() -> None:
    runner = CliRunner()
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        result = runner.invoke(main, ["export", "--format", "quickstatements"])
        wrong = runner.invoke(main, ["export", "--format", "quickstatements", "--item", "X1"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.output
    statements = [line for line in result.stdout.splitlines() if line]
    assert statements and all(line.startswith("Q99999999\tP") for line in statements)
    assert wrong.exit_code == 2
