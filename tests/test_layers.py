"""The package's layers: every import points down, and no module imports itself in a circle.

Type-only imports (under ``TYPE_CHECKING``) and imports inside functions count too: a cycle
hidden in either is still a cycle. ARCHITECTURE.md describes the layers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "kanalregister"

# Top to bottom. A module belongs to the first layer with a prefix matching its dotted name
# (relative to the package); within one layer modules may import each other (without cycles).
LAYERS: list[tuple[str, ...]] = [
    ("plugin", "cli", "cli_init", "cli_site", "cli_verbund", "project", "tasklist_labels",
     "timings"),
    ("site", "verify", "verify_text", "verify_verbund", "links", "newchannel", "adopt",
     "verbund.fetch"),
    ("report",),
    ("verbund",),
    ("exports",),
    ("views", "paths"),
    ("pipeline",),
    ("checks", "directives", "variables"),
    ("register",),
    ("settings", "finding_codes"),
    ("findings",),
    ("yamlfile", "values"),
    ("i18n",),
]


def layer_of(module: str) -> int:
    """The index of ``module``'s layer (0 is the top)."""
    for index, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return index
    raise AssertionError(f"module {module!r} belongs to no layer: add it to LAYERS")


def module_name(path: Path, package: Path) -> str:
    parts = list(path.relative_to(package).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path, package: Path) -> set[str]:
    """The package-internal modules ``path`` imports, relative to the package, wherever the
    import statement stands (top level, function, ``if TYPE_CHECKING``)."""
    name = module_name(path, package)
    is_package = path.name == "__init__.py"
    here = name.split(".") if name else []
    if not is_package:
        here = here[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = here[: len(here) - (node.level - 1)] if node.level > 1 else here
                target = ".".join([*base, *(node.module or "").split(".")]).strip(".")
            elif node.module and node.module.split(".")[0] == "kanalregister":
                target = node.module.removeprefix("kanalregister").lstrip(".")
            else:
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}" if target else alias.name
                known = _exists(package, sub)
                found.add(sub if known else target)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "kanalregister":
                    found.add(alias.name.removeprefix("kanalregister").lstrip("."))
    found.discard("")
    found.discard(name)
    return found


def _exists(package: Path, module: str) -> bool:
    path = package.joinpath(*module.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def graph(package: Path) -> dict[str, set[str]]:
    """Every module of ``package`` and the package modules it imports."""
    return {module_name(p, package): imports(p, package)
            for p in sorted(package.rglob("*.py")) if module_name(p, package)}


def upward_imports(edges: dict[str, set[str]]) -> list[str]:
    """Imports from a lower layer into a higher one."""
    return [f"{src} (layer {layer_of(src)}) imports {dst} (layer {layer_of(dst)})"
            for src, targets in sorted(edges.items()) for dst in sorted(targets)
            if layer_of(dst) < layer_of(src)]


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles, each as the modules on it (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_imports_point_down_only() -> None:
    assert upward_imports(graph(PACKAGE)) == []


def test_no_import_cycles() -> None:
    assert cycles(graph(PACKAGE)) == []


def test_every_module_has_a_layer() -> None:
    for module in graph(PACKAGE):
        layer_of(module)


def _write(root: Path, files: dict[str, str]) -> Path:
    package = root / "kanalregister"
    for name, text in files.items():
        path = package / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return package


def test_a_type_only_upward_import_is_caught(tmp_path: Path) -> None:
    package = _write(tmp_path, {
        "__init__.py": "",
        "findings.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                       "    from .site.pages import PageSpec\n",
        "site/__init__.py": "",
        "site/pages.py": "from ..findings import Finding\n",
    })
    problems = upward_imports(graph(package))
    assert problems == [f"findings (layer {layer_of('findings')}) imports site.pages "
                        f"(layer {layer_of('site.pages')})"]
    assert cycles(graph(package)) == [["findings", "site.pages"]]


@pytest.mark.parametrize("statement", [
    "from . import charts\n", "from .charts import x\n", "import kanalregister.report.charts\n",
    "def f():\n    from kanalregister.report.charts import x\n",
])
def test_a_cycle_within_a_layer_is_caught(tmp_path: Path, statement: str) -> None:
    package = _write(tmp_path, {
        "__init__.py": "",
        "report/__init__.py": "",
        "report/charts.py": "from .figures import Report\n",
        "report/figures.py": statement,
    })
    assert cycles(graph(package)) == [["report.charts", "report.figures"]]
