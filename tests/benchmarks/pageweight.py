"""What a visit downloads, per register size: the Lighthouse table and the targets of issue 18.

Targets, each from one run: Lighthouse performance at least 95 and accessibility 100 on the
start page, the overview and a channel page at 1,000 channels; the overview's transferred bytes
at 1,000 channels at most 1.5 times those at 100; the search index at 10,000 channels at most
twice its size at 100.
"""

from __future__ import annotations

from formats import dec, kib, ms, num
from lighthouse import Audit, version

PERFORMANCE_TARGET = 95
ACCESSIBILITY_TARGET = 100
OVERVIEW_GROWTH_LIMIT = 1.5
SEARCH_INDEX_GROWTH_LIMIT = 2.0
SMALL, MEDIUM, LARGE = 100, 1_000, 10_000


def _meets(audit: Audit) -> bool:
    return not audit.error and audit.performance >= PERFORMANCE_TARGET and audit.accessibility >= (
        ACCESSIBILITY_TARGET)


def table(rows: list[tuple[int, list[Audit]]]) -> list[str]:
    """Lighthouse's figures per size and page; under them the profile of every page that
    misses a score target (its heaviest requests, the accessibility audits it fails)."""
    if not rows:
        return []
    lines = [f"Lighthouse {version()} (mobil, simulierte Drosselung, gzip von 127.0.0.1, eine "
             "Messung je Seite):", "",
             "| Kanäle | Seite | Leistung | Barrierefreiheit | FCP | LCP | TBT | übertragen |",
             "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for channels, audits in rows:
        lines += [f"| {num(channels)} | {a.label} | {a.performance} | {a.accessibility} | "
                  f"{ms(a.fcp_ms)} | {ms(a.lcp_ms)} | {ms(a.tbt_ms)} | {kib(a.transferred)} |"
                  if not a.error else
                  f"| {num(channels)} | {a.label} | – | – | – | – | – | – |"
                  for a in audits]
    lines.append("")
    for channels, audits in rows:
        for a in audits:
            if _meets(a):
                continue
            if a.error:
                lines.append(f"- {a.label} bei {num(channels)} Kanälen: Lighthouse lieferte kein "
                             f"Ergebnis ({a.error})")
                continue
            heavy = ", ".join(f"`{path or '/'}` {kib(size)}" for path, size in a.largest)
            work = ", ".join(f"{kind} {ms(duration)}" for kind, duration in a.main_thread)
            failed = f"; verfehlte Prüfungen: {', '.join(a.failed)}" if a.failed else ""
            lines.append(f"- Profil {a.label} bei {num(channels)} Kanälen: FCP {ms(a.fcp_ms)}, "
                         f"LCP {ms(a.lcp_ms)}, TBT {ms(a.tbt_ms)}; größte Abrufe: {heavy}; "
                         f"Hauptthread (auf das gedrosselte Telefon hochgerechnet): "
                         f"{work or '–'}{failed}")
    if lines[-1]:
        lines.append("")
    return lines


def targets(audits: dict[int, list[Audit]],
            index: dict[int, tuple[int, int]]) -> list[tuple[bool, str]]:
    """The targets the measured sizes show: (met, German text) each."""
    found: list[tuple[bool, str]] = []
    for a in audits.get(MEDIUM, []):
        if a.error:
            found.append((False, f"Lighthouse {a.label} mit 1.000 Kanälen: nicht gemessen "
                          f"({a.error})"))
            continue
        found.append((_meets(a), f"Lighthouse {a.label} mit 1.000 Kanälen: Leistung "
                      f"{a.performance} (Ziel ≥ {PERFORMANCE_TARGET}), Barrierefreiheit "
                      f"{a.accessibility} (Ziel {ACCESSIBILITY_TARGET})"))
    before = {a.label: a.transferred for a in audits.get(SMALL, []) if not a.error}
    after = {a.label: a.transferred for a in audits.get(MEDIUM, []) if not a.error}
    if audits.get(SMALL) and audits.get(MEDIUM) and not (
            "Übersicht" in before and "Übersicht" in after):
        found.append((False, "Übersicht: übertragene Bytes mit 1.000 gegenüber 100 Kanälen nicht "
                      "gemessen (Lighthouse ohne Ergebnis)"))
    if "Übersicht" in before and "Übersicht" in after:
        ratio = after["Übersicht"] / before["Übersicht"]
        found.append((ratio <= OVERVIEW_GROWTH_LIMIT,
                      f"Übersicht: übertragene Bytes mit 1.000 Kanälen höchstens das 1,5-fache "
                      f"von 100: {kib(after['Übersicht'])} / {kib(before['Übersicht'])} = "
                      f"{dec(ratio)}"))
    if SMALL in index and LARGE in index:
        (raw, packed), (raw0, packed0) = index[LARGE], index[SMALL]
        found.append((raw / raw0 <= SEARCH_INDEX_GROWTH_LIMIT,
                      f"Suchindex mit 10.000 Kanälen höchstens das Doppelte von 100: "
                      f"{kib(raw)} / {kib(raw0)} = {dec(raw / raw0)} (gzip: "
                      f"{kib(packed)} / {kib(packed0)} = {dec(packed / packed0)})"))
    return found
