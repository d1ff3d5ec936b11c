"""The accessibility gate: axe-core (npm package, no download at test time) inside a page."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# WCAG 2.0, 2.1 and 2.2, levels A and AA (BITV 2.0 → EN 301 549 → WCAG 2.1 AA; we build to 2.2).
# axe has no rule tagged "wcag22a" (the new 2.2 level-A criteria are not machine-testable).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {
    runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
  });
  return result.violations.map((v) => ({
    rule: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
  }));
}"""


@dataclass(frozen=True)
class Violation:
    """One failed axe rule on one page, with the elements that fail it."""

    rule: str
    impact: str
    help: str
    nodes: list[dict[str, str]]

    def describe(self, limit: int = 5) -> str:
        """Rule, impact and the first failing elements with axe's own advice."""
        lines = [f"  [{self.rule}] ({self.impact}) {self.help}: {len(self.nodes)} element(s)"]
        for node in self.nodes[:limit]:
            advice = " ".join(node["summary"].split())[:300]
            lines.append(f"      {node['target']}  –  {advice}")
        return "\n".join(lines)


def axe_script() -> Path:
    """axe.min.js from node_modules; missing is a failure under CI, else a skip."""
    if AXE_JS.is_file():
        return AXE_JS
    message = f"axe-core not installed ({AXE_JS}): run 'npm ci' (make test does)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def run_axe(page: Any) -> list[Violation]:
    """Inject axe-core into ``page`` and return its WCAG A/AA violations."""
    page.add_script_tag(path=str(axe_script()))
    return [Violation(**v) for v in page.evaluate(RUN_AXE, WCAG_TAGS)]


def assert_accessible(page: Any, label: str) -> None:
    """Fail with every violation on ``page`` (named ``label`` in the message)."""
    violations = run_axe(page)
    if violations:
        details = "\n".join(v.describe() for v in violations)
        pytest.fail(f"axe-core: {len(violations)} WCAG A/AA rule(s) fail on {label} "
                    f"({page.url}):\n{details}", pytrace=False)


_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll(".md-content *")) {
    const right = el.getBoundingClientRect().right;
    const parent = el.parentElement.getBoundingClientRect().right;
    if (right > width + 1 && parent <= width + 1) wide.push(`<${el.tagName.toLowerCase()}`
      + `${el.className ? "." + String(el.className).trim().split(/\\s+/).join(".") : ""}> `
      + `${Math.round(right)}px: ${(el.textContent || "").trim().slice(0, 50)}`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, wide};
}"""


def assert_reflows(page: Any, label: str) -> None:
    """Fail if the page scrolls sideways (WCAG 1.4.10 Reflow), naming the elements too wide.

    axe-core does not test reflow; at phone width this is what a visitor meets first.
    """
    found = page.evaluate(_OVERFLOW)
    if found["scrollWidth"] > found["width"]:
        pytest.fail(f"reflow: {label} ({page.url}) is {found['scrollWidth']}px wide in a "
                    f"{found['width']}px window; too wide:\n  " + "\n  ".join(found["wide"]),
                    pytrace=False)
