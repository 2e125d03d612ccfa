"""The declared hooks (ember_ml/_hooks.py): every backend's ``_extras/<group>.py`` and every
``fast_path(...)`` call in src/ agree with the declaration; undeclared names fail loudly;
``disabled()`` switches the fast paths off and leaves the hooks on."""

from __future__ import annotations

import ast
import pathlib
import sys

import numpy as np
import pytest

import ember_ml
from ember_ml import _hooks, backend

SRC = pathlib.Path(__file__).resolve().parents[1] / "src" / "ember_ml"
EXTRAS = {lib: SRC / "backend" / lib / "_extras" for lib in backend.BACKENDS}


def defined_names(path: pathlib.Path) -> set[str]:
    """Public names a module binds at top level: defs, classes, assignments, sibling re-exports."""
    names: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                for leaf in ast.walk(target):
                    if isinstance(leaf, ast.Name):
                        names.add(leaf.id)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.ImportFrom) and ".".join(
            (node.module or "").split(".")[:4]
        ).endswith("._extras"):
            # a hook of another group re-exported (mlx's check_allocation)
            names.update(alias.asname or alias.name for alias in node.names)
    return {name for name in names if not name.startswith("_")}


def extras_modules() -> list[tuple[str, str, pathlib.Path]]:
    return [
        (lib, path.stem, path)
        for lib, folder in EXTRAS.items()
        for path in sorted(folder.glob("*.py"))
        if path.name != "__init__.py"
    ]


def test_every_backend_keeps_its_fast_paths_in_extras():
    for lib in backend.BACKENDS:
        stray = sorted(
            p.name for p in (SRC / "backend" / lib).glob("_*.py") if p.stem[1:] in _hooks.GROUPS
        )
        assert stray == [], f"{lib}: fast paths outside _extras/: {stray}"
        assert (EXTRAS[lib] / "__init__.py").exists()


@pytest.mark.parametrize(
    ("lib", "group", "path"), extras_modules(), ids=[f"{lib}-{g}" for lib, g, _ in extras_modules()]
)
def test_an_extras_module_defines_only_declared_names(lib, group, path):
    assert group in _hooks.GROUPS, f"{path}: {group!r} is not a group declared in _hooks.py"
    undeclared = sorted(defined_names(path) - _hooks.GROUPS[group].names)
    assert undeclared == [], f"{path}: undeclared (or misspelt) names {undeclared}"


def test_every_required_hook_is_defined_by_its_backends():
    missing = []
    for group, declared in _hooks.GROUPS.items():
        for name, libs in declared.required.items():
            for lib in libs:
                path = EXTRAS[lib] / f"{group}.py"
                if not path.exists() or name not in defined_names(path):
                    missing.append(f"{lib}: {group}.{name}")
    assert missing == []


def test_the_declaration_is_consistent():
    for group, declared in _hooks.GROUPS.items():
        assert not declared.fast_paths & declared.hooks, group
        assert not (declared.fast_paths | declared.hooks) & set(declared.required), group
        for libs in declared.required.values():
            assert libs <= set(backend.BACKENDS), group
    # the groups that load with a backend (nn loads with ember_ml.nn)
    assert set(backend.FAST_PATH_GROUPS) | {"nn"} == set(_hooks.GROUPS)


# --------------------------------------------------------------------------- fast_path calls


def _module_constants(tree: ast.Module) -> dict[str, str]:
    out = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            out.update({t.id: node.value.value for t in node.targets if isinstance(t, ast.Name)})
    return out


def _imported_constant(tree: ast.Module, name: str) -> str | None:
    """A string constant imported by name from another ember_ml module (one level)."""
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ember_ml"):
            for alias in node.names:
                if (alias.asname or alias.name) == name:
                    parts = node.module.split(".")[1:]
                    for path in (
                        SRC.joinpath(*parts).with_suffix(".py"),
                        SRC.joinpath(*parts, "__init__.py"),
                    ):
                        if path.exists():
                            source = ast.parse(path.read_text(encoding="utf-8"))
                            return _module_constants(source).get(alias.name)
    return None


# Helpers that look a hook up for their caller's group: their own ``fast_path`` call is
# skipped, and each call of theirs is scanned as ``fast_path(xp, group, <hook>)``.
_FORWARDERS = {"guard_allocation": "check_allocation"}


def fast_path_calls() -> list[tuple[str, int, str | None, str | None]]:
    """(file, line, group, name) of every ``fast_path(xp, group, name)`` call in src/ (None: not a literal)."""
    calls = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = _module_constants(tree)
        inside_forwarders = {
            id(inner)
            for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and node.name in _FORWARDERS
            for inner in ast.walk(node)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or id(node) in inside_forwarders:
                continue
            func = node.func
            callee = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if callee in _FORWARDERS and len(node.args) >= 2:
                hook = ast.Constant(_FORWARDERS[callee])
                arguments = [node.args[0], node.args[1], hook]
            elif callee == "fast_path" and len(node.args) == 3:
                arguments = node.args
            else:
                continue
            values = []
            for arg in arguments[1:]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    values.append(arg.value)
                elif isinstance(arg, ast.Name):
                    values.append(constants.get(arg.id) or _imported_constant(tree, arg.id))
                else:
                    values.append(None)
            calls.append((str(path.relative_to(SRC)), node.lineno, values[0], values[1]))
    return calls


def test_every_fast_path_call_in_src_names_a_declared_hook():
    calls = fast_path_calls()
    assert len(calls) >= 25  # the scan sees the calls (31 when it was written)
    problems = []
    for file, line, group, name in calls:
        where = f"{file}:{line}"
        if group is None:
            problems.append(f"{where}: the group is not a string literal or module constant")
            continue
        if group not in _hooks.GROUPS:
            problems.append(f"{where}: undeclared group {group!r}")
        elif name is not None and name not in _hooks.GROUPS[group].names:
            problems.append(f"{where}: {name!r} is not declared in group {group!r}")
    assert problems == []


def test_the_call_scan_sees_a_misspelt_name(tmp_path, monkeypatch):
    (tmp_path / "m.py").write_text(
        '_GROUP = "stats"\ndef f(xp):\n    return fast_path(xp, _GROUP, "logsumexpp")\n'
    )
    monkeypatch.setattr(sys.modules[__name__], "SRC", tmp_path)
    assert fast_path_calls() == [("m.py", 3, "stats", "logsumexpp")]


# --------------------------------------------------------------------------- behaviour


def test_an_undeclared_group_or_name_is_a_lookup_error():
    xp = ember_ml.array_namespace(np.zeros(1))
    with pytest.raises(LookupError, match="unknown extras group 'statz'"):
        _hooks.fast_path(xp, "statz", "logsumexp")
    with pytest.raises(LookupError, match="'logsumexpp' is not declared in extras group 'stats'"):
        _hooks.fast_path(xp, "stats", "logsumexpp")


def test_a_misspelt_name_fails_on_a_foreign_namespace_too():
    strict = pytest.importorskip("array_api_strict")
    xp = ember_ml.array_namespace(strict.asarray([1.0]))
    assert _hooks.fast_path(xp, "stats", "logsumexp") is None
    with pytest.raises(LookupError):
        _hooks.fast_path(xp, "stats", "logsumexpp")


def test_disabled_switches_fast_paths_off_and_keeps_the_hooks():
    xp = ember_ml.array_namespace(np.zeros(1))
    scatter = _hooks.fast_path(xp, "indexing", "scatter")
    assert scatter is not None
    with _hooks.disabled():
        assert _hooks.fast_path(xp, "indexing", "scatter") is None
        assert _hooks.fast_path(xp, "linalg", "lstsq") is None
        assert _hooks.fast_path(xp, "indexing", "native_bounds_check") is not None  # a hook
        assert _hooks.fast_path(xp, "random", "NativeState") is not None  # required
    assert _hooks.fast_path(xp, "indexing", "scatter") is scatter


def test_disabled_by_group_and_by_name():
    xp = ember_ml.array_namespace(np.zeros(1))
    with _hooks.disabled("stats"):
        assert _hooks.fast_path(xp, "stats", "median") is None
        assert _hooks.fast_path(xp, "indexing", "scatter") is not None
    with _hooks.disabled("linalg", "lstsq"):
        assert _hooks.fast_path(xp, "linalg", "lstsq") is None
        assert _hooks.fast_path(xp, "linalg", "diag") is not None
    with pytest.raises(LookupError, match="not fast paths"):
        _hooks.disabled("indexing", "check_allocation")
    with pytest.raises(LookupError):
        _hooks.disabled("statz")
    with pytest.raises(ValueError):
        _hooks.disabled(None, "median")


def test_disabled_runs_the_generic_code_with_the_same_answer():
    from ember_ml import ops

    x = np.random.default_rng(0).standard_normal((4, 5))
    fast = ops.stats.logsumexp(x, axis=1)
    with _hooks.disabled():
        generic = ops.stats.logsumexp(x, axis=1)
    np.testing.assert_allclose(generic, fast, rtol=1e-12)


def test_the_backend_loads_its_extras_with_it():
    backend.load("numpy")
    for group in backend.FAST_PATH_GROUPS:
        assert f"ember_ml.backend.numpy._extras.{group}" in sys.modules
