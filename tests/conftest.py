"""The one ``xp`` fixture: every test that takes it runs on NumPy, PyTorch, MLX and array-api-strict.

``xp`` is the standard namespace a test builds its inputs with; passing those
arrays to ``ember_ml.ops`` must give the standard's answer. A library that is
not installed is skipped with the reason shown.
"""

from __future__ import annotations

import contextlib
import importlib

import pytest
from hypothesis import settings

import ember_ml
from ember_ml import _hooks, _selection

# Hypothesis: CI (plain ``pytest``) draws the same examples on every run (derandomize, no
# example database), so a red CI is a regression, never a new draw. ``tox -e hypothesis-random``
# runs the suite with ``--hypothesis-profile random`` (fresh draws each run, the database
# replaying past failures); a test's own ``@settings(max_examples=...)`` still bounds it.
settings.register_profile("ci", derandomize=True, database=None, max_examples=50, deadline=None)
settings.register_profile("random", derandomize=False, max_examples=100, deadline=None)
settings.load_profile("ci")  # the pytest option --hypothesis-profile, read later, overrides it

LIBRARIES = ("numpy", "torch", "mlx", "array_api_strict")
_MODULE = {
    "numpy": "numpy",
    "torch": "torch",
    "mlx": "mlx.core",
    "array_api_strict": "array_api_strict",
}


def namespace_for(library: str):
    """The standard namespace ember_ml gives arrays of ``library`` (skip if not installed)."""
    module = pytest.importorskip(_MODULE[library], reason=f"{library} is not installed")
    return ember_ml.array_namespace(
        module.asarray([0.0]) if library != "mlx" else module.array([0.0])
    )


@pytest.fixture(params=LIBRARIES)
def xp(request):
    """A standard namespace per library: ember_ml's for NumPy/torch/MLX, the library itself for array-api-strict."""
    return namespace_for(request.param)


@pytest.fixture
def generic():
    """Call ``generic()`` to run every extra's generic implementation for the rest of the test,
    ``generic(group)`` / ``generic(group, *names)`` for some (fast paths off; hooks stay on).

    The one switch for comparing the native fast paths with the generic code
    (``ember_ml._hooks.disabled``); a misspelt group or name is a ``LookupError``.
    """
    with contextlib.ExitStack() as stack:

        def switch(group: str | None = None, *names: str) -> None:
            stack.enter_context(_hooks.disabled(group, *names))

        yield switch


@pytest.fixture(autouse=True)
def _fresh_backend_selection(monkeypatch, tmp_path):
    """Each test starts with no backend chosen, no EMBER_ML_BACKEND and an empty home directory."""
    monkeypatch.delenv(_selection.ENV_VAR, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    _selection._reset()
    yield
    _selection._reset()


def strict():
    """array-api-strict, the oracle for the standard's semantics."""
    return importlib.import_module("array_api_strict")


def to_numpy(x):
    """A NumPy copy of any array (torch tensors leave autograd; array-api-strict through DLPack)."""
    from ember_ml import backend

    return backend.to_numpy(x)
