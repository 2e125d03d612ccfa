"""Valid names come from SPEC (the table ops is generated from) and the extras' ``__all__``."""

from __future__ import annotations

import importlib
import sys
import types

import pytest

from ember_ml.lint import _names, check_source
from ember_ml.ops._spec import SPEC


def _codes(code: str) -> list[str]:
    return [f.code for f in check_source(code)]


@pytest.mark.parametrize("extension", ["", "linalg", "fft"])
def test_every_standard_function_is_valid_on_xp_and_ops(extension):
    names = [name for ext, name, _, _ in SPEC if ext == extension]
    prefix = f".{extension}" if extension else ""
    lines = [f"    xp{prefix}.{name}" for name in names] + [
        f"    ops{prefix}.{name}" for name in names
    ]
    code = "from ember_ml import ops\n\ndef f(xp):\n" + "\n".join(lines) + "\n"
    assert _codes(code) == []


def test_a_name_missing_from_spec_is_reported():
    assert _codes("def f(xp):\n    return xp.logaddexp2(1, 2)\n") == ["EM201"]


def test_the_extras_are_read_from_the_modules_all(monkeypatch):
    """A name added to an extras module's __all__ is valid at once; others stay invalid."""
    fakes = {
        "ember_ml.ops.stats": ["brand_new_statistic"],
        "ember_ml.ops.indexing": ["brand_new_scatter"],
        "ember_ml.random": ["brand_new_sampler"],
    }
    for module, names in fakes.items():
        fake = types.ModuleType(module)
        fake.__all__ = names
        monkeypatch.setitem(sys.modules, module, fake)
    fake_ops = types.ModuleType("ember_ml.ops")
    fake_ops.__all__ = [*importlib.import_module("ember_ml.ops").__all__, "brand_new_scatter"]
    monkeypatch.setitem(sys.modules, "ember_ml.ops", fake_ops)
    _names.namespaces.cache_clear()
    try:
        code = (
            "from ember_ml import ops, random\n"
            "def f(x):\n"
            "    a = ops.stats.brand_new_statistic(x)\n"
            "    b = ops.brand_new_scatter(x)\n"
            "    c = random.brand_new_sampler(3)\n"
            "    d = ops.stats.not_there(x)\n"
            "    return a, b, c, d\n"
        )
        assert [(f.line, f.code) for f in check_source(code)] == [(6, "EM201")]
        # an extra is not a standard name: on xp it points to ember_ml.ops
        found = check_source("def f(xp):\n    return xp.brand_new_scatter(1)\n")
        assert [(f.code, f.suggestion) for f in found] == [
            ("EM201", "use ember_ml.ops.brand_new_scatter")
        ]
    finally:
        monkeypatch.undo()
        _names.namespaces.cache_clear()


def test_the_current_extras_are_all_valid():
    names = _names.namespaces()
    for group in ("stats", "activations", "linalg", "signal"):
        module = importlib.import_module(f"ember_ml.ops.{group}")
        lines = [f"    ops.{group}.{name}" for name in module.__all__]
        assert (
            _codes("from ember_ml import ops\ndef f():\n" + "\n".join(lines or ["    pass"]) + "\n")
            == []
        )
    for module in ("ember_ml.ops.indexing", "ember_ml.ops.signal", "ember_ml.ops._random"):
        assert set(importlib.import_module(module).__all__) <= names["ops"].names


def test_a_broken_extras_module_makes_its_namespace_permissive(monkeypatch):
    broken = types.ModuleType("ember_ml.ops.stats")  # no __all__
    monkeypatch.setitem(sys.modules, "ember_ml.ops.stats", broken)
    _names.namespaces.cache_clear()
    try:
        assert (
            _codes("from ember_ml import ops\ndef f(x):\n    return ops.stats.anything(x)\n") == []
        )
    finally:
        monkeypatch.undo()
        _names.namespaces.cache_clear()


def test_linting_imports_no_array_library():
    import subprocess

    code = (
        "import sys\nfrom ember_ml.lint import check_source\n"
        "check_source('import numpy as np\\ndef f(xp):\\n    return xp.concatenate([])\\n')\n"
        "print(sorted(m for m in ('numpy', 'torch', 'mlx', 'jax') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
