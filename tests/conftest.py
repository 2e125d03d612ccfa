"""The one ``xp`` fixture: every test that takes it runs on NumPy, PyTorch, MLX and array-api-strict.

``xp`` is the standard namespace a test builds its inputs with; passing those
arrays to ``ember_ml.ops`` must give the standard's answer. A library that is
not installed is skipped with the reason shown.
"""

from __future__ import annotations

import contextlib
import importlib
import os

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

LIBRARIES = ("numpy", "torch", "mlx", "dask", "array_api_strict")
# A test marked ``dask_deep`` (a statistical check of the random samplers) runs its Dask entry
# only with EMBER_ML_DASK_DEEP=1 (``tox -e dask-deep``): on Dask the samplers are bit-identical
# to NumPy (tests/random's identity tests include Dask), so NumPy's entry checks the numbers.
DASK_DEEP = os.environ.get("EMBER_ML_DASK_DEEP", "") not in ("", "0")
_MODULE = {
    "numpy": "numpy",
    "torch": "torch",
    "mlx": "mlx.core",
    "dask": "dask.array",
    "array_api_strict": "array_api_strict",
}


def namespace_for(library: str):
    """The standard namespace ember_ml gives arrays of ``library`` (skip if not installed)."""
    module = pytest.importorskip(_MODULE[library], reason=f"{library} is not installed")
    return ember_ml.array_namespace(
        module.asarray([0.0]) if library != "mlx" else module.array([0.0])
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "dask_deep: the Dask entry of xp runs only with EMBER_ML_DASK_DEEP=1"
    )


@pytest.fixture(params=LIBRARIES)
def xp(request, monkeypatch):
    """A standard namespace per library: ember_ml's for NumPy/torch/MLX/Dask, the library itself for array-api-strict.

    On Dask, ``xp.asarray`` and the creation functions cut every axis of 3 or more
    elements into 3 chunks of random sizes (seeded by the test's name), so the tests see
    chunk edges where the extras must handle them.
    """
    namespace = namespace_for(request.param)
    if request.param == "dask":
        if request.node.get_closest_marker("dask_deep") is not None and not DASK_DEEP:
            pytest.skip(
                "statistical check: Dask's samplers are bit-identical to NumPy's (tested); "
                "set EMBER_ML_DASK_DEEP=1 (tox -e dask-deep)"
            )
        _chunk_dask_inputs(namespace, monkeypatch, request.node.nodeid)
        import dask

        with dask.config.set(scheduler="synchronous"):  # tiny test arrays: no thread pool
            yield namespace
        return
    yield namespace


def _chunk_dask_inputs(namespace, monkeypatch, seed_text):
    import zlib

    import numpy as np

    def chunks_for(shape):  # the same chunks for the same shape within a test
        rng = np.random.default_rng(zlib.crc32(f"{seed_text}{shape}".encode()))
        out = []
        for n in shape:
            if n < 3:
                out.append((n,) if n else (0,))
            else:
                cuts = np.sort(rng.choice(np.arange(1, n), size=2, replace=False))
                out.append(tuple(int(c) for c in np.diff([0, *cuts, n])))
        return tuple(out)

    def chunked(function):
        def call(*args, **kwargs):
            result = function(*args, **kwargs)
            return result.rechunk(chunks_for(result.shape)) if result.ndim else result

        call.__name__ = call.__qualname__ = function.__name__
        call.__doc__ = function.__doc__
        return call

    for name in ("asarray", "arange", "zeros", "ones", "full", "empty", "linspace"):
        monkeypatch.setattr(namespace, name, chunked(getattr(namespace, name)))


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
