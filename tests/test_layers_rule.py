"""DESIGN.md's layers: ``backend/`` imports no layer above it, and the packages import each
other without a cycle. Read with ast: every import, module-level and inside functions."""

from __future__ import annotations

import ast
import pathlib

SRC = pathlib.Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "ember_ml"
PACKAGES = ("ops", "nn", "random", "features", "lint", "backend")
ABOVE_BACKEND = ("ops", "nn", "random", "features", "lint")


def module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path: pathlib.Path) -> list[tuple[int, str]]:
    """(line, dotted name) of every module an import in ``path`` may load, relative ones resolved.

    ``from a import b`` gives ``a`` and ``a.b`` (b may be a submodule).
    """
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            out.append((node.lineno, module))
            out.extend((node.lineno, f"{module}.{alias.name}") for alias in node.names)
    return out


def package_of(dotted: str) -> str | None:
    """The ember_ml package (one of PACKAGES) a dotted module name belongs to, or None."""
    parts = dotted.split(".")
    if len(parts) >= 2 and parts[0] == "ember_ml" and parts[1] in PACKAGES:
        return parts[1]
    return None


def files_of(package: str) -> list[pathlib.Path]:
    return sorted((PACKAGE / package).rglob("*.py"))


def test_backend_imports_no_layer_above_it():
    offenders = [
        f"{path.relative_to(SRC)}:{line}: {module}"
        for path in files_of("backend")
        for line, module in imported_modules(path)
        if package_of(module) in ABOVE_BACKEND
    ]
    assert offenders == []


def test_random_does_not_import_ops():
    offenders = [
        f"{path.relative_to(SRC)}:{line}: {module}"
        for path in files_of("random")
        for line, module in imported_modules(path)
        if package_of(module) == "ops"
    ]
    assert offenders == []


def package_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {p: set() for p in PACKAGES}
    for package in PACKAGES:
        for path in files_of(package):
            for _, module in imported_modules(path):
                target = package_of(module)
                if target is not None and target != package:
                    graph[package].add(target)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of ``graph`` as a path that ends where it starts, or [] when there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        state[node] = 2
        path.pop()
        return []

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []


def test_no_import_cycle_between_the_packages():
    graph = package_graph()
    assert graph["backend"] == set()
    assert find_cycle(graph) == []


def test_the_checks_see_every_import_form(tmp_path):
    sample = tmp_path / "ember_ml" / "backend" / "x" / "m.py"
    sample.parent.mkdir(parents=True)
    sample.write_text(
        "import ember_ml.ops\n"
        "from ember_ml import nn as _nn\n"
        "from ... import random\n"
        "def f():\n"
        "    from ember_ml.features._base import Transform\n"
    )
    modules = [m for _, m in imported_modules_under(tmp_path, sample)]
    assert {package_of(m) for m in modules} >= {"ops", "nn", "random", "features"}
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []


def imported_modules_under(root: pathlib.Path, path: pathlib.Path) -> list[tuple[int, str]]:
    global SRC
    saved, SRC = SRC, root
    try:
        return imported_modules(path)
    finally:
        SRC = saved


def test_the_shared_messages_are_the_ops_modules_messages():
    from ember_ml import _messages
    from ember_ml.ops import signal

    assert signal.NOLA_MESSAGE is _messages.NOLA_MESSAGE


# --------------------------------------------------------------------------- one backend layout

BACKEND = PACKAGE / "backend"
LIMIT = 600  # lines per file (after ruff format)


def test_every_backend_has_one_module_per_section_of_the_standard():
    from ember_ml.backend import BACKENDS
    from ember_ml.backend._sections import SECTIONS

    for lib in BACKENDS:
        have = {p.stem for p in (BACKEND / lib).glob("*.py")}
        missing = sorted(set(SECTIONS) - have)
        assert missing == [], f"{lib}: no {missing}"
        assert {"linalg"} <= have, lib


def test_a_backends_init_only_assembles():
    from ember_ml.backend import BACKENDS

    for lib in BACKENDS:
        tree = ast.parse((BACKEND / lib / "__init__.py").read_text(encoding="utf-8"))
        bodies = [
            node.name
            for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        ]
        assert bodies == [], f"{lib}/__init__.py defines {bodies}"


def test_the_sections_hold_the_same_standard_functions_in_every_backend():
    import importlib

    from ember_ml.backend import BACKENDS, is_installed
    from ember_ml.backend._sections import SECTIONS
    from ember_ml.ops._spec import SPEC

    standard = {name for ext, name, _, _ in SPEC if ext == ""}
    where: dict[str, dict[str, str]] = {}  # lib -> standard name -> section
    for lib in BACKENDS:
        if not is_installed(lib):
            continue
        importlib.import_module(f"ember_ml.backend.{lib}")
        where[lib] = {}
        for section in SECTIONS:
            module = importlib.import_module(f"ember_ml.backend.{lib}.{section}")
            for name in set(module.__all__) & standard:
                assert name not in where[lib], f"{lib}: {name} in two sections"
                where[lib][name] = section
        assert set(where[lib]) == standard, f"{lib}: {sorted(standard - set(where[lib]))}"
    first = next(iter(where.values()))
    for lib, placed in where.items():
        assert placed == first, lib


GENERATED = "# generated from _spec.py"  # the first line of ops/_standard*.py (read the table)


def test_no_file_in_src_is_longer_than_the_limit():
    long = {}
    for path in PACKAGE.rglob("*.py"):
        lines = path.read_text(encoding="utf-8").splitlines()
        if len(lines) > LIMIT and not lines[0].startswith(GENERATED):
            long[str(path.relative_to(SRC))] = len(lines)
    assert long == {}
