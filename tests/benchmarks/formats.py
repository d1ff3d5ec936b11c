"""Figures in German notation for the benchmark's tables (decimal comma, thousands point)."""

from __future__ import annotations


def kib(value: float) -> str:
    """A size in KB (1,024 bytes) or MB, German style."""
    if value >= 10 * 1024 * 1024:
        return f"{value / 1024 / 1024:,.0f} MB".replace(",", ".")
    if value >= 1024 * 1024:
        return f"{value / 1024 / 1024:,.1f} MB".replace(".", ",")
    return f"{value / 1024:,.0f} KB".replace(",", ".")


def sec(value: float) -> str:
    """Seconds with a decimal comma."""
    return f"{value:.2f} s".replace(".", ",") if value < 10 else f"{value:.1f} s".replace(
        ".", ",")


def num(value: int) -> str:
    """A count with a thousands point."""
    return f"{value:,}".replace(",", ".")


def dec(value: float) -> str:
    """A ratio with a decimal comma."""
    return f"{value:.2f}".replace(".", ",")


def pct(value: float) -> str:
    """A share in percent with a decimal comma."""
    return f"{value:.1%}".replace(".", ",").replace("%", " %")


def ms(value: float) -> str:
    """Milliseconds as seconds with a decimal comma, or whole milliseconds below one second."""
    return f"{value / 1000:.1f} s".replace(".", ",") if value >= 1000 else f"{value:.0f} ms"
