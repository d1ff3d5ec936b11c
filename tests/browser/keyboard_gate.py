"""The keyboard gate: every control is reachable with Tab and shows where the focus is.

The controls a page should offer to the keyboard are found in the DOM (links, buttons, form
fields, summaries, elements with tabindex ≥ 0 that are rendered, enabled and not hidden); then
Tab is pressed until the focus comes back round, and each stop's computed outline and
box-shadow are compared with the same element's unfocused style, and each stop must be on
screen (WCAG 2.1.1 Keyboard, 2.4.7 Focus Visible).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

_MARK_CONTROLS = """() => {
  const selector = "a[href], button, input, select, textarea, summary, [tabindex]";
  const controls = [];
  document.querySelectorAll(selector).forEach((el, i) => {
    // Material keeps some hidden controls rendered for their transitions ("back to top").
    if (el.disabled || el.tabIndex < 0 || el.closest("[inert], [hidden]")) return;
    if (el.matches("input[type=hidden]")) return;
    if (!el.checkVisibility({visibilityProperty: true})) return;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) return;
    el.dataset.krKey = String(i);
    controls.push(String(i));
  });
  return controls;
}"""

_DESCRIBE = """(el) => {
  const text = (el.getAttribute("aria-label") || el.textContent || el.value || "")
    .trim().replace(/\\s+/g, " ").slice(0, 40);
  const cls = el.className && typeof el.className === "string"
    ? "." + el.className.trim().split(/\\s+/).join(".") : "";
  return `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${cls}> "${text}"`;
}"""

_FOCUS_STYLE = """(el) => {
  const s = getComputedStyle(el);
  return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow].join(" | ");
}"""

_ACTIVE = f"""() => {{
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = el.getBoundingClientRect();
  let opacity = 1;  // what the visitor sees: the product of the element's and its ancestors'
  for (let node = el; node; node = node.parentElement) {{
    opacity *= parseFloat(getComputedStyle(node).opacity);
  }}
  const offScreen = box.right <= 0 || box.left >= innerWidth || opacity < 0.1
    || (box.width === 0 && box.height === 0);
  return {{key: el.dataset.krKey || null, describe: ({_DESCRIBE})(el),
          style: ({_FOCUS_STYLE})(el), offScreen}};
}}"""

# Material's search and drawer slide in with CSS transitions after a Tab: wait until every
# running animation of the document has finished (a fixed pause was too short on a loaded
# machine), bounded so a looping animation cannot hang the walk.
_SETTLE = """async () => {
  const frame = () => new Promise((done) => requestAnimationFrame(done));
  const frames = () => frame().then(frame);
  await frames();
  const running = document.getAnimations().filter((a) => a.playState === "running");
  const finished = Promise.all(running.map((a) => a.finished.catch(() => null)));
  await Promise.race([finished, new Promise((done) => setTimeout(done, 10000))]);
  await frames();
}"""

_UNFOCUSED = f"""(keys) => {{
  document.activeElement && document.activeElement.blur();
  return Object.fromEntries(keys.map((key) => {{
    const el = document.querySelector(`[data-kr-key="${{key}}"]`);
    return [key, {{describe: ({_DESCRIBE})(el), style: ({_FOCUS_STYLE})(el)}}];
  }}));
}}"""


def _visible_indicator(focused: str, unfocused: str) -> bool:
    """An outline of at least 1px or a box-shadow that the element has only when focused."""
    if focused == unfocused:
        return False
    outline_style, outline_width, _colour, shadow = focused.split(" | ", 3)
    has_outline = outline_style != "none" and float(outline_width.removesuffix("px") or 0) >= 1
    return has_outline or shadow != unfocused.split(" | ", 3)[3]


@dataclass
class TabWalk:
    """The controls a page offers and what Tab reached, with each stop's focus style."""

    expected: dict[str, str] = field(default_factory=dict)  # key → description
    reached: dict[str, str] = field(default_factory=dict)   # key → focused style
    unmarked: list[str] = field(default_factory=list)       # stops outside the expected set
    off_screen: list[str] = field(default_factory=list)     # stops off screen or transparent
    invisible: list[str] = field(default_factory=list)      # stops without a focus indicator

    @property
    def unreachable(self) -> list[str]:
        """Descriptions of the controls Tab never reached."""
        return [desc for key, desc in self.expected.items() if key not in self.reached]


def tab_through(page: Any) -> TabWalk:
    """Press Tab from the top of ``page`` until the focus wraps around; record every stop."""
    walk = TabWalk()
    keys = page.evaluate(_MARK_CONTROLS)
    seen: list[str] = []
    for _ in range(2 * len(keys) + 20):
        page.keyboard.press("Tab")
        stop = page.evaluate(_ACTIVE)
        if stop is None:
            continue  # the focus left the document (browser UI) between two rounds
        ident = stop["key"] or stop["describe"]
        if ident in seen:
            break
        seen.append(ident)
        if stop["offScreen"]:
            # Material animates its search and drawer: measure again once they stand.
            page.evaluate(_SETTLE)
            if page.evaluate(_ACTIVE)["offScreen"]:
                walk.off_screen.append(stop["describe"])
        if stop["key"] is None:
            walk.unmarked.append(stop["describe"])
        else:
            walk.reached[stop["key"]] = stop["style"]
    unfocused = page.evaluate(_UNFOCUSED, keys)
    walk.expected = {key: unfocused[key]["describe"] for key in keys}
    walk.invisible = [unfocused[key]["describe"] + f"  focused: {style}"
                      for key, style in walk.reached.items()
                      if not _visible_indicator(style, unfocused[key]["style"])]
    return walk


def assert_keyboard_usable(page: Any, label: str) -> None:
    """Fail naming every control that Tab misses or that shows no focus indicator."""
    walk = tab_through(page)
    problems = [f"  not reachable with Tab: {desc}" for desc in walk.unreachable]
    problems += [f"  no visible focus indicator: {desc}" for desc in walk.invisible]
    problems += [f"  focus lands off screen or on something invisible: {desc}"
                 for desc in walk.off_screen]
    if problems:
        pytest.fail(f"keyboard: {label} ({page.url}), {len(walk.reached)} of "
                    f"{len(walk.expected)} controls reached:\n" + "\n".join(problems),
                    pytrace=False)
