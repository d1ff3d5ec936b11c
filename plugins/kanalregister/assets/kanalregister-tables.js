/*
 * Wide tables that scroll sideways can be scrolled with the keyboard (WCAG 2.1.1).
 *
 * Material wraps plain Markdown tables in .md-typeset__scrollwrap; the register's own tables
 * (class kr-table, which Material leaves alone) get a wrapper of the same kind here. A wrapper
 * whose table is wider than the page becomes a named region in the Tab order, so that arrow
 * keys scroll it; one that fits stays out of the Tab order. Checked again when the window
 * is resized. Without JavaScript the tables still scroll with a mouse or a finger.
 */
(function () {
  "use strict";

  const HEADINGS = "h1, h2, h3, h4, h5, h6";

  function text(element) {
    // Headings end with Material's permalink; its text is a pilcrow or a symbol, not a name.
    const copy = element.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach((link) => link.remove());
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function name(wrapper) {
    const caption = wrapper.querySelector("caption");
    if (caption && text(caption)) return text(caption);
    // The nearest heading before the table, in document order.
    for (let node = wrapper; node && !node.matches?.(".md-content"); node = node.parentElement) {
      for (let prev = node.previousElementSibling; prev; prev = prev.previousElementSibling) {
        const heading = prev.matches(HEADINGS) ? prev : [...prev.querySelectorAll(HEADINGS)].pop();
        if (heading && text(heading)) return text(heading);
      }
    }
    return "";
  }

  function wrappers() {
    document.querySelectorAll(".md-typeset table.kr-table").forEach((table) => {
      if (table.parentElement.classList.contains("kr-scrollwrap")) return;
      const wrapper = document.createElement("div");
      wrapper.className = "kr-scrollwrap";
      table.replaceWith(wrapper);
      wrapper.append(table);
    });
    return document.querySelectorAll(".md-typeset__scrollwrap, .kr-scrollwrap");
  }

  function update() {
    wrappers().forEach((wrapper) => {
      const scrolls = wrapper.scrollWidth > wrapper.clientWidth + 1;
      if (scrolls && !wrapper.hasAttribute("tabindex")) {
        const label = name(wrapper);
        wrapper.setAttribute("tabindex", "0");
        wrapper.setAttribute("role", "region");
        wrapper.setAttribute("aria-label",
          label ? `Tabelle „${label}“, seitlich scrollbar` : "Tabelle, seitlich scrollbar");
      } else if (!scrolls && wrapper.hasAttribute("tabindex")) {
        ["tabindex", "role", "aria-label"].forEach((attr) => wrapper.removeAttribute(attr));
      }
    });
  }

  let pending = 0;
  function schedule() {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(update);
  }

  // Material wraps its tables when its document$ observable emits; subscribing after the
  // bundle has run means this runs after Material's own handlers.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(schedule);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", schedule);
  } else {
    schedule();
  }
  window.addEventListener("load", schedule);
  window.addEventListener("resize", schedule);
})();
