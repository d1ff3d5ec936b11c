"""GitHub integration: exact annotation commands, and the repository's templates and workflows."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import ROOT
from kanalregister.findings import Finding, Severity
from kanalregister.newchannel.interview import QUESTIONS
from kanalregister.register.platforms import load_registry

GITHUB = ROOT / ".github"


def finding(**changes: Any) -> Finding:
    values: dict[str, Any] = {
        "path": "channels/presseamt/instagram-musterstadt.yml", "line": 15, "col": 10,
        "field": "imprint.label", "code": "IMP003", "severity": Severity.ERROR,
        "message": "\"Info\" is not a recognisable imprint link", "hint": "write Impressum"}
    return Finding(**{**values, **changes})


def test_annotation_format_is_exact() -> None:
    assert finding().format_github() == (
        "::error file=channels/presseamt/instagram-musterstadt.yml,line=15,col=10,"
        "title=IMP003::imprint.label: \"Info\" is not a recognisable imprint link"
        "%0AHint: write Impressum")


def test_warning_without_position_or_hint() -> None:
    text = finding(severity=Severity.WARNING, line=None, col=None, field=None,
                   hint="").format_github()
    assert text == ("::warning file=channels/presseamt/instagram-musterstadt.yml,"
                    "title=IMP003::\"Info\" is not a recognisable imprint link")


def test_a_line_without_column() -> None:
    assert ",line=3,title=" in finding(line=3, col=None).format_github()


def test_message_escaping() -> None:
    # In the message: %, CR and LF are escaped; ':' and ',' stay as they are.
    text = finding(field=None, hint="", message="100% sicher,\r\nwirklich: ja").format_github()
    assert text.endswith("::100%25 sicher,%0D%0Awirklich: ja")


def test_property_escaping() -> None:
    # In properties, ':' and ',' would end the value: they are escaped as well.
    text = finding(path="channels/a,b/c:d%.yml", code="X:1,2").format_github()
    assert text.startswith("::error file=channels/a%2Cb/c%3Ad%25.yml,line=15,col=10,"
                           "title=X%3A1%2C2::")
    assert text.count("::") == 2


# --- the repository's GitHub files ----------------------------------------------------------

def load(name: str) -> Any:
    return yaml.safe_load((GITHUB / name).read_text("utf-8"))


def test_issue_form_fields_map_to_new_channel_options() -> None:
    form = load("ISSUE_TEMPLATE/neuer-kanal.yml")
    assert form["name"] == "Neuen Kanal beantragen"
    ids = {item["id"] for item in form["body"] if "id" in item}
    options = {q.key for q in QUESTIONS}
    assert ids - options == {"concept", "checklist"}  # everything else is a channel field
    assert {"name", "platform", "url", "unit", "description", "contact"} <= ids


def test_issue_form_offers_every_platform() -> None:
    form = load("ISSUE_TEMPLATE/neuer-kanal.yml")
    dropdown = next(i for i in form["body"] if i.get("id") == "platform")
    offered = [re.search(r"\((\w+)\)$", o).group(1) for o in dropdown["attributes"]["options"]]
    assert offered == load_registry().ids()


def test_pull_request_template_has_the_approval_checklist() -> None:
    text = (GITHUB / "pull_request_template.md").read_text("utf-8")
    for words in ("freigegeben", "Aktenzeichen", "Impressumslink", "Datenschutzhinweise",
                  "Leitlinien", "Alternativtexte", "kanalregister validate"):
        assert words in text
    assert text.count("- [ ]") >= 12


def test_codeowners_require_the_central_team_for_channels() -> None:
    lines = [line.split() for line in (GITHUB / "CODEOWNERS").read_text("utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    owners = {line[0]: line[1:] for line in lines}
    assert owners["/channels/"] == ["@musterstadt/socialmedia-team"]
    # The last matching line wins: every line under channels/ must keep the central team.
    for pattern, names in owners.items():
        if pattern.startswith("/channels/"):
            assert "@musterstadt/socialmedia-team" in names


@pytest.mark.parametrize("name", ["ci.yml", "pages.yml"])
def test_workflows_are_valid_yaml_with_jobs(name: str) -> None:
    workflow = load(f"workflows/{name}")
    assert workflow["jobs"]
    # PyYAML reads the key "on" as True (YAML 1.1); GitHub reads it as "on".
    assert workflow.get("on") or workflow.get(True)


def test_ci_annotates_tests_and_builds_strictly() -> None:
    workflow = load("workflows/ci.yml")
    triggers = workflow[True]
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = workflow["jobs"]["test"]["steps"]
    runs = [s.get("run", "") for s in steps]
    uses = [s.get("uses", "") for s in steps]
    assert any("kanalregister validate --format github" in r for r in runs)
    assert any(r.strip() == "make test" for r in runs)
    assert any("mkdocs build --strict" in r for r in runs)
    build = next(i for i, r in enumerate(runs) if "mkdocs build --strict" in r)
    assert any("kanalregister check-site site" in r for r in runs[build:])
    properdocs = [s.get("run", "") for s in workflow["jobs"]["properdocs"]["steps"]]
    built = next(i for i, r in enumerate(properdocs) if "properdocs build --strict" in r)
    assert any("kanalregister check-site site" in r for r in properdocs[built:])
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["python-version"] == "3.11"
    assert any(u.startswith("actions/checkout") for u in uses)


def test_pages_deploys_from_main_with_full_history() -> None:
    workflow = load("workflows/pages.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    build = workflow["jobs"]["build"]["steps"]
    checkout = next(s for s in build if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact") for s in build)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in deploy["steps"])
    # The rights to publish belong to the deploy job, which runs no project code.
    assert workflow["permissions"] == {"contents": "read"}
    assert "permissions" not in workflow["jobs"]["build"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def workflow_findings(*paths: Path) -> list[dict[str, Any]]:
    """zizmor's findings (offline audits, default persona) for the workflow files."""
    result = subprocess.run(
        [str(Path(sys.executable).with_name("zizmor")), "--offline", "--no-progress",
         "--format", "json", *map(str, paths)], capture_output=True, text=True, check=False)
    assert result.stdout.strip().startswith("["), result.stderr
    findings: list[dict[str, Any]] = json.loads(result.stdout)
    return findings


def test_workflows_pass_zizmor() -> None:
    findings = workflow_findings(*sorted((GITHUB / "workflows").glob("*.yml")))
    assert findings == [], [(f["ident"], f["desc"]) for f in findings]


def test_zizmor_gate_bites_on_a_tag_pinned_action_and_persisted_credentials(tmp_path: Path) -> None:
    text = (GITHUB / "workflows" / "ci.yml").read_text("utf-8")
    pinned = re.search(r"actions/checkout@[0-9a-f]{40} # v[\d.]+", text)
    assert pinned, "checkout is pinned by commit SHA with its version in a comment"
    broken = text.replace(pinned.group(0), "actions/checkout@v5").replace(
        "persist-credentials: false", "")
    (tmp_path / "ci.yml").write_text(broken, encoding="utf-8")
    idents = {f["ident"] for f in workflow_findings(tmp_path / "ci.yml")}
    assert {"unpinned-uses", "artipacked"} <= idents, idents


def test_every_action_is_pinned_by_commit_sha() -> None:
    for path in sorted((GITHUB / "workflows").glob("*.yml")):
        for line in path.read_text("utf-8").splitlines():
            if "uses:" in line:
                assert re.search(r"uses: [\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d", line), \
                    f"{path.name}: {line.strip()}"
