"""Dependencies between apps point one way (docs/architecture.md).

Every module under samskap/ is parsed with `ast`; each import -- at module level or inside a function,
`import x` or `from x import y`, relative or absolute, and any string that is a dotted module name such
as "samskap.funding.catalog" (what importlib, import_string or include would import) -- is mapped to the
app it names; a computed name passed to importlib is refused. An app may import only apps in lower
layers, and itself.
Top-level modules (urls.py, settings.py, cli.py, conftest.py, ...), tests and migrations are not checked.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import samskap

ROOT = Path(samskap.__file__).parent

#: Lowest first. An app may import only apps with a smaller number (and itself).
LAYERS = {
    "core": 1,
    "notifications": 2,
    "directory": 3,
    "api": 4,
    "accounts": 4,
    "needs": 5,
    "matching": 6,
    "funding": 7,
    "outlook": 7,
    "knowledge": 7,
    "opportunities": 7,
    "workshops": 8,
    "followup": 9,
    "partnering": 9,
}
TOP = "top level"  # samskap/*.py: urls, settings, cli, conftest, wsgi, asgi, __main__
DYNAMIC = "a computed name"
#: A string that is a dotted name of one of our modules (as handed to importlib, include or ninja).
DOTTED = re.compile(r"samskap(\.[A-Za-z_]\w*)+")
#: Functions whose first argument names a module; a computed name cannot be checked, so it is refused.
IMPORTERS = {"import_module", "__import__", "import_string", "include"}


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    app: str
    imported: str
    target: str

    def __str__(self) -> str:
        layer = f"layer {LAYERS[self.target]}" if self.target in LAYERS else "not allowed"
        return (f"{self.path}:{self.line}: {self.app} (layer {LAYERS.get(self.app, '?')}) imports "
                f"{self.imported} -> {self.target} ({layer})")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(tree: ast.AST, module: str, is_package: bool) -> list[tuple[int, str]]:
    """(line, dotted module name) of every import in the tree; DYNAMIC for a computed importlib name."""
    package = module if is_package else module.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)] if node.level > 1 else base
                prefix = ".".join(base)
                name = f"{prefix}.{node.module}" if node.module else prefix
            else:
                name = node.module or ""
            # `from samskap import needs` imports the app needs; `from samskap.needs import models` is needs.
            found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names] if name == "samskap" \
                else [(node.lineno, name)]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and DOTTED.fullmatch(node.value):
            found.append((node.lineno, node.value))  # "samskap.funding.catalog": an import by name
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if called not in IMPORTERS:
                continue
            arg = node.args[0]
            if isinstance(arg, ast.JoinedStr | ast.BinOp | ast.Name):
                found.append((node.lineno, DYNAMIC))
    return sorted(found)


def target_of(name: str) -> str | None:
    """The app a dotted module name belongs to, TOP for samskap's own top-level modules, None if not ours."""
    if name == DYNAMIC:
        return DYNAMIC
    parts = name.split(".")
    if parts[0] != "samskap":
        return None
    if len(parts) == 1:
        return TOP
    return parts[1] if parts[1] in LAYERS else TOP if (ROOT / f"{parts[1]}.py").exists() else parts[1]


def app_of(path: Path) -> str | None:
    """The app a file belongs to; None for files that are not checked (top level, tests, migrations)."""
    parts = path.relative_to(ROOT).parts
    if len(parts) == 1 or "tests" in parts or "migrations" in parts:
        return None
    return parts[0]


def violations(path: Path, source: str) -> list[Violation]:
    app = app_of(path)
    if app is None:
        return []
    rel = str(path.relative_to(ROOT.parent))
    if app not in LAYERS:
        return [Violation(rel, 1, app, "-", "an app that has no layer (add it to LAYERS and docs/architecture.md)")]
    tree = ast.parse(source, filename=rel)
    out = []
    for line, name in imported_names(tree, module_name(path), path.name == "__init__.py"):
        target = target_of(name)
        if target is None or target == app:
            continue
        if target in LAYERS and LAYERS[target] < LAYERS[app]:
            continue
        out.append(Violation(rel, line, app, name, target))
    return out


def test_imports_point_down_the_layers():
    found = [v for path in sorted(ROOT.rglob("*.py")) for v in violations(path, path.read_text("utf-8"))]
    assert not found, ("Imports that break the layering of docs/architecture.md (an app may import only "
                       "lower layers; use samskap.core.registry to reach a higher one):\n"
                       + "\n".join(str(v) for v in found))


def test_every_app_has_a_layer():
    apps = {p.name for p in ROOT.iterdir() if (p / "apps.py").exists()}
    assert apps == set(LAYERS)


def test_the_checker_sees_every_kind_of_import():
    path = ROOT / "needs" / "views.py"
    source = "\n".join([
        "import samskap.followup.models",
        "from samskap.workshops import models",
        "from samskap import matching",
        "from ..knowledge import search",
        "from . import forms",
        "from .. import settings",
        "def view():",
        "    from samskap.funding.models import Instrument",
        "    importlib.import_module('samskap.outlook.trends')",
        "    importlib.import_module(f'samskap.{app}.api')",
        "SOURCES = {'case': ('samskap.knowledge.catalog', 'entries')}",
        "DOC = 'see samskap.followup.report for the report'",
        "from samskap.directory.models import Person",
        "from samskap.core.registry import registry",
        "from samskap.api.auth import WRITE_AUTH",
        "import django.db",
    ])
    found = [(v.line, v.target) for v in violations(path, source)]
    assert found == [(1, "followup"), (2, "workshops"), (3, "matching"), (4, "knowledge"), (6, TOP),
                     (8, "funding"), (9, "outlook"), (10, DYNAMIC), (11, "knowledge")]


def test_tests_top_level_and_migrations_are_not_checked():
    source = "from samskap.followup import models\n"
    assert violations(ROOT / "needs" / "tests" / "test_x.py", source) == []
    assert violations(ROOT / "needs" / "migrations" / "0001_initial.py", source) == []
    assert violations(ROOT / "urls.py", source) == []
    assert violations(ROOT / "funding" / "views.py", "from samskap.knowledge import models\n")  # same layer
